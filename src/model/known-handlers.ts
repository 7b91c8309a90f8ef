import type { Channel } from './security-policy-text.js';

/**
 * Third-party handlers whose published security process is known, for rules that credit what a policy hands to
 * them (`handlingDelegation` in policy-docs.ts finds the hand-off).
 */
export interface KnownHandler {
  name: string;
  pattern: RegExp;
  url: string;
  /** What the process says about handling a report, for vulnerability-management-plan's messages. */
  says: string;
  /** The parts of a vulnerability management plan the process covers. */
  covers: readonly string[];
  /** What the process says about how fixes reach users, when it says so (support-policy's update policy). */
  delivery?: string;
  /** How the process tells users about a fix, when it says so (incident-response counts a fix-announcement process). */
  announces?: string;
}

/**
 * Tidelift's process (docs.tidelift.com/article/51-security-process, read by two independent reviewers, 2026-12): it
 * acknowledges a report within two business days and investigates it to accept or reject it, but rates no severity;
 * the maintainers then "commit the fix and publish fixed release(s)" on the negotiated schedule. Tidelift obtains a CVE,
 * the maintainers "prepare a fix and an accompanying announcement", and the fix, announcement and release schedule
 * are agreed with the reporter (steps 9 to 13).
 */
const KNOWN_HANDLERS: readonly KnownHandler[] = [
  {
    name: 'Tidelift',
    pattern: /tidelift/i,
    url: 'https://tidelift.com/security',
    says: 'acknowledges a report within two business days and investigates it to accept or reject it',
    covers: ['triage', 'response targets'],
    delivery: 'has the maintainers publish fixed releases',
    announces: 'obtains a CVE and has the maintainers publish an announcement with each fix, on a schedule agreed with the reporter',
  },
  // GitHub's Security Bug Bounty (bounty.github.com, the program at hackerone.com/github), read 2026-12: the FAQ says "An
  // application security engineer at GitHub triages each submission" and "at least two GitHub security engineers agree
  // on the severity", rated on the "purposefully simple scale" of Critical, High, Medium and Low "rather than
  // correlating with CVSS ratings"; the About page sets no response target ("response times can vary").
  {
    name: "GitHub's Security Bug Bounty",
    pattern: /hackerone\.com\/github(?![\w.-])|bounty\.github\.com/i,
    url: 'https://bounty.github.com',
    says: 'has a GitHub application security engineer triage each submission and rates its severity Critical, High, Medium or Low (not CVSS)',
    covers: ['triage', 'severity (CVSS)'],
  },
];

/** The known handler a delegation's detail names, if any. */
export function knownHandler(detail: string): KnownHandler | undefined {
  return KNOWN_HANDLERS.find((item) => item.pattern.test(detail));
}

/**
 * A known handler the policy offers as one of its channels, beside a channel of its own (cli/cli: "report it to us in
 * one of two ways": private vulnerability reporting, or GitHub's bounty on HackerOne). That is not a hand-over of every
 * report (`handlingDelegation`): the handler's process covers the reports sent to it, and rules say so.
 */
export function offeredHandler(channels: readonly Channel[]): { handler: KnownHandler; channel: Channel } | undefined {
  for (const channel of channels) {
    const handler = knownHandler(channel.detail);
    if (handler) return { handler, channel };
  }
  return undefined;
}
