import { firstParentLine } from '../model/maintainers.js';
import type { Snapshot } from '../model/snapshot.js';
import { COMMIT_WINDOW } from '../model/snapshot.js';
import type { Location, RuleOutcome } from '../model/types.js';
import { defineRule } from './types.js';
import { FACT, fact } from '../model/facts.js';
import { settingsLocation, settingsUrl } from '../model/settings.js';

export interface SignedCommitsOptions {
  /** Percentage of signed commits among the last 100 on HEAD needed to pass. */
  threshold: number;
}

/** Repository-level facts have no line: they are reported against the repository root. */
const REPOSITORY: Location = { path: '.', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };

const API_FALLBACK = 'run online with a token so the GitHub API can report commit verification';

export default defineRule<SignedCommitsOptions>(
  {
    id: 'signed-commits',
    title: 'Commits on the default branch are signed',
    description:
      "The share of signed commits (a gpgsig header: GPG, SSH or X.509) on the first-parent line of HEAD (what landed on the branch) among the last 100 commits, read from the local git objects; the share of all commits, merged-in ones included, is shown beside it. Signatures let a reviewer tie a change to its author and detect history rewritten by someone holding only a password. The header is detected, not verified: verification needs the signers' keys.",
    severity: 'low',
    confidence: 'high',
    remediation:
      'Require signed commits in a branch ruleset, and have contributors sign (`git config commit.gpgsign true` with a GPG or SSH key); squash merges made on github.com are signed by GitHub.',
    // Not `git-history`: online, the API's verified share answers when the clone has no history.
    needs: [],
    since: '1.0',
    options: {
      schema: {
        type: 'object',
        properties: {
          threshold: {
            type: 'number',
            minimum: 0,
            maximum: 100,
            description: 'Percentage of signed commits among the last 100 needed to pass (default 95).',
          },
        },
        additionalProperties: false,
      },
      defaults: { threshold: 95 },
    },
  },
  (snapshot: Snapshot, options: SignedCommitsOptions): RuleOutcome => {
    const outcome = fromHistory(snapshot, options);
    const required = requiredSignatures(snapshot);
    return required ? { ...outcome, evidence: [...outcome.evidence, required] } : outcome;
  },
);

/** Online: the verified share GitHub reports for the last 100 commits of the default branch (GraphQL `signature { isValid }`). */
function fromApi(snapshot: Snapshot, options: SignedCommitsOptions): RuleOutcome | undefined {
  const api = fact(snapshot.github, FACT.commitSignatures);
  if (api.state !== 'known' || api.value.total === 0) return undefined;
  const { verified, total, branch } = api.value;
  const share = (verified / total) * 100;
  const shown = `${verified} of the last ${total} commit${total === 1 ? '' : 's'} on ${branch} (${formatShare(share)}%)`;
  if (share >= options.threshold)
    return {
      findings: [],
      evidence: [{ message: `${shown} have a signature GitHub verified, at or above the ${options.threshold}% threshold` }],
    };
  return {
    findings: [
      {
        message: `Only ${shown} have a signature GitHub verified, below the ${options.threshold}% threshold; require signed commits on the default branch.`,
        location: settingsLocation(snapshot),
        subject: 'signed-share',
        settingsUrl: settingsUrl(snapshot, 'rules'),
      },
    ],
    evidence: [],
  };
}

/** Evidence that a ruleset or classic protection requires signed commits on the default branch. */
function requiredSignatures(snapshot: Snapshot): { message: string } | undefined {
  const protection = fact(snapshot.github, FACT.branchProtection);
  if (protection.state !== 'known') return undefined;
  const main = protection.value.branches.find((b) => b.role === 'default');
  if (!main?.signaturesRequired.value) return undefined;
  return { message: `signed commits are required on ${main.branch} (enforced by ${main.signaturesRequired.sources.join(', ')})` };
}

function fromHistory(snapshot: Snapshot, options: SignedCommitsOptions): RuleOutcome {
  const git = snapshot.git;
  if (!git.available || git.shallow) {
    const online = fromApi(snapshot, options);
    if (online) return online;
  }
  if (!git.available) return { findings: [], evidence: [], unknown: [`${git.reason ?? 'git history is unavailable'}; or ${API_FALLBACK}`] };
  if (git.shallow)
    return {
      findings: [],
      evidence: [],
      unknown: [git.reason ?? `the clone is shallow: check out with \`fetch-depth: 0\`, or ${API_FALLBACK}`],
    };
  if (git.commits.length === 0) return { findings: [], evidence: [], notApplicable: 'the repository has no commits' };
  const all = git.commits.length;
  const allSigned = git.commits.filter((commit) => commit.signed).length;
  // What lands on the branch is its first-parent line (merge commits, squashes, direct pushes); commits merged in
  // from other branches are counted beside it, not judged.
  const line = firstParentLine(git.commits);
  const merged = line.length < all;
  const judged = merged ? line : git.commits;
  const signed = judged.filter((commit) => commit.signed).length;
  const total = judged.length;
  const share = (signed / total) * 100;
  const shown = merged
    ? `${signed} of the ${total} commit${total === 1 ? '' : 's'} on HEAD's first-parent line (what landed on the branch) in the last ${all} (${formatShare(share)}%)`
    : `${signed} of the last ${total} commit${total === 1 ? '' : 's'} on HEAD (${formatShare(share)}%)`;
  const window = !merged && total < COMMIT_WINDOW ? ` (the whole history has ${total})` : '';
  const beside = merged
    ? `; counting merged-in commits too, ${allSigned} of ${all} are signed (${formatShare((allSigned / all) * 100)}%)`
    : '';
  if (share >= options.threshold) {
    return {
      findings: [],
      evidence: [{ message: `${shown} carry a signature${window}, at or above the ${options.threshold}% threshold${beside}` }],
    };
  }
  return {
    findings: [
      {
        message: `Only ${shown} are signed, below the ${options.threshold}% threshold; require signed commits on the default branch${beside}.`,
        location: REPOSITORY,
        subject: 'signed-share',
      },
    ],
    evidence:
      signed > 0
        ? [
            {
              message: merged
                ? `${signed} of the ${total} first-parent commits carry a signature`
                : `${signed} of the last ${total} commits carry a signature`,
            },
          ]
        : [],
  };
}

function formatShare(share: number): string {
  return Number.isInteger(share) ? String(share) : share.toFixed(1);
}
