import type { RepoFiles } from '../model/snapshot.js';
import type { AuditIndex } from '../model/audit-index.js';
import type { Snapshot } from '../model/snapshot.js';
import { parseJsonLenient } from '../model/dependabot.js';
import type { Ecosystem, Manifest } from '../model/ecosystems.js';
import { lineLocation } from '../model/source.js';
import { TOOLING_ROLE_NOTES, toolingRole } from '../model/runtime-dependencies.js';
import type { Evidence, FindingDraft, RuleOutcome, Severity } from '../model/types.js';
import { at, regionInScalar, type Job, type Step, type WorkflowModel } from '../model/workflow.js';
import { applyOutcome, defineRule } from './types.js';

/** A lockfile kind: where it may sit (the manifest's directory or, for workspaces, an ancestor) and what integrity data looks like. */
interface LockKind {
  name: string;
  /** Workspaces share one lockfile at the workspace root. */
  ancestors: boolean;
  /** Integrity data inside the lockfile; undefined when the format is integrity by construction (go.sum). */
  integrity?: RegExp;
  integrityNote: string;
}

const LOCKS: Partial<Record<Ecosystem, LockKind[]>> = {
  npm: [
    { name: 'package-lock.json', ancestors: true, integrity: /"integrity"\s*:\s*"sha(256|384|512)-/, integrityNote: 'sha512 integrity' },
    { name: 'npm-shrinkwrap.json', ancestors: true, integrity: /"integrity"\s*:\s*"sha(256|384|512)-/, integrityNote: 'sha512 integrity' },
    { name: 'yarn.lock', ancestors: true, integrity: /^\s+(integrity\s+sha|checksum:\s*\w)/m, integrityNote: 'integrity/checksum fields' },
    { name: 'pnpm-lock.yaml', ancestors: true, integrity: /integrity:\s*sha/, integrityNote: 'integrity fields' },
    { name: 'bun.lock', ancestors: true, integrity: /"sha(256|512)-/, integrityNote: 'integrity hashes' },
    { name: 'bun.lockb', ancestors: true, integrityNote: 'a binary lockfile with integrity hashes' },
  ],
  pip: [
    { name: 'poetry.lock', ancestors: true, integrity: /hash\s*=\s*"sha256:/, integrityNote: 'sha256 file hashes' },
    { name: 'uv.lock', ancestors: true, integrity: /hash\s*=\s*"sha256:/, integrityNote: 'sha256 file hashes' },
    { name: 'pdm.lock', ancestors: true, integrity: /hash\s*=\s*"sha256:/, integrityNote: 'sha256 file hashes' },
    { name: 'Pipfile.lock', ancestors: false, integrity: /"sha256:/, integrityNote: 'sha256 hashes' },
  ],
  gomod: [{ name: 'go.sum', ancestors: false, integrityNote: 'module hashes (go.sum is integrity data)' }],
  cargo: [{ name: 'Cargo.lock', ancestors: true, integrity: /^checksum\s*=\s*"[0-9a-f]{64}"/m, integrityNote: 'sha256 checksums' }],
  bundler: [{ name: 'Gemfile.lock', ancestors: false, integrity: /^CHECKSUMS$/m, integrityNote: 'a CHECKSUMS section' }],
  composer: [
    {
      name: 'composer.lock',
      ancestors: false,
      integrity: /"(shasum"\s*:\s*"[0-9a-f]{40}|reference"\s*:\s*"[0-9a-f]{40})"/,
      integrityNote: 'pinned dist references',
    },
  ],
  nuget: [{ name: 'packages.lock.json', ancestors: false, integrity: /"contentHash"\s*:/, integrityNote: 'contentHash fields' }],
  gradle: [
    {
      name: 'gradle/verification-metadata.xml',
      ancestors: true,
      integrity: /<sha256 /,
      integrityNote: 'dependency verification checksums',
    },
    { name: 'gradle.lockfile', ancestors: false, integrityNote: 'pinned versions' },
  ],
  mix: [{ name: 'mix.lock', ancestors: true, integrityNote: 'hex package hashes' }],
  pub: [{ name: 'pubspec.lock', ancestors: false, integrity: /sha256:/, integrityNote: 'sha256 hashes' }],
  swift: [{ name: 'Package.resolved', ancestors: false, integrityNote: 'pinned revisions' }],
};

function dirOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

function candidateDirs(dir: string, ancestors: boolean): string[] {
  if (!ancestors) return [dir];
  const dirs = [dir];
  let current = dir;
  while (current !== '') {
    current = dirOf(current);
    dirs.push(current);
  }
  return dirs;
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** Manifests that declare no third-party dependencies need no lockfile. */
function declaresDependencies(files: RepoFiles, manifest: Manifest): boolean {
  const text = files.texts.get(manifest.path)?.text;
  if (text === undefined) return true;
  switch (manifest.ecosystem) {
    case 'npm': {
      const parsed = parseJsonLenient(text);
      if (typeof parsed !== 'object' || parsed === null) return true;
      const record = parsed as Record<string, unknown>;
      return ['dependencies', 'devDependencies', 'optionalDependencies'].some((key) => {
        const deps = record[key];
        return typeof deps === 'object' && deps !== null && Object.keys(deps).length > 0;
      });
    }
    case 'pip':
      if (/(^|\/)pyproject\.toml$/.test(manifest.path))
        return (
          /^\s*dependencies\s*=\s*\[\s*[^\]\s]/m.test(text) ||
          /^\[tool\.poetry\.dependencies\]/m.test(text) ||
          /^\[project\.optional-dependencies\]/m.test(text)
        );
      // A setup script that names no requirement keyword (requests: a bare `setup()`, the metadata in pyproject.toml) declares nothing.
      if (/(^|\/)setup\.(py|cfg)$/.test(manifest.path))
        return /\b(install_requires|extras_require|setup_requires|tests_require|requires)\s*=/.test(text);
      return true;
    case 'gomod':
      return /^\s*require\b/m.test(text);
    case 'nuget':
      return /<PackageReference\b/.test(text) || /(^|\/)packages\.config$/.test(manifest.path);
    default:
      return true;
  }
}

interface LockMatch {
  path: string;
  kind: LockKind;
}

function findLock(files: RepoFiles, manifest: Manifest): LockMatch | undefined {
  const dir = dirOf(manifest.path);
  for (const kind of LOCKS[manifest.ecosystem] ?? []) {
    for (const candidate of candidateDirs(dir, kind.ancestors)) {
      const path = join(candidate, kind.name);
      if (files.entries.has(path)) return { path, kind };
    }
  }
  return undefined;
}

/** requirements files are their own lock when every line is hash-pinned (`pip-compile --generate-hashes`). */
function requirementsLock(files: RepoFiles, path: string): 'hashed' | 'pinned' | 'loose' | undefined {
  const text = files.texts.get(path)?.text;
  if (text === undefined) return undefined;
  const requirements = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('-'));
  if (requirements.length === 0) return 'hashed';
  if (requirements.every((line) => /--hash[= ]sha256:/.test(line))) return 'hashed';
  if (requirements.every((line) => /==/.test(line))) return 'pinned';
  return 'loose';
}

const LOCKED_INSTALL =
  /\bnpm\s+ci\b|--frozen-lockfile|--immutable\b|--locked\b|--frozen\b|--require-hashes|--deployment\b|pipenv\s+(install|sync)\s+.*--deploy|\bpipenv\s+sync\b|\bpoetry\s+install\b|\buv\s+sync\b|\bdotnet\s+restore\b.*--locked-mode/;
const BARE_NPM_INSTALL = /(^|[;&|]\s*|^\s*)npm\s+(install|i)(?=\s*($|[;&|]|\s-))(?!.*\s[^-\s][^\s]*)/;

export default defineRule(
  {
    id: 'dependency-lockfiles',
    title: 'Dependencies are locked with integrity data, and CI installs from the lock',
    description:
      'Every manifest that declares dependencies needs a committed lockfile that records exact versions and integrity hashes (package-lock.json, yarn.lock, pnpm-lock.yaml, poetry.lock, uv.lock, Pipfile.lock, hash-pinned requirements, go.sum, Cargo.lock, Gemfile.lock, composer.lock, packages.lock.json), and CI must install from it (`npm ci`, `--frozen-lockfile`, `--locked`, `--require-hashes`).',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Commit the lockfile your package manager writes, and install with its locked mode in CI (`npm ci`, `pnpm install --frozen-lockfile`, `pip install --require-hashes -r requirements.txt`, `cargo build --locked`).',
    needs: [],
    aspects: ['lockfile', 'integrity', 'ci-install'],
    since: '1.0',
  },
  {
    create(context) {
      const installs: RuleOutcome = { findings: [], evidence: [] };
      return {
        step({ file, job, step }) {
          if (file.kind === 'workflow') ciInstall(file, job, step, installs);
        },
        end() {
          applyOutcome(context, lockfileOutcome(context.snapshot, context.index, installs));
        },
      };
    },
  },
);

/** The manifests' lockfiles and their integrity data, then the CI installs found during the walk. */
function lockfileOutcome(snapshot: Snapshot, index: AuditIndex, installs: RuleOutcome): RuleOutcome {
  const findings: FindingDraft[] = [];
  const evidence: Evidence[] = [];
  const files = snapshot.files;
  const manifests = index.manifests.filter((m) => LOCKS[m.ecosystem] !== undefined || m.ecosystem === 'pip');
  let judged = 0;
  for (const manifest of manifests) {
    if (!declaresDependencies(files, manifest)) continue;
    const isRequirements = /(^|\/)requirements[^/]*\.txt$/.test(manifest.path);
    if (manifest.ecosystem === 'pip' && /(^|\/)requirements[^/]*\.in$/.test(manifest.path)) continue;
    judged += 1;
    // The documentation build and fuzz harnesses ship nothing: unlocked, they cost reproducibility, not what users run.
    const role = toolingRole(snapshot, manifest.path);
    const tooling = role === 'documentation' || role === 'fuzz' ? `; it ${TOOLING_ROLE_NOTES[role]}, so none of its dependencies ship` : '';
    // A requirements file is its own lock: judged by its hashes, never by a lockfile that happens to sit nearby.
    const lock = isRequirements ? undefined : findLock(files, manifest);
    if (isRequirements) {
      const state = requirementsLock(files, manifest.path);
      if (state === 'hashed') {
        evidence.push({
          message: `${manifest.path} pins every requirement with a sha256 hash`,
          location: lineLocation(manifest.path, 1),
          aspect: 'integrity',
        });
      } else if (state !== undefined) {
        findings.push({
          message: `${manifest.path} ${state === 'pinned' ? 'pins versions but has no hashes' : 'has requirements without exact pins or hashes'}${tooling}; generate it with \`pip-compile --generate-hashes\` (or \`uv pip compile --generate-hashes\`) and install with --require-hashes.`,
          location: lineLocation(manifest.path, 1),
          aspect: state === 'pinned' ? 'integrity' : 'lockfile',
          severity: state === 'pinned' || tooling !== '' ? 'low' : 'medium',
          subject: manifest.path,
        });
      }
      continue;
    }
    if (!lock) {
      const expected = (LOCKS[manifest.ecosystem] ?? []).map((kind) => kind.name).join(', ');
      findings.push({
        message: `${manifest.path} declares ${manifest.ecosystem} dependencies but no lockfile is committed (${expected})${tooling}; commit the lockfile so installs are reproducible.`,
        location: lineLocation(manifest.path, 1),
        aspect: 'lockfile',
        severity: manifest.ecosystem === 'gradle' || tooling !== '' ? 'low' : 'medium',
        confidence: manifest.ecosystem === 'gradle' ? 'medium' : 'high',
        subject: manifest.path,
      });
      continue;
    }
    const text = files.texts.get(lock.path)?.text;
    if (lock.kind.integrity && text !== undefined && !lock.kind.integrity.test(text) && !isEmptyNpmLock(lock.path, text)) {
      const severity: Severity = manifest.ecosystem === 'bundler' || tooling !== '' ? 'low' : 'medium';
      findings.push({
        message: `${lock.path} (the lockfile of ${manifest.path}) has no integrity data (${lock.kind.integrityNote})${tooling}; regenerate it with a current ${manifest.ecosystem} client${manifest.ecosystem === 'bundler' ? ' (`bundle lock --add-checksums`)' : ''}.`,
        location: lineLocation(lock.path, 1),
        aspect: 'integrity',
        severity,
        subject: lock.path,
      });
      continue;
    }
    evidence.push({
      message: `${manifest.path} is locked by ${lock.path}${text === undefined && lock.kind.integrity ? ' (too large to read for integrity data)' : `, with ${lock.kind.integrityNote}`}`,
      location: lineLocation(lock.path, 1),
      aspect: 'lockfile',
    });
  }
  findings.push(...installs.findings);
  evidence.push(...installs.evidence);
  if (judged === 0 && findings.length === 0) return { findings, evidence, notApplicable: 'no manifest declares third-party dependencies' };
  return { findings, evidence };
}

/** A package-lock of a package whose dependencies are all workspaces has nothing to hash. */
function isEmptyNpmLock(path: string, text: string): boolean {
  if (!/(package-lock|npm-shrinkwrap)\.json$/.test(path)) return false;
  return !/"resolved"\s*:/.test(text);
}

/** CI steps that install dependencies: from the lock (evidence), or bare `npm install` that rewrites it (finding). */
function ciInstall(workflow: WorkflowModel, job: Job | undefined, step: Step, { findings, evidence }: RuleOutcome): void {
  const run = step.run;
  // Both patterns match within one line, so a script neither can match anywhere is passed over whole.
  if (!run || (!run.value.includes('npm') && !LOCKED_INSTALL.test(run.value))) return;
  const lines = run.value.split('\n');
  let offset = 0;
  for (const line of lines) {
    const command = line.replace(/\s#.*$/, '');
    const locked = LOCKED_INSTALL.exec(command);
    if (locked) {
      evidence.push({
        message: `${workflow.path}: job ${job?.id ?? ''} installs from the lockfile (\`${line.trim()}\`)`,
        location: at(workflow, regionInScalar(workflow.file, run, offset, offset + line.length)),
        aspect: 'ci-install',
      });
    } else {
      const bare = BARE_NPM_INSTALL.exec(command);
      if (bare) {
        const start = offset + command.indexOf('npm', bare.index);
        findings.push({
          message: `Job ${job?.id ?? ''} in ${workflow.path} runs \`${line.trim()}\`, which resolves versions afresh instead of installing the lockfile; use \`npm ci\`.`,
          location: at(workflow, regionInScalar(workflow.file, run, start, offset + command.trimEnd().length)),
          aspect: 'ci-install',
          confidence: 'medium',
          job: job?.id,
          step: step.key,
          subject: 'npm install',
        });
      }
    }
    offset += line.length + 1;
  }
}
