/**
 * Meta-tests: every rule is registered, documented, tested, has pass and fail fixtures, and valid metadata.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_FINDINGS } from '../../src/engine/run.js';
import { CONFIDENCES, SEVERITIES } from '../../src/model/types.js';
import { RULES } from '../../src/rules/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('rule registry', () => {
  it('registers every src/rules/<id>.ts file, sorted by id, with no duplicates', () => {
    const files = readdirSync(join(ROOT, 'src/rules'))
      .filter((name) => name.endsWith('.ts') && !['index.ts', 'types.ts'].includes(name) && !name.startsWith('_'))
      .map((name) => name.replace(/\.ts$/, ''))
      .sort();
    const ids = RULES.map((rule) => rule.meta.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(files);
  });

  it('lists every rule in docs/rules/README.md', () => {
    const index = readFileSync(join(ROOT, 'docs/rules/README.md'), 'utf8');
    for (const rule of RULES) expect(index, rule.meta.id).toContain(`[\`${rule.meta.id}\`](${rule.meta.id}.md)`);
  });

  it('keeps rule ids apart from engine finding ids', () => {
    for (const rule of RULES) expect(Object.keys(ENGINE_FINDINGS)).not.toContain(rule.meta.id);
  });

  for (const rule of RULES) {
    const id = rule.meta.id;
    describe(id, () => {
      it('has complete metadata', () => {
        expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
        expect(SEVERITIES).toContain(rule.meta.severity);
        expect(CONFIDENCES).toContain(rule.meta.confidence);
        expect(rule.meta.title.length).toBeGreaterThan(5);
        expect(rule.meta.description.length).toBeGreaterThan(20);
        expect(rule.meta.remediation.length).toBeGreaterThan(10);
        expect(rule.meta.helpUri.endsWith(`/docs/rules/${id}.md`)).toBe(true);
        expect(rule.meta.since).toMatch(/^\d+\.\d+$/);
        if (rule.meta.options) {
          expect(rule.meta.options.schema.type).toBe('object');
          for (const property of Object.values(rule.meta.options.schema.properties)) expect(property.description.length).toBeGreaterThan(5);
        }
      });
      it('has a docs page, a test file and pass and fail fixtures', () => {
        expect(existsSync(join(ROOT, 'docs/rules', `${id}.md`)), `docs/rules/${id}.md`).toBe(true);
        expect(existsSync(join(ROOT, 'test/rules', `${id}.test.ts`)), `test/rules/${id}.test.ts`).toBe(true);
        const fixtures = join(ROOT, 'test/fixtures', id);
        const kinds = existsSync(fixtures) ? readdirSync(fixtures) : [];
        expect(kinds, `test/fixtures/${id}/{pass,fail}`).toEqual(expect.arrayContaining(['pass', 'fail']));
      });
    });
  }
});
