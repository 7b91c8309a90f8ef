/**
 * How dependency-lockfiles words and weighs tooling whose risk is the jobs that run it: loose development or CI
 * requirements installed only by jobs that hold nothing (psf/requests' requirements-dev.txt), and fuzz or
 * benchmark harnesses whose Cargo.lock the project leaves out on purpose (tokio's `tokio-stream/fuzz`).
 */
import type { AuditIndex } from './audit-index.js';
import { cargoLockIgnoredAt } from './cargo-crates.js';
import type { Snapshot } from './snapshot.js';
import { lineLocation } from './source.js';
import { harnessBuilders, installerNames, requirementInstallers, type ToolingInstaller } from './tooling-installs.js';
import type { FindingDraft } from './types.js';

/**
 * "the only workflow job that builds it (check-fuzzing of ci.yml, by `cargo fuzz check`) holds no token that can
 * write, …": the jobs found and the distinct ways (at most two), with the verb agreeing.
 */
function heldNothing(found: readonly ToolingInstaller[], verb: 'installs' | 'builds'): string {
  const one = found.length === 1;
  const distinct = [...new Set(found.map((site) => site.how))];
  const ways = `${distinct.slice(0, 2).join('; ')}${distinct.length > 2 ? ` and ${distinct.length - 2} more` : ''}`;
  const jobs = `${one ? 'the only workflow job that' : 'the workflow jobs that'} ${one ? verb : verb.slice(0, -1)} it (${installerNames(found)}, by ${ways})`;
  const webhooks = [...new Set(found.flatMap((site) => site.webhooks))];
  const secret =
    webhooks.length === 0 ? 'no secret' : `no secret but the chat webhook${webhooks.length === 1 ? '' : 's'} ${webhooks.join(', ')}`;
  return one
    ? `${jobs} holds no token that can write, reads ${secret}, publishes nothing and hands no artifact or cache to a release`
    : `${jobs} hold no token that can write, read ${secret}, publish nothing and hand no artifact or cache to a release`;
}

/**
 * A clause for a loose development or CI requirements file whose installing jobs all hold nothing, which lowers it
 * to low; empty when a job that installs it can reach something, or when no installing job is found (an install
 * this cannot follow, a script or a variable, may run anywhere).
 */
export function confinedInstalls(index: AuditIndex, path: string, what: string): string {
  const found = requirementInstallers(index, path);
  if (found.length === 0 || found.some((one) => one.reaches.length > 0)) return '';
  return `; it installs ${what}, which ships nothing, and ${heldNothing(found, 'installs')}`;
}

/**
 * A fuzz or benchmark harness whose Cargo.lock the root .gitignore leaves out on purpose: info, since nothing of it
 * ships and the project chose to keep no lock; low when a job that can reach something builds it. Undefined when
 * the lock is not ignored.
 */
export function deliberateCargo(
  snapshot: Snapshot,
  index: AuditIndex,
  path: string,
  role: 'fuzz' | 'benchmark',
  tooling: string,
): FindingDraft | undefined {
  const where = cargoLockIgnoredAt(snapshot, path);
  if (where === undefined) return undefined;
  const builders = harnessBuilders(index, path, role);
  const reaching = builders.filter((one) => one.reaches.length > 0);
  const lead = `${path} declares cargo dependencies and no lockfile is committed (Cargo.lock): ${where} lists Cargo.lock, so the project leaves it out on purpose${tooling}`;
  const fix = `commit a lockfile (and take it out of .gitignore) if reproducible ${role} builds matter.`;
  const base = { location: lineLocation(path, 1), aspect: 'lockfile', subject: path } as const;
  if (reaching.length > 0)
    return {
      ...base,
      message: `${lead}, but ${installerNames(reaching)} build${reaching.length === 1 ? 's' : ''} it (by ${reaching[0].how}), and ${reaching.length === 1 ? '' : `in job ${reaching[0].job?.id ?? reaching[0].file.path}, `}${reaching[0].reaches[0]}, so versions resolved afresh run where they can reach something; ${fix}`,
      severity: 'low',
    };
  const built = builders.length === 0 ? 'no workflow step found builds it' : heldNothing(builders, 'builds');
  return { ...base, message: `${lead}, and ${built}; ${fix}`, severity: 'info' };
}
