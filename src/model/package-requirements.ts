/**
 * A requirements file that is the package's own dependency list rather than a lock: pbr reads `requirements.txt`
 * beside setup.py into install_requires (PyCQA/bandit: setup.py `pbr=True`, setup.cfg `[pbr]`), a setup.py reads it
 * itself, or pyproject.toml names it as setuptools' dynamic dependencies. Its version ranges are what every user of
 * the package resolves, so pinning it with hashes is wrong: what needs a lock is the project's own CI and release
 * installs. dependency-lockfiles reads it to judge the file as a manifest.
 */
import type { AuditIndex } from './audit-index.js';
import { publishingJobInstall, releaseInstall } from './release-installs.js';
import { lineLocation } from './source.js';
import type { Evidence, FindingDraft } from './types.js';
import type { RepoFiles } from './snapshot.js';
import { iniSection, stepDirectory, toxEnvs } from './tooling-installs.js';
import type { Step } from './workflow.js';

function dirOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

function inDir(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/**
 * How the package reads `path` as its dependency list, as the message names it (`setup.cfg has a [pbr] section, so
 * pbr reads it into install_requires`); undefined when nothing shows it does.
 */
export function packageRequirements(files: Pick<RepoFiles, 'texts'>, path: string): string | undefined {
  const dir = dirOf(path);
  const base = path.slice(path.lastIndexOf('/') + 1);
  const text = (name: string): string => files.texts.get(inDir(dir, name))?.text ?? '';
  const setupPy = text('setup.py');
  const setupCfg = text('setup.cfg');
  const pbr = 'so pbr reads it into install_requires';
  if (base === 'requirements.txt') {
    if (/\bpbr\s*=\s*True\b/.test(setupPy)) return `setup.py sets \`pbr=True\`, ${pbr}`;
    if (/^\[pbr\]\s*$/m.test(setupCfg)) return `setup.cfg has a [pbr] section, ${pbr}`;
  }
  if (readsIntoInstallRequires(setupPy, base)) return 'setup.py reads it into install_requires';
  const dynamic = /^\s*dependencies\s*=\s*\{\s*file\s*=\s*\[?\s*["'](?:\.\/)?([^"']+)["']/m.exec(text('pyproject.toml'));
  if (dynamic?.[1] === base) return "pyproject.toml names it as the package's dynamic dependencies";
  return undefined;
}

/** Whether tox, run for `env` in `dir`, installs the package: neither `skipsdist` in [tox] nor `skip_install` for the env. */
function toxInstallsPackage(files: Pick<RepoFiles, 'texts'>, dir: string, env: string): boolean {
  const text = files.texts.get(inDir(dir, 'tox.ini'))?.text;
  if (text === undefined) return false;
  if (/^\s*(skipsdist|no_package)\s*=\s*true\b/im.test(iniSection(text, 'tox') ?? '')) return false;
  const skip = (body: string | undefined): boolean | undefined => {
    if (body === undefined) return undefined;
    if (/^\s*skip_install\s*=\s*true\b/im.test(body) || /^\s*package\s*=\s*skip\b/im.test(body)) return true;
    return /^\s*skip_install\s*=\s*false\b/im.test(body) ? false : undefined;
  };
  return !((env === '' ? undefined : skip(iniSection(text, `testenv:${env}`))) ?? skip(iniSection(text, 'testenv')) ?? false);
}

/** How a step installs the package of `dir` (and so the dependencies it declares), or undefined. */
function stepInstallsPackage(files: Pick<RepoFiles, 'texts'>, step: Step, dir: string): string | undefined {
  if (stepDirectory(step) !== dir) return undefined;
  for (const line of (step.run?.value ?? '').replace(/\\\r?\n/g, ' ').split('\n')) {
    for (const part of line.replace(/(^|\s)#.*$/, '').split(/&&|\|\||;/)) {
      const command = part.trim();
      if (/\bpip3?\s+install\b(?:\s+-\S+)*\s+(?:-e\s+|--editable\s+)?\.(?:\[[^\]]*\])?(?:\s|$)/.test(command)) return `\`${command}\``;
      const hit = toxEnvs(command)?.find((name) => toxInstallsPackage(files, dir, name));
      if (hit !== undefined) return hit === '' ? '`tox`' : `tox env ${hit}`;
    }
  }
  return undefined;
}

/** How a publishing job installs the package whose dependency list sits in `dir`: "job build-n-publish of … (tox env manpage, …)". */
function releasePackageInstall(index: Pick<AuditIndex, 'findTools' | 'snapshot'>, dir: string): string | undefined {
  return publishingJobInstall(index, (step) => stepInstallsPackage(index.snapshot.files, step, dir));
}

/** What a publishing job installs of the package list at `path`: it directly (`direct`), else the package with it. */
function packageRelease(index: Pick<AuditIndex, 'findTools' | 'snapshot'>, path: string, direct: string | undefined): string | undefined {
  if (direct) return `${direct} installs it`;
  const via = releasePackageInstall(index, dirOf(path));
  return via ? `${via} installs the package and so these requirements` : undefined;
}

/** Whether a setup.py hands its dependencies to pbr, which reads them from the requirements.txt beside it. */
export function pbrSetup(files: Pick<RepoFiles, 'texts'>, setupPy: string): boolean {
  const requirements = inDir(dirOf(setupPy), 'requirements.txt');
  return files.texts.has(requirements) && (packageRequirements(files, requirements) ?? '').includes('pbr');
}

/** A requirements file beside `path` (`requirements-lock.txt`, `requirements.lock`) whose every requirement has a sha256 hash. */
function hashedSibling(files: Pick<RepoFiles, 'entries' | 'texts'>, path: string): string | undefined {
  const dir = dirOf(path);
  for (const candidate of files.entries.keys()) {
    if (candidate === path || dirOf(candidate) !== dir || !/(^|\/)(requirements[^/]*\.(txt|lock)|[^/]*\.lock)$/.test(candidate)) continue;
    const lines = (files.texts.get(candidate)?.text ?? '')
      .replace(/\\\n/g, ' ')
      .split('\n')
      .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
      .filter((line) => line !== '' && !line.startsWith('-'));
    if (lines.length > 0 && lines.every((line) => /--hash[= ]sha256:/.test(line))) return candidate;
  }
  return undefined;
}

/**
 * A requirements file the package reads as its dependency list is a manifest, not a lock: locked by `lockfile` (its
 * ecosystem's, found by the rule) or a hash-pinned file beside it, else a finding at the manifest-without-lock severity (low when it pins exact versions,
 * as a pinned requirements file is), naming what the publishing job installs from it. It never asks for hashes in
 * the file itself: its ranges are what every user of the package resolves.
 */
export function packageListOutcome(
  index: Pick<AuditIndex, 'findTools' | 'snapshot'>,
  path: string,
  how: string,
  pinned: boolean,
  lockfile: string | undefined,
  expected: string,
): { finding: FindingDraft } | { evidence: Evidence } {
  const dir = dirOf(path);
  const lock = lockfile ?? hashedSibling(index.snapshot.files, path);
  const what = `${path} is the package's own dependency list (${how})`;
  if (lock) return { evidence: { message: `${what}, locked by ${lock}`, location: lineLocation(lock, 1), aspect: 'lockfile' } };
  const release = packageRelease(index, path, releaseInstall(index, path));
  const onRelease = release ? `; the publishing ${release}, so they resolve afresh in the job that publishes the release` : '';
  const lockName = inDir(dir, 'requirements.lock');
  return {
    finding: {
      message: `${what}: its ${pinned ? 'exact pins are' : 'version ranges are, rightly for a package,'} what every user of the package resolves, but no lockfile ${pinned ? 'with hashes ' : ''}pins what the project's own CI and release installs resolve from it (${expected}, or a hash-pinned requirements file generated from it)${onRelease}; keep ${path} as the package's requirements and install CI and release jobs from a lock generated from it (\`pip-compile --generate-hashes --output-file=${lockName} ${path}\`, then \`pip install --require-hashes -r ${lockName}\`).`,
      location: lineLocation(path, 1),
      aspect: 'lockfile',
      severity: pinned ? 'low' : 'medium',
      subject: path,
    },
  };
}

/**
 * Why a Python package's missing lockfile pins only the project's own installs: pyproject.toml builds a package
 * (`[project]` and `[build-system]`), pip never installs a package's lockfile for its users, no publishing job installs
 * the package and no image is pushed (psf/requests: its publish job installs only `build`). Undefined otherwise.
 */
export function pythonPackageNote(
  index: Pick<AuditIndex, 'findTools' | 'snapshot'>,
  path: string,
  pushesImage: boolean,
): string | undefined {
  if (!path.endsWith('pyproject.toml') || pushesImage) return undefined;
  const text = index.snapshot.files.texts.get(path)?.text ?? '';
  if (!/^\[project\]/m.test(text) || !/^\[build-system\]/m.test(text)) return undefined;
  if (releasePackageInstall(index, dirOf(path)) !== undefined) return undefined;
  return "; it builds a package, and pip never installs a package's lockfile for its users, so a lock would pin only the project's own CI and development installs (no publishing job installs the package and no image is pushed)";
}

/**
 * Whether setup.py passes the file to `install_requires`: in the argument itself
 * (`install_requires=read("requirements.txt")`), or through a variable read from it (`reqs = open("requirements.txt")…`,
 * `install_requires=reqs`). A file read for `extras_require` or tests does not count.
 */
function readsIntoInstallRequires(setupPy: string, base: string): boolean {
  const quoted = `["'](?:\\./)?${base.replace(/[.]/g, '\\.')}["']`;
  if (new RegExp(`\\binstall_requires\\s*=\\s*[^,\\n]*${quoted}`).test(setupPy)) return true;
  for (const match of setupPy.matchAll(new RegExp(`^\\s*(\\w+)\\s*=[^\\n]*${quoted}`, 'gm')))
    if (new RegExp(`\\binstall_requires\\s*=\\s*${match[1]}\\b`).test(setupPy)) return true;
  return false;
}
