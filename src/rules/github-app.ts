import { usesRef } from '../model/uses.js';
import { at, type KeyValue } from '../model/workflow.js';
import type { Region } from '../model/types.js';
import { defineRule } from './types.js';

interface Minter {
  /** Inputs that narrow the token's permissions; none given means every permission of the installation. */
  permissions: (key: string) => boolean;
  /** Whether, with these inputs, the token covers every repository the installation can reach. */
  everyRepository: (inputs: Map<string, KeyValue>) => boolean;
  /** The input that limits repositories. */
  repositoriesInput: string;
}

/** Actions that mint a GitHub App installation token, and how each is scoped (from their action.yml and READMEs). */
const MINTERS: Record<string, Minter> = {
  // Without owner/repositories the token is for the current repository only; `owner` alone widens it to all.
  'actions/create-github-app-token': {
    permissions: (key) => key.startsWith('permission-'),
    everyRepository: (inputs) => inputs.has('owner') && !inputs.has('repositories'),
    repositoriesInput: 'repositories',
  },
  // Without `repositories` the token covers every repository the installation can access.
  'tibdex/github-app-token': {
    permissions: (key) => key === 'permissions',
    everyRepository: (inputs) => !inputs.has('repositories'),
    repositoriesInput: 'repositories',
  },
};

function truthy(kv: KeyValue | undefined): boolean {
  return kv?.scalar?.value.trim().toLowerCase() === 'true';
}

export default defineRule(
  {
    id: 'github-app',
    title: 'GitHub App token minted with more scope than the job needs',
    description:
      "A GitHub App installation token carries every permission the app was granted, on every repository it is installed on, unless the step that mints it narrows both. A job that only comments on this repository's pull requests then holds a token that can push to all of the organisation's repositories.",
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Name the permissions the job needs (`permission-contents: write`, `permission-pull-requests: write`) and the repositories (`repositories: widget`), or omit `owner` so the token covers only the current repository.',
    needs: ['workflows'],
    aspects: ['permissions', 'repositories', 'revocation'],
    since: '1.1',
  },
  {
    create(context) {
      let minted = 0;
      return {
        step({ file, job, step }) {
          if (!step.uses) return;
          const ref = usesRef(step.uses);
          if (ref.kind !== 'repository') return;
          const minter = MINTERS[ref.name];
          if (!minter) return;
          minted += 1;
          const inputs = new Map(step.with.map((kv) => [kv.key.toLowerCase(), kv]));
          const where = `Step ${step.name ? `"${step.name}"` : step.key}${job ? ` of job ${job.id}` : ` of ${file.path}`}`;
          const report = (message: string, aspect: string, region: Region, severity?: 'low'): void =>
            context.report({
              message,
              location: at(file, region),
              aspect,
              subject: `${ref.name}#${aspect}`,
              job: job?.id,
              step: step.key,
              ...(severity ? { severity } : {}),
            });
          if (![...inputs.keys()].some(minter.permissions)) {
            report(
              `${where} mints a GitHub App token with ${ref.owner}/${ref.repo} and no permission inputs, so it carries every permission the app's installation has; name only the ones the job needs.`,
              'permissions',
              step.uses.region,
            );
          }
          if (minter.everyRepository(inputs)) {
            const owner = inputs.get('owner');
            report(
              `${where} mints a GitHub App token with ${ref.owner}/${ref.repo} for every repository the app's installation${owner?.scalar ? ` on ${owner.scalar.value.trim()}` : ''} can reach; list the ones the job needs in \`${minter.repositoriesInput}:\`.`,
              'repositories',
              owner?.keyRegion ?? step.uses.region,
            );
          }
          const keep = inputs.get('skip-token-revoke');
          if (ref.name === 'actions/create-github-app-token' && keep && truthy(keep)) {
            report(
              `${where} sets \`skip-token-revoke: true\`, so the token stays valid for up to an hour after the job ends; let the action revoke it.`,
              'revocation',
              keep.keyRegion,
              'low',
            );
          }
          if (ref.name === 'tibdex/github-app-token' && inputs.get('revoke')?.scalar?.value.trim().toLowerCase() === 'false') {
            const revoke = inputs.get('revoke');
            if (revoke)
              report(
                `${where} sets \`revoke: false\`, so the token stays valid for up to an hour after the job ends; let the action revoke it.`,
                'revocation',
                revoke.keyRegion,
                'low',
              );
          }
        },
        end() {
          if (minted === 0) context.notApplicable('no step mints a GitHub App token with a known action');
        },
      };
    },
  },
);
