import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { DOCS_BASE } from '../../src/rules/types.js';
import { PROJECT_HOME, PROJECT_REPOSITORY } from '../../src/version.js';

const root = join(import.meta.dirname, '..', '..');

describe('the project home, set in one place', () => {
  it('derives every rule help URL from src/version.ts', () => {
    expect(DOCS_BASE).toBe(`${PROJECT_HOME}/blob/main/docs/rules/`);
    for (const rule of RULES) expect(rule.meta.helpUri).toBe(`${PROJECT_HOME}/blob/main/docs/rules/${rule.meta.id}.md`);
  });

  it('is named the same way in the README and package.json', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const owners = [...readme.matchAll(/uses: ([\w.-]+\/ssc-audit)@/g)].map((m) => m[1]);
    expect(owners.length).toBeGreaterThan(0);
    // The README's Quick start pins the Action under the one home; the pin is a full SHA or the placeholder explained next to it.
    expect(owners[0]).toBe(PROJECT_REPOSITORY);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      repository?: { url?: string } | string;
      homepage?: string;
    };
    const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    if (repository) expect(repository).toContain(PROJECT_REPOSITORY);
    if (pkg.homepage) expect(pkg.homepage.startsWith(PROJECT_HOME)).toBe(true);
  });
});
