/**
 * security-policy: a draft SECURITY.md with the private reporting link, a response timeframe to confirm and a supported-versions table.
 * Posture fixes create a missing file as a draft for a person to complete (its first line says so); an existing
 * file is never rewritten.
 */
import { ownSlug } from '../model/crossfile.js';
import { anyExists, fingerprintsOf, fix, type Fixer } from './patch.js';

const SECURITY_PATHS = ['SECURITY.md', '.github/SECURITY.md', 'docs/SECURITY.md'];

export function securityDraft(slug: string | undefined): string {
  const report = slug ? `https://github.com/${slug}/security/advisories/new` : 'https://github.com/OWNER/REPO/security/advisories/new';
  return `<!-- DRAFT written by \`ssc-audit fix\`: complete the TODOs, enable private vulnerability reporting, then delete this line. -->
# Security policy

## Reporting a vulnerability

Please do not open a public issue. Report it privately through GitHub's private vulnerability reporting:
${report}

We acknowledge reports within 5 working days. <!-- TODO: confirm the response timeframe you can keep. -->

## Supported versions

| Version | Supported |
| ------- | --------- |
| TODO: latest release | :white_check_mark: |
| TODO: older releases | :x: |
`;
}

export const securityPolicyFixer: Fixer = {
  ruleId: 'security-policy',
  fixes(context) {
    if (anyExists(context, SECURITY_PATHS)) return [];
    const path = 'SECURITY.md';
    return [
      fix({
        ruleId: 'security-policy',
        path,
        safety: 'unsafe',
        creates: true,
        description:
          'create a draft SECURITY.md (private reporting link, response timeframe to confirm, supported-versions table to fill in)',
        patches: [{ path, start: 0, end: 0, replacement: securityDraft(ownSlug(context.snapshot)) }],
        resolves: fingerprintsOf(context, 'security-policy', 'missing'),
      }),
    ];
  },
};
