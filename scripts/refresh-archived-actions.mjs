#!/usr/bin/env node
/**
 * Refreshes rules/data/archived-actions.json from the GitHub REST API.
 *
 * For every entry it asks `GET /repos/{owner}/{repo}` (or, for `owner/*`, `GET /orgs|users/{owner}/repos`)
 * whether the repository is archived, keeps the entries that still are, and adds the extra candidates given
 * on the command line that turn out to be archived:
 *
 *   GITHUB_TOKEN=… node scripts/refresh-archived-actions.mjs [owner/repo …]
 *
 * The token needs no scopes (public metadata). The script never runs in tests or in the audit itself.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const DATA = fileURLToPath(new URL('../rules/data/archived-actions.json', import.meta.url));
const API = process.env.GITHUB_API_URL ?? 'https://api.github.com';

async function github(path) {
  const headers = { accept: 'application/vnd.github+json', 'user-agent': 'ssc-audit-refresh' };
  if (process.env.GITHUB_TOKEN) headers.authorization = `Bearer ${process.env.GITHUB_TOKEN}`;
  const response = await fetch(`${API}${path}`, { headers });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return response.json();
}

async function isArchived(repository) {
  const repo = await github(`/repos/${repository}`);
  return repo ? repo.archived === true : undefined;
}

/** An `owner/*` entry stays when every public repository of the owner is archived. */
async function ownerArchived(owner) {
  const repos = (await github(`/orgs/${owner}/repos?per_page=100`)) ?? (await github(`/users/${owner}/repos?per_page=100`));
  return Array.isArray(repos) && repos.length > 0 && repos.every((repo) => repo.archived === true);
}

async function main() {
  const data = JSON.parse(await readFile(DATA, 'utf8'));
  const candidates = process.argv.slice(2).map((repository) => ({ repository }));
  const kept = [];
  for (const entry of [...data.repositories, ...candidates]) {
    if (kept.some((k) => k.repository.toLowerCase() === entry.repository.toLowerCase())) continue;
    const [owner, name] = entry.repository.split('/');
    const archived = name === '*' ? await ownerArchived(owner) : await isArchived(entry.repository);
    if (archived) kept.push(entry);
    else console.error(`${entry.repository}: ${archived === undefined ? 'not found' : 'not archived'}, dropped`);
  }
  kept.sort((a, b) => a.repository.localeCompare(b.repository));
  const next = {
    ...data,
    generated: new Date().toISOString().slice(0, 10),
    source: 'GitHub REST API (repos.archived)',
    repositories: kept,
  };
  await writeFile(DATA, `${JSON.stringify(next, null, 2)}\n`);
  console.log(`${kept.length} archived repositories written to ${DATA}`);
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
