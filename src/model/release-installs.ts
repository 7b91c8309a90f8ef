/**
 * Whether a tooling requirements file (documentation, benchmarks) is installed in a job that publishes: such a
 * file ships nothing itself, but its packages then run with the release job's credentials before the artifact is
 * built (PyCQA/bandit's publish-to-pypi.yml runs `tox run -e manpage`, whose `deps = -r doc/requirements.txt`
 * installs Sphinx in the job that holds `id-token: write`). Read from the publishing jobs' `run:` scripts: a
 * `pip install -r <file>`, or a tox environment (tox.ini) or nox session (noxfile.py) that installs the file.
 */
import type { AuditIndex } from './audit-index.js';
import { publishSteps } from './release.js';
import type { Snapshot } from './snapshot.js';
import type { Job, WorkflowModel } from './workflow.js';

/** How a publishing job installs a file: "job build-n-publish of .github/workflows/publish-to-pypi.yml (tox env manpage)". */
export function releaseInstall(index: Pick<AuditIndex, 'findTools' | 'snapshot'>, path: string): string | undefined {
  const seen = new Set<Job>();
  for (const use of publishSteps(index)) {
    const job = use.job;
    if (!job || seen.has(job) || use.file.kind !== 'workflow') continue;
    seen.add(job);
    const how = installsIn(index.snapshot, job, path);
    if (how) return `job ${job.id} of ${(use.file as WorkflowModel).path} (${how})`;
  }
  return undefined;
}

/** A requirement file reference as written (`-r doc/requirements.txt`, `-r{toxinidir}/doc/requirements.txt`), normalised. */
function referenced(text: string, path: string): boolean {
  for (const match of text.matchAll(/(?:^|\s)(?:-r|--requirement)(?:\s*=?\s*)["']?([^\s"']+)/g)) {
    const target = match[1].replace(/^\{toxinidir\}\//, '').replace(/^\.\//, '');
    if (target === path) return true;
  }
  return false;
}

function installsIn(snapshot: Pick<Snapshot, 'files'>, job: Job, path: string): string | undefined {
  for (const step of job.steps) {
    const script = step.run?.value;
    if (!script) continue;
    for (const line of script.split('\n')) {
      const command = line.replace(/(^|\s)#.*$/, '');
      if (/\bpip3?\s+install\b/.test(command) && referenced(command, path)) return `\`${command.trim()}\``;
      const tox = /\btox\b(?:\s+(?:run|r))?[^\n]*?\s(?:-e|--env)(?:\s+|=)([\w.,-]+)/.exec(command);
      if (tox) {
        const env = tox[1].split(',').find((name) => toxEnvInstalls(snapshot, name, path));
        if (env) return `tox env ${env}`;
      }
      const nox = /\bnox\b[^\n]*?\s(?:-s|--session|--sessions)(?:\s+|=)([\w.-]+)/.exec(command);
      if (nox && noxSessionInstalls(snapshot, nox[1], path)) return `nox session ${nox[1]}`;
    }
  }
  return undefined;
}

/** The `deps` of `[testenv:<env>]` in tox.ini (else the `[testenv]` defaults) reference the file. */
function toxEnvInstalls(snapshot: Pick<Snapshot, 'files'>, env: string, path: string): boolean {
  const text = snapshot.files.texts.get('tox.ini')?.text;
  if (text === undefined) return false;
  const section = (name: string): string | undefined => {
    const lines = text.split(/\r?\n/);
    const start = lines.findIndex((line) => line.trim() === `[${name}]`);
    if (start < 0) return undefined;
    const end = lines.findIndex((line, index) => index > start && /^\s*\[/.test(line));
    return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
  };
  const own = section(`testenv:${env}`);
  const deps = (body: string | undefined): string | undefined => /^deps\s*=([^\n]*(?:\n[ \t]+[^\n]*)*)/m.exec(body ?? '')?.[1];
  const list = deps(own) ?? deps(section('testenv'));
  return list !== undefined && referenced(list, path);
}

/** The body of `def <session>(` in noxfile.py names the file. */
function noxSessionInstalls(snapshot: Pick<Snapshot, 'files'>, session: string, path: string): boolean {
  const text = snapshot.files.texts.get('noxfile.py')?.text;
  if (text === undefined) return false;
  const start = text.search(new RegExp(`^def ${session.replace(/[-.]/g, '_')}\\(`, 'm'));
  if (start < 0) return false;
  const rest = text.slice(start + 1);
  const end = rest.search(/^(?:@|def |class )/m);
  return (end < 0 ? rest : rest.slice(0, end)).includes(path);
}
