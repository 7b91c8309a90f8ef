import { at, regionInScalar, type AnalysedFile, type KeyValue, type ScalarField } from '../model/workflow.js';
import { defineRule } from './types.js';

/**
 * `pip install … --extra-index-url` (not `uv pip`, whose default index strategy takes a package from the
 * first index that has it). The match stays on one command line, continuations folded.
 */
const PIP_EXTRA_INDEX = /(?<![\w-])(?:python3?\s+-m\s+)?pip3?\s+(?:[^\n;&|]*?\s)?install\b[^\n;&|]*?(--extra-index-url)\b/g;
/** The command words before `pip` on its own command: `uv pip`, `./uv --directory x pip`, `uv.exe pip`. */
const UV_COMMAND = /(^|[\s/\\])uv(\.exe)?\s/;

function extraIndexHits(script: string): { start: number; end: number }[] {
  const folded = script.replace(/\\\r?\n/g, (m) => ' '.repeat(m.length));
  const hits: { start: number; end: number }[] = [];
  for (const match of folded.matchAll(PIP_EXTRA_INDEX)) {
    const commandStart = Math.max(...['\n', ';', '&', '|'].map((sep) => folded.lastIndexOf(sep, match.index - 1))) + 1;
    if (UV_COMMAND.test(` ${folded.slice(commandStart, match.index)}`)) continue;
    const start = match.index + match[0].lastIndexOf('--extra-index-url');
    hits.push({ start, end: start + '--extra-index-url'.length });
  }
  return hits;
}

export default defineRule(
  {
    id: 'misfeature',
    title: 'Workflow relies on a feature that works against it',
    description:
      'Two features behave in ways that defeat their users: `pip install --extra-index-url` (or `PIP_EXTRA_INDEX_URL`) takes the highest version of a name from any index, so a public package can replace a private one (dependency confusion); and `shell: cmd` fails a step only when its last command fails, so earlier failures pass silently.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Serve private and public packages through one index (`--index-url` to a proxy that prefers the private one), or use `uv` with its default first-index strategy; run Windows scripts with `shell: pwsh` (or `bash`).',
    needs: ['workflows'],
    aspects: ['extra-index-url', 'cmd-shell'],
    since: '1.1',
  },
  {
    create(context) {
      let steps = 0;
      const envHit = (model: AnalysedFile, env: KeyValue[], where: string, job?: string, step?: string): void => {
        for (const kv of env) {
          if (kv.key.toUpperCase() !== 'PIP_EXTRA_INDEX_URL') continue;
          context.report({
            message: `${where} sets PIP_EXTRA_INDEX_URL, so pip takes each package from whichever index offers the highest version, and a public package with a private one's name replaces it; serve both through one index.`,
            location: at(model, kv.keyRegion),
            aspect: 'extra-index-url',
            subject: 'PIP_EXTRA_INDEX_URL',
            job,
            step,
          });
        }
      };
      const cmdShell = (model: AnalysedFile, shell: ScalarField | undefined, where: string, job?: string, step?: string): void => {
        if (shell?.value.trim().toLowerCase() !== 'cmd') return;
        context.report({
          message: `${where} runs scripts with \`shell: cmd\`, which fails a step only when its last command fails, so earlier failures pass unnoticed; use \`shell: pwsh\`.`,
          location: at(model, shell.region),
          severity: 'low',
          aspect: 'cmd-shell',
          subject: 'shell: cmd',
          job,
          step,
        });
      };
      return {
        workflow(workflow) {
          envHit(workflow, workflow.env, 'The workflow');
          cmdShell(workflow, workflow.defaultShell, "The workflow's `defaults.run`");
          for (const job of workflow.jobs) {
            envHit(workflow, job.env, `Job ${job.id}`, job.id);
            cmdShell(workflow, job.defaultShell, `Job ${job.id}'s \`defaults.run\``, job.id);
          }
        },
        step({ file, job, step }) {
          steps += 1;
          const where = `Step ${step.name ? `"${step.name}"` : step.key}${job ? ` of job ${job.id}` : ` of ${file.path}`}`;
          envHit(file, step.env, where, job?.id, step.key);
          cmdShell(file, step.shell, where, job?.id, step.key);
          if (!step.run) return;
          for (const hit of extraIndexHits(step.run.value)) {
            context.report({
              message: `${where} runs \`pip install --extra-index-url\`, so pip takes each package from whichever index offers the highest version, and a public package with a private one's name replaces it; serve both through one index, or use uv.`,
              location: at(file, regionInScalar(file.file, step.run, hit.start, hit.end)),
              aspect: 'extra-index-url',
              subject: 'pip --extra-index-url',
              job: job?.id,
              step: step.key,
            });
          }
        },
        end() {
          if (steps === 0) context.notApplicable('no workflow or action steps');
        },
      };
    },
  },
);
