import { PATH_CLASS_LABELS } from '../model/paths.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Evidence, FindingDraft, Location, RuleOutcome, Severity } from '../model/types.js';
import { defineRule } from './types.js';

export interface BinaryKind {
  name: string;
  severity: Severity;
}

const EXECUTABLE: Severity = 'high';
const BYTECODE: Severity = 'medium';
const ARCHIVE_EXTENSIONS = /\.(jar|war|ear|aar|apk|whl|egg|nupkg)$/i;

/** Printable ASCII or whitespace: an `MZ` text file is not a PE image. */
function printable(byte: number): boolean {
  return (byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/** What a file's first bytes say it is, or undefined for anything that is not an executable or bytecode. */
export function classifyHead(path: string, head: Uint8Array): BinaryKind | undefined {
  const b = (i: number): number => head[i] ?? -1;
  const u32 = (i: number): number => ((b(i) << 24) | (b(i + 1) << 16) | (b(i + 2) << 8) | b(i + 3)) >>> 0;
  if (b(0) === 0x7f && b(1) === 0x45 && b(2) === 0x4c && b(3) === 0x46)
    return { name: 'an ELF executable or library', severity: EXECUTABLE };
  if (b(0) === 0x4d && b(1) === 0x5a && head.length >= 4 && [...head.subarray(2)].some((byte) => !printable(byte)))
    return { name: 'a Windows PE executable or DLL', severity: EXECUTABLE };
  const magic = u32(0);
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(magic))
    return { name: 'a Mach-O executable or library', severity: EXECUTABLE };
  if (magic === 0xcafebabe) {
    // Mach-O universal binaries share Java's magic; the next word is a small architecture count there, a class-file version (>= 45) in Java.
    return u32(4) < 45
      ? { name: 'a Mach-O universal binary', severity: EXECUTABLE }
      : { name: 'a compiled Java class', severity: BYTECODE };
  }
  if (b(0) === 0x64 && b(1) === 0x65 && b(2) === 0x78 && b(3) === 0x0a) return { name: 'Android DEX bytecode', severity: BYTECODE };
  if (/\.py[co]$/i.test(path) && b(2) === 0x0d && b(3) === 0x0a) return { name: 'compiled Python bytecode', severity: BYTECODE };
  if (b(0) === 0x21 && b(1) === 0x3c && b(2) === 0x61 && b(3) === 0x72 && b(4) === 0x63 && b(5) === 0x68 && b(6) === 0x3e) {
    return /\.(a|lib)$/i.test(path) ? { name: 'a static library of object code', severity: EXECUTABLE } : undefined;
  }
  if (b(0) === 0x50 && b(1) === 0x4b && b(2) === 0x03 && b(3) === 0x04 && ARCHIVE_EXTENSIONS.test(path))
    return { name: `a ${path.slice(path.lastIndexOf('.') + 1).toLowerCase()} archive of compiled code`, severity: BYTECODE };
  if (b(0) === 0x00 && b(1) === 0x61 && b(2) === 0x73 && b(3) === 0x6d) return { name: 'a WebAssembly module', severity: 'low' };
  return undefined;
}

const WRAPPER_VALIDATION = [
  {
    name: 'Gradle wrapper validation',
    actions: ['gradle/wrapper-validation-action', 'gradle/actions/wrapper-validation', 'gradle/actions/setup-gradle'],
  },
];

function fileLocation(path: string): Location {
  return { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
}

export default defineRule(
  {
    id: 'binary-artifacts',
    title: 'Executables or bytecode are committed to the repository',
    description:
      'Committed executables, libraries and bytecode (recognised by their magic bytes: ELF, PE, Mach-O, Java class, DEX, .pyc, jar/war archives, WebAssembly) cannot be reviewed like source, so a malicious or outdated binary can hide in plain sight and be run by builds or users.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Build binaries from source in CI instead of committing them; fetch tools by pinned version and checksum. For gradle-wrapper.jar, add `gradle/actions/wrapper-validation` to CI.',
    needs: [],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const validation = index.findTools(WRAPPER_VALIDATION)[0];
    const committed = index.committedPaths.filter((path) => snapshot.files.heads.has(path)).sort();
    const classifier = index.pathClassifier;
    for (const path of committed) {
      const head = snapshot.files.heads.get(path);
      const kind = head ? classifyHead(path, head) : undefined;
      if (!kind) continue;
      if (/(^|\/)gradle\/wrapper\/gradle-wrapper\.jar$/.test(path) && validation) {
        evidence.push({
          message: `${path} is the Gradle wrapper, checked by ${validation.detail} in ${validation.file.path}`,
          location: validation.location,
        });
        continue;
      }
      // Test data, examples and vendored trees hold binaries on purpose (parsers need samples): still reported, at low.
      const pathClass = classifier.classOf(path);
      const testData = pathClass !== 'project';
      const wrapper = /gradle-wrapper\.jar$/.test(path)
        ? " Add `gradle/actions/wrapper-validation` to CI so the wrapper is checked against Gradle's published checksums."
        : ' Build it from source in CI, or fetch it by pinned version and checksum.';
      findings.push({
        message: `${path} is ${kind.name} committed to the repository${testData ? ` (in ${PATH_CLASS_LABELS[pathClass]})` : ''}.${wrapper}`,
        location: fileLocation(path),
        severity: testData && kind.severity !== 'low' ? 'low' : kind.severity,
        confidence: testData ? 'medium' : 'high',
        subject: path,
      });
    }
    const inspected = committed.length;
    if (inspected === 0) return { findings, evidence, notApplicable: 'no files to inspect' };
    if (findings.length === 0)
      evidence.push({ message: `none of the ${inspected} files inspected by magic bytes is an executable or bytecode` });
    return { findings, evidence };
  },
);
