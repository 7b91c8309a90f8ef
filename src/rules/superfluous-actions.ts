import { usesRef } from '../model/uses.js';
import { at, type Job } from '../model/workflow.js';
import { scalarString, toPlain } from '../model/yaml.js';
import type { WorkflowModel } from '../model/workflow.js';
import { defineRule } from './types.js';

/**
 * Actions that wrap a tool GitHub-hosted runner images already carry, with the command that replaces each.
 * Archived wrappers (actions/create-release, actions-rs/*) are left to archived-uses.
 */
const SUPERFLUOUS: Record<string, string> = {
  // gh is on every GitHub-hosted image and authenticates with GH_TOKEN.
  'ncipollo/release-action': '`gh release create`',
  'softprops/action-gh-release': '`gh release create` / `gh release upload`',
  'svenstaro/upload-release-action': '`gh release upload`',
  'actions-ecosystem/action-add-labels': '`gh issue edit --add-label` / `gh pr edit --add-label`',
  'actions-ecosystem/action-remove-labels': '`gh issue edit --remove-label` / `gh pr edit --remove-label`',
  'peter-evans/create-or-update-comment': '`gh issue comment` / `gh pr comment` (with `--edit-last` to update)',
  // git is on every image; committing needs only `git add`, `git commit` and `git push`.
  'stefanzweifel/git-auto-commit-action': '`git add`, `git commit` and `git push`',
  'endbug/add-and-commit': '`git add`, `git commit` and `git push`',
  // jq and yq ship on the Ubuntu images.
  'sergeysova/jq-action': '`jq`',
  'mikefarah/yq': '`yq`',
  // rustup is on every image.
  'dtolnay/rust-toolchain': '`rustup toolchain install` (rustup is on every hosted image)',
};

/** Jobs whose runner may lack the image's tools: self-hosted labels, an expression, or a container. */
function onHostedImage(workflow: WorkflowModel, job: Job): boolean {
  if (job.container) return false;
  const plain = toPlain(workflow.file, job.runsOn);
  const labels = typeof plain === 'string' ? [plain] : Array.isArray(plain) ? plain.map(String) : [];
  if (labels.length === 0) return false;
  return (
    labels.every((label) => /^(ubuntu|windows|macos)-[\w.-]+$/i.test(label.trim())) && scalarString(job.runsOn)?.includes('${{') !== true
  );
}

export default defineRule(
  {
    id: 'superfluous-actions',
    title: 'Third-party action wraps a tool the runner already has',
    description:
      'An action that wraps `gh`, `git`, `jq` or `rustup` adds a third-party dependency, with its own maintainers, releases and token handling, for something one line of shell does with a tool the hosted runner already carries.',
    severity: 'info',
    confidence: 'medium',
    remediation:
      'Replace the step with a `run:` step that calls the tool directly, passing the token through `env:` (`GH_TOKEN: ${{ github.token }}`).',
    needs: ['workflows'],
    since: '1.1',
  },
  {
    create(context) {
      let hosted = 0;
      // Read once per job, not once per step.
      const hostedJobs = new Map<Job, boolean>();
      return {
        step({ file, job, step }) {
          if (file.kind !== 'workflow' || !job || !step.uses) return;
          let onHosted = hostedJobs.get(job);
          if (onHosted === undefined) hostedJobs.set(job, (onHosted = onHostedImage(file, job)));
          if (!onHosted) return;
          hosted += 1;
          const ref = usesRef(step.uses);
          if (ref.kind !== 'repository') return;
          const replacement = SUPERFLUOUS[ref.name];
          if (!replacement) return;
          context.report({
            message: `Step ${step.name ? `"${step.name}"` : step.key} of job ${job.id} uses ${ref.owner}/${ref.repo} for what ${replacement} does on the runner already; a \`run:\` step drops a third-party dependency.`,
            location: at(file, step.uses.region),
            subject: ref.name,
            job: job.id,
            step: step.key,
          });
        },
        end() {
          if (hosted === 0) context.notApplicable('no action step runs on a GitHub-hosted runner image');
        },
      };
    },
  },
);
