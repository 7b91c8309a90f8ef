/**
 * Runs a GitHub settings rule on a fixture: a small repository tree plus `github-facts.json`, the facts the
 * collector would have read (the collector itself is tested against the fake API in scenarios.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fact, GitHubFacts } from '../../src/model/facts.js';
import { OFFLINE } from '../../src/model/facts.js';
import type { AnyRule } from '../../src/rules/types.js';
import { fixturePath, runRule, snapshotOf, TODAY, type RuleResultForTest } from '../helpers.js';

export const REPOSITORY = { owner: 'octo-org', name: 'widget', serverUrl: 'https://github.com', defaultBranch: 'main' };

export function onlineFacts(facts: Record<string, Fact<unknown>>): GitHubFacts {
  return { mode: 'online', modeReason: 'fixture', facts, requests: { used: 0 }, collectedAt: `${TODAY}T12:00:00Z` };
}

export function runSettingsFixture(
  rule: AnyRule,
  kind: 'pass' | 'fail',
  name: string,
  options?: Record<string, unknown>,
): RuleResultForTest {
  const dir = fixturePath(rule.meta.id, kind, name);
  const facts = JSON.parse(readFileSync(join(dir, 'github-facts.json'), 'utf8')) as Record<string, Fact<unknown>>;
  return runRule(rule, snapshotOf(dir, { github: onlineFacts(facts), repository: REPOSITORY }), options);
}

/** The same fixture tree audited offline. */
export function runOffline(rule: AnyRule, kind: 'pass' | 'fail', name: string): RuleResultForTest {
  return runRule(rule, snapshotOf(fixturePath(rule.meta.id, kind, name), { github: OFFLINE }));
}
