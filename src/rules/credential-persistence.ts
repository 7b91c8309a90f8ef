import { majorVersion, usesRef, usesVersion } from '../model/uses.js';
import { input, inputValue, remoteAction, usesAction } from '../model/steps.js';
import { at, type AnalysedFile, type Step } from '../model/workflow.js';
import { defineRule } from './types.js';

/** An upload path that takes in the whole workspace, where `.git/config` with the token lives. */
const WORKSPACE_PATH = /^(\.\/?|\*\*?(\/\*)?|\$\{\{\s*github\.workspace\s*\}\}\/?|\.git(\/.*)?|\$GITHUB_WORKSPACE\/?)$/;

/**
 * A later step of the same job that uploads the workspace as an artifact: the persisted token then
 * leaves the runner. upload-artifact v4.4+ skips hidden files (so `.git/`) unless `include-hidden-files: true`.
 */
export function workspaceUpload(model: AnalysedFile, steps: readonly Step[], after: number): Step | undefined {
  return steps.slice(after + 1).find((step) => {
    if (!usesAction(step, 'actions/upload-artifact') || !step.uses) return false;
    const paths = (inputValue(step, 'path') ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('!'));
    if (!paths.some((path) => WORKSPACE_PATH.test(path))) return false;
    if (input(step, 'include-hidden-files')?.scalar?.value.trim() === 'true') return true;
    const ref = remoteAction(step);
    const version = ref ? usesVersion(model.file, step.uses, ref) : undefined;
    const [major = 0, minor = 0] = (version ?? '').split('.').map((part) => Number.parseInt(part, 10) || 0);
    // Unknown version: assume the old default that uploads hidden files.
    return version === undefined || major < 4 || (major === 4 && minor < 4);
  });
}

export default defineRule(
  {
    id: 'credential-persistence',
    title: 'actions/checkout persists the token in the workspace',
    description:
      'actions/checkout writes the job token into the git config of the checkout unless `persist-credentials: false` is set. Any later step, artifact upload or cache can then read it.',
    severity: 'medium',
    confidence: 'high',
    remediation: 'Add `with: persist-credentials: false` to the checkout step; pass a token explicitly to the one step that pushes.',
    needs: ['workflows'],
    since: '1.0',
  },
  {
    create(context) {
      let checkouts = 0;
      return {
        step({ file: model, job, step, siblings }) {
          if (!step.uses) return;
          const ref = usesRef(step.uses);
          if (ref.kind !== 'repository' || ref.slug !== 'actions/checkout' || ref.path !== '') return;
          checkouts += 1;
          const persist = step.with.find((entry) => entry.key === 'persist-credentials');
          if (persist?.scalar?.value === 'false') {
            context.evidence({
              message: `${model.path}: checkout in ${job ? `job ${job.id}` : 'the action'} sets persist-credentials: false`,
              location: at(model, persist.keyRegion),
            });
            return;
          }
          const major = majorVersion(usesVersion(model.file, step.uses, ref));
          const v6 = major !== undefined && major >= 6;
          const upload = v6 ? undefined : workspaceUpload(model, siblings, siblings.indexOf(step));
          const uploadNote = upload
            ? ` and step ${upload.name ? `"${upload.name}"` : upload.key} later uploads the workspace, .git/config included, as an artifact`
            : '';
          context.report({
            message: `actions/checkout${job ? ` in job ${job.id}` : ''} keeps the job token in ${v6 ? 'the runner' : 'the workspace .git/config'}${uploadNote}; set persist-credentials: false.`,
            location: at(model, persist ? persist.keyRegion : step.uses.region),
            severity: upload ? 'high' : v6 ? 'low' : 'medium',
            subject: 'actions/checkout',
            job: job?.id,
            step: step.key,
          });
        },
        end() {
          if (checkouts === 0) context.notApplicable('no actions/checkout step in any workflow or action');
        },
      };
    },
  },
);
