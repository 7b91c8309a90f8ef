/**
 * Deployment jobs (jobs with `environment:`) and the secrets they read, from the workflow models. Pure: the
 * collector uses it to choose which environments' secrets to look up, and `environment-protection` to place
 * its findings.
 */
import type { Snapshot } from './snapshot.js';
import type { Location } from './types.js';
import { get, scalarString, isMapView } from './yaml.js';
import { ownerAt, sourceExpressions } from './expression/index.js';
import { at, type Job, type WorkflowModel } from './workflow.js';

export interface SecretUse {
  name: string;
  /** The `${{ … }}` that reads it. */
  location: Location;
}

export interface DeploymentJob {
  path: string;
  job: string;
  /** The environment name as written (GitHub compares names case-insensitively). */
  environment: string;
  /** Where the environment is named. */
  location: Location;
  /** Secrets the job reads by name (`GITHUB_TOKEN` excluded), first use of each. */
  secrets: SecretUse[];
}

const SECRET_NAME = /\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*'([A-Za-z_][A-Za-z0-9_]*)'\s*\])/gi;

/** The literal environment name of a job, or undefined when absent or computed by an expression. */
function environmentName(model: WorkflowModel, job: Job): { name: string; location: Location } | undefined {
  const env = job.environment;
  if (!env) return undefined;
  const nameView = isMapView(env) ? get(model.file, env, 'name')?.value : env;
  const name = scalarString(nameView)?.trim();
  if (!name || name.includes('${{') || !nameView) return undefined;
  return { name, location: at(model, nameView.region) };
}

/** Secret names read inside one job, in source order. */
function secretsOf(model: WorkflowModel, job: Job): SecretUse[] {
  const found = new Map<string, SecretUse>();
  for (const expression of sourceExpressions(model)) {
    if (ownerAt(model, expression.offset).job !== job) continue;
    for (const match of expression.ref.body.matchAll(SECRET_NAME)) {
      const name = (match[1] ?? match[2] ?? '').toUpperCase();
      if (!name || name === 'GITHUB_TOKEN' || found.has(name)) continue;
      found.set(name, { name, location: at(model, expression.ref.region) });
    }
  }
  return [...found.values()];
}

/** Every job that deploys to a named environment, with the secrets it reads. */
export function deploymentJobs(snapshot: Snapshot): DeploymentJob[] {
  const jobs: DeploymentJob[] = [];
  for (const model of snapshot.workflows) {
    for (const job of model.jobs) {
      const environment = environmentName(model, job);
      if (!environment) continue;
      jobs.push({
        path: model.path,
        job: job.id,
        environment: environment.name,
        location: environment.location,
        secrets: secretsOf(model, job),
      });
    }
  }
  return jobs;
}

/** The distinct environments (case-insensitive, first spelling kept) that deployment jobs reading secrets use. */
export function environmentsWithSecrets(jobs: DeploymentJob[]): string[] {
  const names = new Map<string, string>();
  for (const job of jobs)
    if (job.secrets.length > 0 && !names.has(job.environment.toLowerCase())) names.set(job.environment.toLowerCase(), job.environment);
  return [...names.values()];
}
