/**
 * An npm project that keeps no lockfile on purpose: `package-lock=false` in an `.npmrc` (the manifest's directory
 * or an ancestor's, as npm reads the project's config) stops npm writing one (expressjs/express, fastify/fast-uri).
 * dependency-lockfiles reads it, with whether the package is published, to say what a lockfile would pin.
 */
import { parseJsonLenient } from './dependabot.js';
import type { Snapshot } from './snapshot.js';

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
export function npmPrivate(snapshot: Pick<Snapshot, 'files'>, manifestPath: string): boolean {
  const parsed = parseJsonLenient(snapshot.files.texts.get(manifestPath)?.text ?? '');
  return typeof parsed === 'object' && parsed !== null && (parsed as Record<string, unknown>).private === true;
}

/** What an `.npmrc` does to limit a fresh install: " (.npmrc also sets ignore-scripts=true and min-release-age=7)". */
export function npmInstallLimits(snapshot: Pick<Snapshot, 'files'>, npmrc: string): string {
  const text = snapshot.files.texts.get(npmrc)?.text ?? '';
  const limits = [/^\s*ignore-scripts\s*=\s*true\s*$/m, /^\s*min-release-age\s*=\s*\d+\s*$/m].flatMap((pattern) => {
    const match = pattern.exec(text);
    return match ? [match[0].trim().replace(/\s*=\s*/, '=')] : [];
  });
  return limits.length > 0 ? ` (${npmrc} also sets ${limits.join(' and ')})` : '';
}
