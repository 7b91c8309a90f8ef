/**
 * `uses:` references: `owner/repo[/path]@ref`, `./local/path`, `$/self/path`, `docker://image`.
 */
import type { ScalarField } from './scalar.js';
import type { YamlFile } from './yaml.js';
import { lineText } from './source.js';

export type UsesRef =
  /** `./path`: whatever the job's workspace holds at that path when the step runs. */
  | { kind: 'local'; path: string; raw: string }
  /**
   * `$/path` (or `$/./path`): the action or reusable workflow at that path of this repository, at the commit
   * that is running, fetched without a checkout (GitHub changelog, 30 July 2026; runner 2.336.0).
   */
  | { kind: 'self'; path: string; raw: string }
  | { kind: 'docker'; image: string; raw: string }
  | {
      kind: 'repository';
      raw: string;
      owner: string;
      repo: string;
      /** Sub-path inside the repository ('' for the root action). */
      path: string;
      /** `owner/repo` lower-cased, for matching. */
      slug: string;
      /** `owner/repo[/path]` lower-cased, without the ref: the action's name. */
      name: string;
      ref: string;
      /** A full 40-hex commit SHA. */
      pinned: boolean;
    }
  | { kind: 'invalid'; raw: string; reason: string };

const SHA = /^[0-9a-f]{40}$/i;

/** Parses a `uses:` value. The model parses each field once when it is built (see `usesRef`). */
export function parseUses(raw: string): UsesRef {
  const value = raw.trim();
  if (value.startsWith('./') || value === '.') return { kind: 'local', path: value.replace(/^\.\/?/, ''), raw };
  if (value.startsWith('$/')) {
    // GitHub rejects `$/path@ref`: a self-repository reference always runs the running commit.
    if (value.includes('@')) return { kind: 'invalid', raw, reason: '`$/` takes no @ref' };
    return { kind: 'self', path: value.slice(2).replace(/^\.(?:\/|$)/, ''), raw };
  }
  if (value.startsWith('docker://')) return { kind: 'docker', image: value.slice('docker://'.length), raw };
  const at = value.lastIndexOf('@');
  if (at <= 0) return { kind: 'invalid', raw, reason: 'no @ref' };
  const target = value.slice(0, at);
  const ref = value.slice(at + 1);
  const [owner, repo, ...rest] = target.split('/');
  if (!owner || !repo) return { kind: 'invalid', raw, reason: 'expected owner/repo' };
  const path = rest.join('/');
  const slug = `${owner}/${repo}`.toLowerCase();
  return {
    kind: 'repository',
    raw,
    owner,
    repo,
    path,
    slug,
    name: path ? `${slug}/${path.toLowerCase()}` : slug,
    ref,
    pinned: SHA.test(ref),
  };
}

/** True for a reference into this repository (`./path` or `$/path`), which cross-file analysis resolves. */
export function isInRepository(ref: UsesRef): ref is Extract<UsesRef, { kind: 'local' | 'self' }> {
  return ref.kind === 'local' || ref.kind === 'self';
}

/** A `uses:` field of a step or job, with its reference parsed when the model is built. */
export interface UsesField extends ScalarField {
  ref: UsesRef;
}

/** The parsed reference of a `uses:` field: the one the model holds, or parsed now for any other field. */
export function usesRef(field: { readonly value: string; readonly ref?: UsesRef }): UsesRef {
  return field.ref ?? parseUses(field.value);
}

/** The version named by a ref (`v4.1.0`) or by a `# v4.1.0` comment beside a SHA on the same line. */
export function usesVersion(file: YamlFile, field: ScalarField, ref: UsesRef): string | undefined {
  if (ref.kind !== 'repository') return undefined;
  if (!ref.pinned) return /^v?\d+(\.\d+){0,2}$/.test(ref.ref) ? ref.ref.replace(/^v/, '') : undefined;
  const line = lineText(file.source, field.region.startLine);
  const comment = /#\s*(?:tag[:=]\s*)?v?(\d+(?:\.\d+){0,2})\b/.exec(line.slice(line.indexOf('#')));
  return line.includes('#') && comment ? comment[1] : undefined;
}

export function majorVersion(version: string | undefined): number | undefined {
  if (!version) return undefined;
  const major = Number.parseInt(version.split('.')[0], 10);
  return Number.isNaN(major) ? undefined : major;
}

/** Owners whose actions GitHub itself publishes: a tag of theirs is still movable, but GitHub's release process guards it. */
export const FIRST_PARTY_OWNERS: ReadonlySet<string> = new Set(['actions', 'github']);
