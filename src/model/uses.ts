/**
 * `uses:` references: `owner/repo[/path]@ref`, `./local/path`, `docker://image`.
 */
import type { ScalarField } from './workflow.js';
import type { YamlFile } from './yaml.js';
import { BoundedCache, IdentityCache } from './memo.js';
import { lineText } from './source.js';

export type UsesRef =
  | { kind: 'local'; path: string; raw: string }
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
      ref: string;
      /** A full 40-hex commit SHA. */
      pinned: boolean;
    }
  | { kind: 'invalid'; raw: string; reason: string };

const SHA = /^[0-9a-f]{40}$/i;

/**
 * Parsed references by text: every rule parses the `uses:` of every step, and a repository repeats the same
 * few references. Bounded, so a hostile tree cannot grow it without limit; callers never mutate a result.
 */
const parsedUses = new BoundedCache<UsesRef>();

export function parseUses(raw: string): UsesRef {
  return parsedUses.get(raw, parseUsesText);
}

/**
 * The parsed reference of a `uses:` field, kept on the field: rules ask it of every step, and a lookup by the
 * field object is cheaper than one by its text. The model is immutable, so the answer never goes stale.
 */
export function usesRef(field: { readonly value: string }): UsesRef {
  return refsByField.get(field, parseFieldUses);
}

const refsByField = new IdentityCache<{ readonly value: string }, UsesRef>();
const parseFieldUses = (field: { readonly value: string }): UsesRef => parseUses(field.value);

function parseUsesText(raw: string): UsesRef {
  const value = raw.trim();
  if (value.startsWith('./') || value === '.') return { kind: 'local', path: value.replace(/^\.\/?/, ''), raw };
  if (value.startsWith('docker://')) return { kind: 'docker', image: value.slice('docker://'.length), raw };
  const at = value.lastIndexOf('@');
  if (at <= 0) return { kind: 'invalid', raw, reason: 'no @ref' };
  const target = value.slice(0, at);
  const ref = value.slice(at + 1);
  const [owner, repo, ...rest] = target.split('/');
  if (!owner || !repo) return { kind: 'invalid', raw, reason: 'expected owner/repo' };
  return { kind: 'repository', raw, owner, repo, path: rest.join('/'), slug: `${owner}/${repo}`.toLowerCase(), ref, pinned: SHA.test(ref) };
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
