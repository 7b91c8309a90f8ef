import type { Snapshot } from '../model/snapshot.js';
import { inputValue, input, remoteAction } from '../model/steps.js';
import { at, type Step } from '../model/workflow.js';
import { defineRule } from './types.js';

/** An action that downloads a tool at run time, and how its version is chosen. */
interface ToolAction {
  tool: string;
  /** The input that selects the tool's version. */
  versionInput: string;
  /** What the action installs when the input is absent, from its action.yml (commit read named in the docs). */
  defaultText: string;
  /** The input's default floats (`latest`, a range); false when it is a fixed version. */
  defaultFloats: boolean;
  /** The version is chosen another way (an input, a file the action reads), or the download is skipped. */
  alternatives: (step: Step, snapshot: Snapshot) => boolean;
}

const has =
  (key: string) =>
  (step: Step): boolean =>
    input(step, key) !== undefined;

/**
 * golangci-lint-action takes the version from `github.com/golangci/golangci-lint/v2 vX` in the go.mod of its
 * working directory when `version` is empty. A go.mod that is unread, or a computed directory, counts as a version.
 */
function golangciFromGoMod(step: Step, snapshot: Snapshot): boolean {
  const directory = inputValue(step, 'working-directory') ?? '';
  if (directory.includes('${{')) return true;
  const path = `${directory.replace(/^\.\/?/, '').replace(/\/+$/, '')}/go.mod`.replace(/^\//, '');
  const text = snapshot.files.texts.get(path)?.text;
  if (text === undefined) return snapshot.files.entries.has(path);
  return /github\.com\/golangci\/golangci-lint(?:\/v2)?\s+v\S+/.test(text);
}

/**
 * The catalogue, read from each action's action.yml on its default branch (see docs/rules/unpinned-tools.md).
 * Only actions whose floating default is documented there are listed: a false "unpinned" costs trust.
 */
const TOOL_ACTIONS: Readonly<Record<string, ToolAction>> = {
  // action.yaml: `version` default 'latest'; downloads the newest Trivy release.
  'aquasecurity/setup-trivy': {
    tool: 'Trivy',
    versionInput: 'version',
    defaultText: '`latest`',
    defaultFloats: true,
    alternatives: () => false,
  },
  // action.yml: `terraform_version` default 'latest'; a `<`/`~>` constraint installs the newest match.
  'hashicorp/setup-terraform': {
    tool: 'Terraform',
    versionInput: 'terraform_version',
    defaultText: '`latest`',
    defaultFloats: true,
    alternatives: () => false,
  },
  // action.yml: `version` has no default; src/version.ts takes it from go.mod, then `version-file`, else `latest`. `install-mode: none` skips the download.
  'golangci/golangci-lint-action': {
    tool: 'golangci-lint',
    versionInput: 'version',
    defaultText: '`latest` (no default in action.yml)',
    defaultFloats: true,
    alternatives: (step, snapshot) =>
      has('version-file')(step) || inputValue(step, 'install-mode') === 'none' || golangciFromGoMod(step, snapshot),
  },
  // action.yml: `version` default '~> v2' (the newest 2.x); `version-file` chooses otherwise.
  'goreleaser/goreleaser-action': {
    tool: 'GoReleaser',
    versionInput: 'version',
    defaultText: '`~> v2`, the newest 2.x release',
    defaultFloats: true,
    alternatives: has('version-file'),
  },
  // action.yml: `version` default 'latest'; `skip_install: true` uses the runner's preinstalled gcloud and ignores `version`.
  'google-github-actions/setup-gcloud': {
    tool: 'the Cloud SDK (gcloud)',
    versionInput: 'version',
    defaultText: '`latest`',
    defaultFloats: true,
    alternatives: (step) => inputValue(step, 'skip_install') === 'true',
  },
};

/** A version value that picks whatever is newest when the job runs. */
function floats(value: string): boolean {
  return /^(latest|nightly|stable|\*)$/i.test(value) || /^\s*(~>|>=?|<=?|\^|~)/.test(value) || /(^|\.)[x*]$/i.test(value);
}

export default defineRule(
  {
    id: 'unpinned-tools',
    title: 'Setup action installs a floating tool version',
    description:
      'Some pinned actions download a tool at run time and, with no version input or `latest`, install whatever release is newest that day (setup-trivy, setup-terraform, golangci-lint-action, goreleaser-action, setup-gcloud). A compromised or broken release reaches the workflow the day it is published, whatever the action is pinned to.',
    severity: 'medium',
    confidence: 'high',
    remediation: "Set the action's version input to an exact release (`version: v0.56.2`), and let Dependabot or Renovate propose updates.",
    needs: ['workflows'],
    since: '1.1',
  },
  {
    create(context) {
      let seen = 0;
      let reported = 0;
      return {
        step({ file, job, step }) {
          const ref = remoteAction(step);
          const spec = ref ? TOOL_ACTIONS[ref.name] : undefined;
          if (!ref || !spec || !step.uses) return;
          seen += 1;
          const given = input(step, spec.versionInput)?.scalar;
          const where = job ? `in job ${job.id}` : 'in the action';
          if (!given) {
            if (!spec.defaultFloats || spec.alternatives(step, context.snapshot)) return;
            reported += 1;
            context.report({
              message: `${ref.name} ${where} has no \`${spec.versionInput}:\` input, so it installs ${spec.tool} at its default ${spec.defaultText}: whatever release is newest when the job runs. Set \`${spec.versionInput}:\` to an exact release.`,
              location: at(file, step.uses.region),
              subject: `${ref.name}:${spec.versionInput}`,
              job: job?.id,
              step: step.key,
            });
            return;
          }
          // A value from an expression (a matrix, an input) is decided elsewhere: not judged here.
          if (given.expressions.length > 0 || !floats(given.value.trim())) return;
          reported += 1;
          context.report({
            message: `${ref.name} ${where} sets \`${spec.versionInput}: ${given.value.trim()}\`, so it installs ${/^nightly$/i.test(given.value.trim()) ? `the newest ${spec.tool} nightly build` : `whichever ${spec.tool} release is newest`} when the job runs. Set it to an exact release.`,
            location: at(file, given.region),
            subject: `${ref.name}:${spec.versionInput}`,
            job: job?.id,
            step: step.key,
          });
        },
        end() {
          if (seen === 0) context.notApplicable(`no step uses an action from the catalogue (${Object.keys(TOOL_ACTIONS).join(', ')})`);
          else if (reported === 0)
            context.evidence({ message: `${seen} steps of tool-installing actions checked for a pinned tool version` });
        },
      };
    },
  },
);
