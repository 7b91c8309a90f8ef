import type { Snapshot } from '../model/snapshot.js';
import type { Evidence, Location, RuleOutcome } from '../model/types.js';
import { releaseSecretScan } from '../model/scanner-configs.js';
import { PRE_COMMIT_RUNS, SAST_TOOLS, SECRET_SCANNERS, SECRET_SCANNING_HOOKS } from '../model/tool-catalogue.js';
import { absenceAnchor, describeUse, distinctUses, locateText } from '../model/tools.js';
import { defineRule } from './types.js';

/** Secret-scanning hook ids in the root `.pre-commit-config.yaml`, with where each is declared. */
export function secretHooks(snapshot: Pick<Snapshot, 'files'>): { id: string; location: Location }[] {
  const path = ['.pre-commit-config.yaml', '.pre-commit-config.yml'].find((p) => snapshot.files.texts.has(p));
  if (!path) return [];
  const text = snapshot.files.texts.get(path)?.text ?? '';
  const hooks: { id: string; location: Location }[] = [];
  for (const match of text.matchAll(/^\s*-?\s*id:\s*['"]?([\w.-]+)['"]?\s*(?:#.*)?$/gm)) {
    const id = match[1];
    if (SECRET_SCANNING_HOOKS.has(id) && !hooks.some((h) => h.id === id))
      hooks.push({ id, location: locateText(snapshot, path, new RegExp(`id:\\s*['"]?${id.replace(/[.]/g, '\\.')}\\b`)) });
  }
  return hooks;
}

/** SAST tools with a rule for hard-coded credentials, and what it checks: gosec G101, Bandit B105-B107. */
const CREDENTIAL_CHECKS: Readonly<Record<string, string>> = {
  gosec: 'G101 rule flags hard-coded credentials in the Go code',
  Bandit: 'B105 to B107 rules flag hard-coded passwords in the Python code',
};

export default defineRule(
  {
    id: 'secret-scanning-ci',
    title: 'A secret scanner runs in CI',
    description:
      'A workflow runs a secret scanner (Gitleaks, TruffleHog, ggshield, detect-secrets) over the code, directly or through pre-commit, so that committed credentials are caught in review.',
    severity: 'low',
    confidence: 'high',
    remediation:
      'Add a Gitleaks, TruffleHog or ggshield step to the pull-request workflow (or a pre-commit hook that CI runs), and enable GitHub secret scanning with push protection.',
    needs: ['workflows'],
    since: '1.0',
  },
  (snapshot: Snapshot, _options, index): RuleOutcome => {
    const evidence: Evidence[] = distinctUses(index.findTools(SECRET_SCANNERS)).map((use) => ({
      message: `${describeUse(use)}: committed secrets are caught by CI.`,
      location: use.location,
    }));
    const hooks = secretHooks(snapshot);
    if (hooks.length > 0) {
      const runs = distinctUses(index.findTools(PRE_COMMIT_RUNS));
      for (const use of runs) {
        evidence.push({
          message: `${describeUse(use)} runs the secret-scanning hook${hooks.length > 1 ? 's' : ''} ${hooks.map((h) => h.id).join(', ')} of .pre-commit-config.yaml.`,
          location: use.location,
        });
      }
      if (runs.length > 0)
        for (const hook of hooks)
          evidence.push({ message: `.pre-commit-config.yaml declares the ${hook.id} hook.`, location: hook.location });
    }
    if (evidence.length > 0) return { findings: [], evidence };
    const anchor = absenceAnchor(snapshot, () => index.dependencyManifests);
    if (!anchor) return { findings: [], evidence: [], notApplicable: 'the repository has no files' };
    const local =
      hooks.length > 0
        ? ` The ${hooks.map((h) => h.id).join(', ')} pre-commit hook runs only on developers' machines that installed it, since no workflow runs pre-commit.`
        : '';
    // A release pipeline's scan of what it built catches a secret in what ships, never one committed to the source.
    const release = releaseSecretScan(snapshot);
    const lead = release
      ? `No workflow scans the source for secrets: none of Gitleaks, TruffleHog, ggshield or detect-secrets runs in CI. HashiCorp's release security scan (${release.path}) looks for secrets in ${release.targets.join(' and ')}, which catches a credential built into what ships, not one committed to the source, its history or a pull request.`
      : 'No workflow runs a secret scanner: none of Gitleaks, TruffleHog, ggshield or detect-secrets runs in CI.';
    // SAST rules that flag hard-coded passwords cover one language's code by name and pattern, not every file or the history.
    const [linter] = distinctUses(index.findTools(SAST_TOOLS)).filter((use) => CREDENTIAL_CHECKS[use.spec.name] !== undefined);
    const partial = linter
      ? ` ${describeUse(linter)}: its ${CREDENTIAL_CHECKS[linter.spec.name]} by name and pattern, but no scanner covers every file, the configuration and the history.`
      : '';
    return {
      findings: [
        {
          message: `${lead}${partial}${local} Add one to the pull-request workflow; GitHub secret scanning with push protection (checked online) complements it.`,
          location: anchor,
          confidence: 'medium',
          subject: 'no-secret-scanning-ci',
        },
      ],
      evidence: [],
    };
  },
);
