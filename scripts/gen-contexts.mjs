#!/usr/bin/env node
/**
 * Generates rules/data/contexts.json: how far an attacker controls each `github.*` and `github.event.*`
 * value, derived offline from GitHub's webhook payload schemas (@octokit/webhooks-schemas in node_modules).
 *
 *   node scripts/gen-contexts.mjs          # rewrite rules/data/contexts.json
 *   node scripts/gen-contexts.mjs --check  # exit 1 when the committed file is stale
 *
 * A capability is one of:
 *   arbitrary  — free text a user writes (titles, bodies, names, messages, branch names, labels, emails);
 *   structured — attacker-influenced but constrained (logins, repository names, free-form URLs GitHub validates);
 *   fixed      — chosen by GitHub (ids, SHAs, numbers, booleans, enums, timestamps, URLs GitHub builds).
 *
 * Output shape: `types` holds one node per schema definition; a node is a capability string (the same for
 * every path below it), `{ "$ref": name }`, or `{ "f": { field: node }, "i": node }` (fields, array items).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaPath = require.resolve('@octokit/webhooks-schemas/schema.json');
const schemaVersion = JSON.parse(readFileSync(join(dirname(schemaPath), 'package.json'), 'utf8')).version;
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const definitions = schema.definitions;

const RANK = { fixed: 0, structured: 1, arbitrary: 2 };
const worst = (a, b) => (RANK[a] >= RANK[b] ? a : b);

/** Field names whose strings GitHub generates. */
const FIXED_NAMES = new Set([
  'sha',
  'before',
  'after',
  'commit_id',
  'original_commit_id',
  'head_sha',
  'base_sha',
  'merge_commit_sha',
  'tree_id',
  'state',
  'status',
  'conclusion',
  'action',
  'visibility',
  'author_association',
  'role',
  'permission',
  'privacy',
  'event',
  'type',
  'node_id',
  'gravatar_id',
  'user_view_type',
  'active_lock_reason',
  'side',
  'start_side',
  'subject_type',
  'mergeable_state',
  'ref_type',
  'pusher_type',
  'master_branch_protection',
  'color',
  'content_type',
  'diff_url',
  'patch_url',
]);
/**
 * Field names a user chooses from an alphabet that cannot carry shell or JavaScript syntax: logins are
 * `[A-Za-z0-9-]`, team and app slugs likewise. They are as safe to expand as an id.
 */
const RESTRICTED_NAMES = new Set(['login', 'slug']);
/** Field names whose strings are constrained by GitHub but chosen by a user. */
const STRUCTURED_NAMES = new Set(['language', 'key', 'tag_name_pattern']);
/** Names whose values are `[A-Za-z0-9._-]` inside repository-like objects. */
const REPOSITORY_TYPES = new Set(['repository', 'repository-lite', 'repo', 'simple-repository', 'repo-ref']);
const REPOSITORY_NAMES = new Set(['name', 'full_name']);
/** URL fields a user fills in freely. */
const USER_URLS = new Set(['homepage', 'blog', 'website_url', 'twitter_username', 'external_url']);

function types(node) {
  if (!node.type) return [];
  return Array.isArray(node.type) ? node.type : [node.type];
}

/** Capability of a scalar field from its schema and name. */
function leafCapability(name, node, typeName) {
  const kinds = types(node).filter((t) => t !== 'null');
  if (kinds.length > 0 && kinds.every((t) => t === 'boolean' || t === 'integer' || t === 'number')) return 'fixed';
  if (kinds.length === 0 && types(node).includes('null')) return 'fixed';
  if (node.enum || node.const !== undefined) return 'fixed';
  if (node.format === 'date-time' || node.format === 'date') return 'fixed';
  if (USER_URLS.has(name)) return 'arbitrary';
  if (node.format === 'email' || name === 'email') return 'arbitrary';
  if (node.format === 'uri' || node.format === 'uri-template' || name === 'url' || name.endsWith('_url')) return 'fixed';
  if (FIXED_NAMES.has(name) || /(^|_)id$/.test(name) || /_sha$/.test(name) || /_at$/.test(name)) return 'fixed';
  if (RESTRICTED_NAMES.has(name)) return 'fixed';
  if (REPOSITORY_TYPES.has(typeName) && REPOSITORY_NAMES.has(name)) return 'fixed';
  if (STRUCTURED_NAMES.has(name)) return 'structured';
  return 'arbitrary';
}

function refName(ref) {
  return ref.replace('#/definitions/', '');
}

/** Merges nodes of a union: fields from every branch, the worst capability where they differ. */
function mergeNodes(nodes, prefer) {
  const objects = nodes.filter((n) => typeof n === 'object');
  const leaves = nodes.filter((n) => typeof n === 'string');
  if (objects.length === 0) return leaves.length === 0 ? 'fixed' : leaves.reduce(prefer);
  if (objects.length === 1 && leaves.every((l) => l === 'fixed')) return objects[0];
  const refs = objects.filter((n) => n.$ref);
  const plain = objects.filter((n) => !n.$ref);
  if (plain.length === 0 && refs.length === 1) return refs[0];
  const merged = { f: {} };
  for (const n of [...refs.map((r) => expandRef(r)), ...plain]) {
    if (typeof n === 'string') continue;
    for (const [key, value] of Object.entries(n.f ?? {})) {
      merged.f[key] = key in merged.f ? mergeNodes([merged.f[key], value], prefer) : value;
    }
    if (n.i) merged.i = merged.i ? mergeNodes([merged.i, n.i], prefer) : n.i;
  }
  return merged;
}

