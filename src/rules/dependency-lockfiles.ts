import type { RepoFiles } from '../model/snapshot.js';
import type { AuditIndex } from '../model/audit-index.js';
import type { Snapshot } from '../model/snapshot.js';
import { parseJsonLenient } from '../model/dependabot.js';
import type { Ecosystem, Manifest } from '../model/ecosystems.js';
import { lineLocation } from '../model/source.js';
import { releaseInstall } from '../model/release-installs.js';
import { packageListOutcome, packageRequirements, pbrSetup, pythonPackageNote } from '../model/package-requirements.js';
import { publishesImage } from '../model/ships.js';
import { runtimeDependencies, TOOLING_ROLE_NOTES, toolingRole } from '../model/runtime-dependencies.js';
import { cargoLibraryOnly, isInternalCrate } from '../model/cargo-crates.js';
import { deliberateNpm, npmLockDisabled, withoutNpmLock } from '../model/npm-lock-policy.js';
import { developmentRequirements } from '../model/tooling-installs.js';
import { confinedInstalls, deliberateCargo } from '../model/tooling-lock-policy.js';
import { tomlTableText, workspaceOf } from '../model/workspaces.js';
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
          /^\[project\.optional-dependencies\]/m.test(text) ||
          /^\[dependency-groups\]/m.test(text)
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
  const unlocked: Unlocked[] = [];
  for (const manifest of manifests) {
    if (!declaresDependencies(files, manifest)) continue;
    const isRequirements = /(^|\/)requirements[^/]*\.txt$/.test(manifest.path);
    if (manifest.ecosystem === 'pip' && /(^|\/)requirements[^/]*\.in$/.test(manifest.path)) continue;
    // A pbr setup.py declares only pbr itself: its dependencies are the requirements.txt beside it, judged there.
    if (/(^|\/)setup\.py$/.test(manifest.path) && pbrSetup(files, manifest.path)) continue;
    judged += 1;
    // Tooling (documentation builds, fuzz and benchmark harnesses, private packages) ships nothing: unlocked, it costs
    // reproducibility, not what users run. CI requirements are judged in full: the workflows install them.
    const role = toolingRole(snapshot, manifest.path);
    // Installed by a publishing job, tooling runs with the release's credentials before the artifact is built.
    const release = isRequirements && role !== undefined && role !== 'ci' ? releaseInstall(index, manifest.path) : undefined;
    const note = role !== undefined && role !== 'ci' ? `; it ${TOOLING_ROLE_NOTES[role].one}` : '';
    const tooling = note !== '' && release === undefined ? `${note}, so none of its dependencies ship` : '';
    const onRelease =
      release !== undefined
        ? `${note}, but the publishing ${release} installs it, so its packages run in the job that publishes the release`
        : '';
    // A requirements file is its own lock: judged by its hashes, never by a lockfile that happens to sit nearby.
    const lock = isRequirements ? undefined : findLock(files, manifest);
    if (isRequirements) {
      const state = requirementsLock(files, manifest.path);
      const own = role === undefined && state !== 'hashed' && state !== undefined ? packageRequirements(files, manifest.path) : undefined;
      if (own !== undefined) {
        const lock = findLock(files, manifest)?.path;
        const judged = packageListOutcome(index, manifest.path, own, state === 'pinned', lock, expectedLocks(manifest.ecosystem));
        if ('finding' in judged) findings.push(judged.finding);
        else evidence.push(judged.evidence);
      } else if (state === 'hashed') {
        evidence.push({
          message: `${manifest.path} pins every requirement with a sha256 hash`,
          location: lineLocation(manifest.path, 1),
          aspect: 'integrity',
        });
      } else if (state !== undefined) {
        const low = state === 'pinned' || tooling !== '';
        // Development and CI tooling ships nothing: what the jobs that install it hold is the risk.
        const confined =
          !low && onRelease === '' && (role === 'ci' || developmentRequirements(manifest.path))
            ? confinedInstalls(index, manifest.path, role === 'ci' ? 'CI tooling' : 'development and test tooling')
            : '';
        findings.push({
          message: `${manifest.path} ${state === 'pinned' ? 'pins versions but has no hashes' : 'has requirements without exact pins or hashes'}${tooling}${onRelease}${confined}; generate it with \`pip-compile --generate-hashes\` (or \`uv pip compile --generate-hashes\`) and install with --require-hashes.`,
          location: lineLocation(manifest.path, 1),
          aspect: state === 'pinned' ? 'integrity' : 'lockfile',
          severity: low || confined !== '' ? 'low' : 'medium',
          subject: manifest.path,
        });
      }
      continue;
    }
    if (!lock) {
      const harness =
        tooling !== '' && (role === 'fuzz' || role === 'benchmark')
          ? deliberateCargo(snapshot, index, manifest.path, role, tooling)
          : undefined;
      const library = tooling === '' ? pythonPackageNote(index, manifest.path, publishesImage(snapshot, index)) : undefined;
      unlocked.push(harness ? { manifest, finding: harness } : unlockedFinding(snapshot, manifest, tooling, library));
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
  findings.push(...byWorkspace(snapshot, unlocked, (root) => cargoLibraryOnly(snapshot, index, root)));
  // Only a tree that holds a package.json can show that no npm lockfile is committed (a workflows-only extract cannot).
  const noNpmLock = manifests.some((m) => m.ecosystem === 'npm') && !hasNpmLock(snapshot);
  const rootPolicy = noNpmLock ? npmLockDisabled(snapshot, 'package.json') : undefined;
  findings.push(...(noNpmLock ? installs.findings.map(withoutNpmLock(snapshot, rootPolicy)) : installs.findings));
  evidence.push(...installs.evidence);
  if (judged === 0 && findings.length === 0) return { findings, evidence, notApplicable: 'no manifest declares third-party dependencies' };
  return { findings, evidence };
}

interface Unlocked {
  manifest: Manifest;
  finding: FindingDraft;
}

function expectedLocks(ecosystem: Ecosystem): string {
  return (LOCKS[ecosystem] ?? []).map((kind) => kind.name).join(', ');
}

/** A manifest with no lockfile: medium, or low where what it declares never ships (tooling, internal crates, no runtime dependency). */
function unlockedFinding(snapshot: Snapshot, manifest: Manifest, tooling: string, library?: string): Unlocked {
  const expected = expectedLocks(manifest.ecosystem);
  const base = { location: lineLocation(manifest.path, 1), aspect: 'lockfile', subject: manifest.path } as const;
  const internal = tooling === '' && isInternalCrate(snapshot, manifest.path);
  const devOnly = tooling === '' && !internal ? developmentOnly(snapshot, manifest.path) : undefined;
  if (devOnly !== undefined) {
    return {
      manifest,
      finding: {
        ...base,
        message: `${manifest.path} declares no required runtime dependency (${devOnly}) and no lockfile is committed (${expected}); nothing the package needs at run time is left unpinned, only development installs are not reproducible: commit the lockfile if they matter.`,
        severity: 'low',
      },
    };
  }
  const note =
    tooling !== ''
      ? tooling
      : internal
        ? '; it is unpublished (`publish = false`) and declares no binary target, so none of its dependencies ship'
        : (library ?? '');
  const policy = manifest.ecosystem === 'npm' ? npmLockDisabled(snapshot, manifest.path) : undefined;
  if (policy) return { manifest, finding: { ...base, ...deliberateNpm(snapshot, manifest.path, policy.where, note) } };
  return {
    manifest,
    finding: {
      ...base,
      message: `${manifest.path} declares ${manifest.ecosystem} dependencies but no lockfile is committed (${expected})${note}; commit the lockfile so installs are reproducible.`,
      severity: manifest.ecosystem === 'gradle' || note !== '' ? 'low' : 'medium',
      confidence: manifest.ecosystem === 'gradle' ? 'medium' : 'high',
    },
  };
}

const LIBRARY_NOTE =
  "; .gitignore leaves Cargo.lock out on purpose, every crate it publishes is a library (no `[[bin]]`, `src/main.rs` or `src/bin/`), and no workflow publishes a crate or binary, so a lock would pin only the project's own CI and development builds (a library's Cargo.lock is never used by its dependents): commit it if reproducible CI builds matter.";

/**
 * What a manifest declares instead of runtime dependencies, when it declares none ("only the optional extra `all`
 * and the build backend flit_core"); undefined when it declares some or that is unknown.
 */
function developmentOnly(snapshot: Snapshot, path: string): string | undefined {
  if (runtimeDependencies(snapshot, path) !== 'none') return undefined;
  const text = snapshot.files.texts.get(path)?.text ?? '';
  const base = path.slice(path.lastIndexOf('/') + 1);
  const parts: string[] = [];
  if (base === 'pyproject.toml') {
    // Poetry 2 keeps `[project]` beside its own dependency table, which runtimeDependencies does not read.
    if (/^\[tool\.(poetry|pdm)\.dependencies\]/m.test(text)) return undefined;
    const keys = (table: string): string[] =>
      [...(tomlTableText(text, table) ?? '').matchAll(/^\s*([\w.-]+)\s*=/gm)].map((m) => `\`${m[1]}\``);
    const extras = keys('project.optional-dependencies');
    const groups = keys('dependency-groups');
    if (extras.length > 0) parts.push(`the optional extra${extras.length === 1 ? '' : 's'} ${extras.join(', ')}`);
    if (groups.length > 0) parts.push(`the dependency group${groups.length === 1 ? '' : 's'} ${groups.join(', ')}`);
    const requires = /^\s*requires\s*=\s*\[([^\]]*)\]/m.exec(tomlTableText(text, 'build-system') ?? '');
    const backends = [...(requires?.[1] ?? '').matchAll(/["']\s*([A-Za-z0-9_.-]+)/g)].map((m) => m[1]);
    if (backends.length > 0) parts.push(`the build requirement${backends.length === 1 ? '' : 's'} ${backends.join(', ')}`);
  } else if (base === 'package.json') {
    if (/"devDependencies"\s*:\s*\{\s*"/.test(text)) parts.push('devDependencies');
  } else if (base === 'Cargo.toml') {
    if (/^\s*\[(?:target\.[^\]]+\.)?dev-dependencies/m.test(text)) parts.push('dev-dependencies');
  }
  return parts.length > 0 ? `only ${parts.join(' and ')}` : 'nothing else';
}

/**
 * One finding per workspace: its members share the lockfile at its root, so a missing lock is one fact, reported at
 * the root manifest with the member count; medium when any member's dependencies ship.
 */
function byWorkspace(snapshot: Snapshot, unlocked: readonly Unlocked[], libraryOnly: (root: string) => boolean): FindingDraft[] {
  const groups = new Map<string, Unlocked[]>();
  const kinds = new Map<string, string>();
  for (const entry of unlocked) {
    const workspace = workspaceOf(snapshot, entry.manifest.path);
    const key = workspace?.root ?? entry.manifest.path;
    if (workspace) kinds.set(key, workspace.kind);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const findings: FindingDraft[] = [];
  for (const [root, entries] of groups) {
    // Members whose dependencies ship first: they are what the severity rests on.
    const members = entries
      .filter((entry) => entry.manifest.path !== root)
      .sort((a, b) => Number(!shipsFinding(a.finding)) - Number(!shipsFinding(b.finding)));
    if (members.length === 0) {
      findings.push(
        ...entries.map((entry) =>
          shipsFinding(entry.finding) && libraryOnly(root)
            ? {
                ...entry.finding,
                message: `${root} declares cargo dependencies but no lockfile is committed (Cargo.lock)${LIBRARY_NOTE}`,
                severity: 'low' as const,
              }
            : entry.finding,
        ),
      );
      continue;
    }
    const names = members.map((entry) => dirOf(entry.manifest.path));
    const shown = `${names.slice(0, 4).join(', ')}${names.length > 4 ? ` and ${names.length - 4} more` : ''}`;
    const medium =
      members.some((entry) => shipsFinding(entry.finding)) ||
      entries.some((entry) => entry.manifest.path === root && shipsFinding(entry.finding) && rootShips(snapshot, root));
    const ecosystem = entries[0].manifest.ecosystem;
    const library = medium && libraryOnly(root);
    const why = library
      ? LIBRARY_NOTE
      : `${medium ? '' : '; each member is tooling, an unpublished crate with no binary, or declares no required runtime dependency, so none of their dependencies ship'}; commit the workspace's one lockfile so its builds and CI installs are reproducible.`;
    findings.push({
      message: `${root} is the root of a ${kinds.get(root)} workspace, and no lockfile is committed at its root (${expectedLocks(ecosystem)}) for it or its ${members.length} member${members.length === 1 ? '' : 's'} with dependencies (${shown})${why}`,
      location: lineLocation(root, 1),
      aspect: 'lockfile',
      severity: medium && !library ? 'medium' : 'low',
      subject: root,
    });
  }
  return findings;
}

/** A member finding at medium (the rule's default) or above: its dependencies ship. */
function shipsFinding(finding: FindingDraft): boolean {
  return finding.severity === undefined || finding.severity === 'medium' || finding.severity === 'high' || finding.severity === 'critical';
}

/** Whether a workspace root declares runtime dependencies of its own: a virtual Cargo manifest has no package at all. */
function rootShips(snapshot: Snapshot, root: string): boolean {
  const text = snapshot.files.texts.get(root)?.text ?? '';
  if (root.endsWith('Cargo.toml'))
    return /^\[package\]/m.test(text) && /^\s*\[(?:target\.[^\]]+\.)?(?:dependencies|build-dependencies)(?:\.[^\]]+)?\]/m.test(text);
  if (root.endsWith('package.json')) {
    const parsed = parseJsonLenient(text);
    const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    return ['dependencies', 'optionalDependencies', 'peerDependencies'].some((key) => {
      const deps = record[key];
      return typeof deps === 'object' && deps !== null && Object.keys(deps).length > 0;
    });
  }
  return runtimeDependencies(snapshot, root) !== 'none';
}

const NPM_LOCKS = new Set((LOCKS.npm ?? []).map((kind) => kind.name));

function hasNpmLock(snapshot: Snapshot): boolean {
  for (const path of snapshot.files.entries.keys()) if (NPM_LOCKS.has(path.slice(path.lastIndexOf('/') + 1))) return true;
  return false;
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
