/**
 * An npm project that keeps no lockfile on purpose: `package-lock=false` in an `.npmrc` (the manifest's directory
 * or an ancestor's, as npm reads the project's config) stops npm writing one (expressjs/express, fastify/fast-uri).
 * dependency-lockfiles reads it, with whether the package is published, to say what a lockfile would pin.
 */
import { parseJsonLenient } from './dependabot.js';
import type { Snapshot } from './snapshot.js';
import type { FindingDraft } from './types.js';

export interface NpmLockPolicy {
  /** `.npmrc:2`. */
  where: string;
}

const DISABLED = /^\s*package-lock\s*=\s*false\s*$/;

/** The `.npmrc` line that switches the lockfile off for the package at `manifestPath`, nearest first. */
export function npmLockDisabled(snapshot: Pick<Snapshot, 'files'>, manifestPath: string): NpmLockPolicy | undefined {
  const parts = manifestPath.split('/').slice(0, -1);
  for (let depth = parts.length; depth >= 0; depth -= 1) {
    const path = [...parts.slice(0, depth), '.npmrc'].join('/');
    const lines = snapshot.files.texts.get(path)?.text.split('\n');
    if (!lines) continue;
    const at = lines.findIndex((line) => DISABLED.test(line));
    if (at >= 0) return { where: `${path}:${at + 1}` };
    // The nearest .npmrc that sets package-lock decides; one that sets it otherwise ends the search.
    if (lines.some((line) => /^\s*package-lock\s*=/.test(line))) return undefined;
  }
  return undefined;
}

/** True when package.json marks the package `private`: an application or a workspace root, never installed by others. */
function npmPrivate(snapshot: Pick<Snapshot, 'files'>, manifestPath: string): boolean {
  const parsed = parseJsonLenient(snapshot.files.texts.get(manifestPath)?.text ?? '');
  return typeof parsed === 'object' && parsed !== null && (parsed as Record<string, unknown>).private === true;
}

/** What an `.npmrc` does to limit a fresh install: " (.npmrc also sets ignore-scripts=true and min-release-age=7)". */
function npmInstallLimits(snapshot: Pick<Snapshot, 'files'>, npmrc: string): string {
  const text = snapshot.files.texts.get(npmrc)?.text ?? '';
  const limits = [/^\s*ignore-scripts\s*=\s*true\s*$/m, /^\s*min-release-age\s*=\s*\d+\s*$/m].flatMap((pattern) => {
    const match = pattern.exec(text);
    return match ? [match[0].trim().replace(/\s*=\s*/, '=')] : [];
  });
  return limits.length > 0 ? ` (${npmrc} also sets ${limits.join(' and ')})` : '';
}

/**
 * An npm manifest whose project switches the lockfile off: info for tooling (nothing ships, and the choice is made),
 * low for a published package (npm never installs a package's package-lock.json for its users), and medium for a
 * private one, whose own installs are what runs.
 */
export function deliberateNpm(
  snapshot: Pick<Snapshot, 'files'>,
  path: string,
  where: string,
  tooling: string,
): Pick<FindingDraft, 'message' | 'severity'> {
  const lead = `${path} declares npm dependencies and no lockfile is committed: ${where} sets \`package-lock=false\`, so npm writes none on purpose`;
  if (tooling !== '')
    return {
      message: `${lead}${tooling}; commit a lockfile and drop the setting if reproducible installs of it matter.`,
      severity: 'info',
    };
  if (npmPrivate(snapshot, path))
    return {
      message: `${lead}, and the package is private, so its own installs are what runs and each resolves versions afresh; commit the lockfile and drop the setting.`,
      severity: 'medium',
    };
  return {
    message: `${lead}. The package is published (not \`private\`), and npm never installs a published package's package-lock.json for its users, so a lockfile would pin only the project's own CI and development installs; commit one and drop the setting if reproducible CI installs matter.`,
    severity: 'low',
  };
}

/**
 * With no npm lockfile committed, `npm ci` would fail: the fix is the lockfile first. Where the project switches
 * the lockfile off (`package-lock=false`), fresh installs in CI are its choice: low, naming the setting and what the
 * same `.npmrc` does to limit a fresh install (install scripts off, a minimum release age).
 */
export function withoutNpmLock(
  snapshot: Pick<Snapshot, 'files'>,
  policy: NpmLockPolicy | undefined,
): (finding: FindingDraft) => FindingDraft {
  return (finding) => {
    if (finding.subject !== 'npm install') return finding;
    const fresh = finding.message.replace(
      /, which resolves versions afresh instead of installing the lockfile; use `npm ci`\.$/,
      ', which resolves versions afresh',
    );
    if (!policy) return { ...finding, message: `${fresh}: no npm lockfile is committed. Commit one and use \`npm ci\`.` };
    const limits = npmInstallLimits(snapshot, policy.where.replace(/:\d+$/, ''));
    return {
      ...finding,
      message: `${fresh}: ${policy.where} sets \`package-lock=false\`, so the project keeps no lockfile on purpose and CI installs the newest matching versions${limits}. A newly published bad version would run in this job before anyone pins it; commit a lockfile and use \`npm ci\` if CI should install what was reviewed.`,
      severity: 'low',
    };
  };
}