const expanded = new Map();
function expandRef(node) {
  const name = node.$ref;
  if (!expanded.has(name)) {
    expanded.set(name, 'arbitrary');
    expanded.set(name, convert(definitions[name], name, name));
  }
  return expanded.get(name);
}

/** Converts a schema node into a capability node. `field` is the property name the node sits under. */
function convert(node, field, typeName) {
  if (!node || typeof node !== 'object') return 'arbitrary';
  if (node.$ref) return { $ref: refName(node.$ref) };
  if (node.allOf)
    return mergeNodes(
      node.allOf.map((n) => convert(n, field, typeName)),
      (_a, b) => b,
    );
  if (node.oneOf || node.anyOf)
    return mergeNodes(
      (node.oneOf ?? node.anyOf).map((n) => convert(n, field, typeName)),
      worst,
    );
  const kinds = types(node);
  if (kinds.includes('object') || node.properties) {
    const props = Object.entries(node.properties ?? {});
    if (props.length === 0) return node.additionalProperties === false ? 'fixed' : 'arbitrary';
    const f = {};
    for (const [key, value] of props) f[key.toLowerCase()] = convert(value, key, typeName);
    return { f };
  }
  if (kinds.includes('array')) return { i: convert(node.items ?? {}, field, typeName) };
  return leafCapability(field, node, typeName);
}

/** Event name → payload definition. `X_event` unions all actions; `X$event` is a single shape. */
const events = {};
for (const name of Object.keys(definitions)) {
  const union = /^([a-z_]+)_event$/.exec(name);
  const single = /^([a-z_]+)\$event$/.exec(name);
  const event = union?.[1] ?? single?.[1];
  if (event) events[event] = name;
}
// Triggers that deliver another event's payload.
events.pull_request_target = events.pull_request;

/**
 * A pull request's base branch is one the maintainers created; only the head is the contributor's.
 * Every `base: { ref, label }` is therefore structured, not arbitrary.
 */
function narrowBaseRefs(node) {
  if (!node || typeof node !== 'object') return;
  const base = node.f?.base;
  if (base && typeof base === 'object' && base.f) {
    for (const key of ['ref', 'label']) if (base.f[key] === 'arbitrary') base.f[key] = 'structured';
  }
  for (const child of [...Object.values(node.f ?? {}), node.i]) narrowBaseRefs(child);
}

const needed = new Set(Object.values(events));
const typesOut = {};
const queue = [...needed];
while (queue.length > 0) {
  const name = queue.pop();
  if (typesOut[name]) continue;
  const node = convert(definitions[name], name, name);
  narrowBaseRefs(node);
  typesOut[name] = node;
  JSON.stringify(node, (key, value) => {
    if (key === '$ref' && !typesOut[value] && definitions[value]) queue.push(value);
    return value;
  });
}

/**
 * The rest of the `github` context (https://docs.github.com/en/actions/learn-github-actions/contexts#github-context).
 * One reason per entry where the label is a judgement.
 */
const github = {
  // A fork's branch name: any characters git allows, including `$(…)` and backticks.
  head_ref: 'arbitrary',
  // The target branch: chosen by maintainers, but a branch name all the same.
  base_ref: 'structured',
  // On push, a branch or tag name a collaborator chose; on pull requests, refs/pull/N/merge.
  ref: 'structured',
  ref_name: 'structured',
  // The workflow's name is written in the repository itself.
  workflow: 'structured',
  workflow_ref: 'structured',
  // Logins are `[A-Za-z0-9-]` and repository names `[A-Za-z0-9._-]`: no shell or JavaScript syntax fits.
  actor: 'fixed',
  triggering_actor: 'fixed',
  repository: 'fixed',
  repository_owner: 'fixed',
  action_repository: 'fixed',
  // A ref of an action the workflow itself pins.
  action_ref: 'structured',
  // Paths on the runner, chosen by the runner, not by the event.
  workspace: 'fixed',
  action_path: 'fixed',
  sha: 'fixed',
  workflow_sha: 'fixed',
  event_name: 'fixed',
  event_path: 'fixed',
  run_id: 'fixed',
  run_number: 'fixed',
  run_attempt: 'fixed',
  job: 'fixed',
  ref_type: 'fixed',
  ref_protected: 'fixed',
  retention_days: 'fixed',
  secret_source: 'fixed',
  server_url: 'fixed',
  api_url: 'fixed',
  graphql_url: 'fixed',
  repositoryurl: 'fixed',
  repository_id: 'fixed',
  repository_owner_id: 'fixed',
  actor_id: 'fixed',
  token: 'fixed',
  env: 'fixed',
  path: 'fixed',
  action: 'fixed',
  action_status: 'fixed',
  output: 'fixed',
  state: 'fixed',
};

const out = {
  $comment: 'Generated by scripts/gen-contexts.mjs from @octokit/webhooks-schemas; do not edit by hand.',
  source: `@octokit/webhooks-schemas@${schemaVersion}`,
  github,
  events: Object.fromEntries(Object.entries(events).sort(([a], [b]) => (a < b ? -1 : 1))),
  types: Object.fromEntries(Object.entries(typesOut).sort(([a], [b]) => (a < b ? -1 : 1))),
};

const target = join(root, 'rules', 'data', 'contexts.json');
const text = `${JSON.stringify(out)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // Missing counts as stale.
  }
  if (current !== text) {
    console.error('rules/data/contexts.json is stale: run node scripts/gen-contexts.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target} (${text.length} bytes, ${Object.keys(out.events).length} events, ${Object.keys(out.types).length} types)`);
}
