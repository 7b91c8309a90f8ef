import { Minimatch } from 'minimatch';
import type { Snapshot } from '../model/snapshot.js';
import { lineText, type SourceText } from '../model/source.js';
import { anchorLocation } from '../model/policy-docs.js';
import { singleMaintainer } from '../model/maintainers.js';
import type { Evidence, FindingDraft, Location, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';

/** GitHub reads the first CODEOWNERS it finds in this order. */
const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

const USER = /^@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const TEAM = /^@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/;

export interface CodeOwnersRule {
  pattern: string;
  owners: string[];
  line: number;
  matcher: (path: string) => boolean;
}

export interface CodeOwnersError {
  message: string;
  line: number;
  column: number;
  endColumn: number;
}

/** Turns a CODEOWNERS pattern (gitignore-like, with GitHub's differences) into a path matcher. */
export function codeOwnersMatcher(pattern: string): (path: string) => boolean {
  const anchored = pattern.startsWith('/') || pattern.replace(/\/$/, '').includes('/');
  const body = pattern.replace(/^\//, '');
  const directoryOnly = body.endsWith('/');
  const glob = anchored ? body.replace(/\/$/, '') : `**/${body.replace(/\/$/, '')}`;
  const exact = new Minimatch(glob, { dot: true });
  // `docs/*` owns only the files directly in docs/ (GitHub's documented exception to gitignore).
  const ownsDescendants = !/\/\*$/.test(body);
  return (path: string): boolean => {
    if (!directoryOnly && exact.match(path)) return true;
    if (!ownsDescendants) return false;
    const parts = path.split('/');
    for (let i = parts.length - 1; i >= 1; i -= 1) {
      if (exact.match(parts.slice(0, i).join('/'))) return true;
    }
    return false;
  };
}

/** Parses CODEOWNERS, reporting each line GitHub would reject, at the token in error. */
export function parseCodeOwners(source: SourceText): { rules: CodeOwnersRule[]; errors: CodeOwnersError[] } {
  const rules: CodeOwnersRule[] = [];
  const errors: CodeOwnersError[] = [];
  for (let line = 1; line <= source.lineStarts.length; line += 1) {
    const raw = lineText(source, line);
    const withoutComment = raw.replace(/(^|\s)#.*$/, '$1');
    if (withoutComment.trim() === '') continue;
    const tokens = [...withoutComment.matchAll(/(?:\\ |\S)+/g)].map((match) => ({ text: match[0], column: match.index + 1 }));
    const [pattern, ...owners] = tokens;
    const error = (message: string, token: { text: string; column: number }) =>
      errors.push({ message, line, column: token.column, endColumn: token.column + token.text.length });
    if (pattern.text.startsWith('!')) {
      error(
        `CODEOWNERS line ${line}: "${pattern.text}" uses ! to negate, which CODEOWNERS does not support; GitHub ignores the line.`,
        pattern,
      );
      continue;
    }
    if (/\[[^\]]*\]/.test(pattern.text)) {
      error(
        `CODEOWNERS line ${line}: "${pattern.text}" uses a [ ] character range, which CODEOWNERS does not support; GitHub ignores the line.`,
        pattern,
      );
      continue;
    }
    let bad = false;
    for (const owner of owners) {
      if (USER.test(owner.text) || TEAM.test(owner.text) || EMAIL.test(owner.text)) continue;
      error(
        `CODEOWNERS line ${line}: "${owner.text}" is not a valid owner (use @user, @org/team or an e-mail address); GitHub ignores the line.`,
        owner,
      );
      bad = true;
    }
    if (bad) continue;
    rules.push({
      pattern: pattern.text.replace(/\\ /g, ' '),
      owners: owners.map((owner) => owner.text),
      line,
      matcher: codeOwnersMatcher(pattern.text.replace(/\\ /g, ' ')),
    });
  }
  return { rules, errors };
}

/** The rule that owns `path` (the last matching line wins, as in GitHub). */
export function ownerOf(rules: CodeOwnersRule[], path: string): CodeOwnersRule | undefined {
  for (let i = rules.length - 1; i >= 0; i -= 1) if (rules[i].matcher(path)) return rules[i];
  return undefined;
}

function lineLocation(source: SourceText, line: number): Location {
  const text = lineText(source, line);
  return { path: source.path, startLine: line, startColumn: 1, endLine: line, endColumn: Math.max(2, text.length + 1) };
}

export default defineRule(
  {
    id: 'code-owners',
    title: 'A valid CODEOWNERS covers the workflows and actions',
    description:
      'Reads the CODEOWNERS GitHub uses (.github/, the root, then docs/), reports every line GitHub would reject, and checks that the workflows and local actions have owners, so that code-owner review protects the build.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Add .github/CODEOWNERS with a line such as `/.github/ @org/release-engineering`, and require code-owner review in branch protection.',
    needs: [],
    aspects: ['syntax', 'workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot): RuleOutcome => {
    const found = CODEOWNERS_PATHS.map((path) => snapshot.files.texts.get(path)).filter((text): text is SourceText => text !== undefined);
    const [source, ...shadowed] = found;
    if (!source) {
      // Low: code-owner review adds a reviewer only where write access is wider than the owners would be (a
      // MAINTAINERS file may name them, cobra's four), and with one maintainer it could only name the author.
      const single = singleMaintainer(snapshot);
      return {
        findings: [
          {
            message: single
              ? `No CODEOWNERS file, so GitHub cannot require code-owner review of the workflows. The project has a single maintainer (${single.description}), so such review could add no second reviewer yet; add .github/CODEOWNERS and require code-owner review once a second person can merge.`
              : 'No CODEOWNERS file, so GitHub cannot require code-owner review of changes to the workflows. Where more than one person can merge, add .github/CODEOWNERS naming the owners of .github/ and require code-owner review.',
            // Low even with one maintainer: info would pass the claims on a file that does not exist.
            severity: 'low',
            location: anchorLocation(snapshot),
            subject: 'missing',
            aspect: 'workflows',
          },
        ],
        evidence: [],
      };
    }
    const findings: FindingDraft[] = [];
    const evidence: Evidence[] = [];
    const { rules, errors } = parseCodeOwners(source);
    for (const error of errors) {
      findings.push({
        message: error.message,
        location: { path: source.path, startLine: error.line, startColumn: error.column, endLine: error.line, endColumn: error.endColumn },
        aspect: 'syntax',
        subject: `line:${lineText(source, error.line).trim()}`,
      });
    }
    if (errors.length === 0)
      evidence.push({
        message: `${source.path} parses: ${rules.length} ownership rule${rules.length === 1 ? '' : 's'}, every owner well formed`,
        location: lineLocation(source, 1),
        aspect: 'syntax',
      });
    for (const other of shadowed) {
      findings.push({
        message: `${other.path} is ignored: GitHub reads ${source.path} first; merge the two files.`,
        location: lineLocation(other, 1),
        aspect: 'syntax',
        subject: 'shadowed',
        severity: 'low',
      });
    }

    const workflowPaths = [...snapshot.files.entries.keys()].filter((path) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path));
    const actionPaths = [...snapshot.files.entries.keys()].filter((path) => path.startsWith('.github/actions/'));
    const targets: { label: string; paths: string[] }[] = [
      { label: '.github/workflows/', paths: workflowPaths.length > 0 ? workflowPaths : ['.github/workflows/ci.yml'] },
    ];
    if (actionPaths.length > 0) targets.push({ label: '.github/actions/', paths: actionPaths });
    for (const target of targets) {
      const unowned = target.paths.filter((path) => (ownerOf(rules, path)?.owners.length ?? 0) === 0);
      // Low, as a missing CODEOWNERS is: the gap is the same, no owner's review of the build can be required.
      if (unowned.length > 0) {
        const comments = /^\s*#/m.test(source.text);
        const none =
          rules.length === 0 && errors.length === 0 ? ` (it holds ${comments ? 'comments only' : 'nothing'}, no ownership rule)` : '';
        findings.push({
          message: `${source.path} gives ${target.label} no owner${none} (${unowned.slice(0, 3).join(', ')}${unowned.length > 3 ? ', …' : ''}), so GitHub cannot require an owner's review of changes to the build; add a line such as \`/${target.label} @org/maintainers\` naming who owns it, and require code-owner review.`,
          location: lineLocation(source, 1),
          aspect: 'workflows',
          subject: target.label,
          severity: 'low',
        });
      } else {
        const owner = ownerOf(rules, target.paths[0]);
        if (owner)
          evidence.push({
            message: `${source.path} line ${owner.line} (${owner.pattern}) gives ${target.label} owners: ${owner.owners.join(' ')}`,
            location: lineLocation(source, owner.line),
            aspect: 'workflows',
          });
      }
    }
    return { findings, evidence };
  },
);
