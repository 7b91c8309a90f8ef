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
}

/**
 * Tidelift's process (docs.tidelift.com/article/51-security-process, read by two independent reviewers, 2026-12): it
 * acknowledges a report within two business days and investigates it to accept or reject it, but rates no severity;
 * the maintainers then "commit the fix and publish fixed release(s)" on the negotiated schedule.
 */
const KNOWN_HANDLERS: readonly KnownHandler[] = [
  {
    name: 'Tidelift',
    pattern: /tidelift/i,
    url: 'https://tidelift.com/security',
    says: 'acknowledges a report within two business days and investigates it to accept or reject it',
    covers: ['triage', 'response targets'],
    delivery: 'has the maintainers publish fixed releases',
  },
];

/** The known handler a delegation's detail names, if any. */
export function knownHandler(detail: string): KnownHandler | undefined {
  return KNOWN_HANDLERS.find((item) => item.pattern.test(detail));
}
