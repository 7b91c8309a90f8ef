/**
 * Meta-tests: a rule is its file, its fixtures and test, its docs page and a framework line. For every
 * src/rules/<id>.ts this names what is missing; everything else (the registry, the docs index) is generated.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENGINE_FINDINGS } from '../../src/engine/run.js';
import { allClaims, findFramework, loadFrameworks, parseRuleRef, type Framework } from '../../src/frameworks/load.js';
import { CONFIDENCES, SEVERITIES } from '../../src/model/types.js';
import { RULES } from '../../src/rules/index.js';
import type { AnyRule } from '../../src/rules/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRIMARY_FRAMEWORK = 'uk-sscop';
const REGENERATE = 'generated: run npm run build';

/** A rule file is a src/rules/*.ts with a default export (as scripts/gen-registry.mjs reads them). */
function ruleFileIds(): string[] {
  const dir = join(ROOT, 'src/rules');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && name !== 'index.ts' && /^export default /m.test(readFileSync(join(dir, name), 'utf8')))
    .map((name) => name.slice(0, -'.ts'.length))
    .sort();
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function caseCount(dir: string): number {
  return isDirectory(dir) ? readdirSync(dir).filter((name) => isDirectory(join(dir, name))).length : 0;
}

function missingFixtures(id: string): string[] {
  const base = `test/fixtures/${id}`;
  return (['pass', 'fail'] as const)
    .filter((kind) => caseCount(join(ROOT, base, kind)) === 0)
    .map((kind) => `fixtures: ${base}/${kind}/<case>/ (a small repository tree)`);
}

function missingTest(id: string): string[] {
  const path = `test/rules/${id}.test.ts`;
  if (!existsSync(join(ROOT, path))) return [`test file: ${path}`];
  const imports = readFileSync(join(ROOT, path), 'utf8').includes(`'../../src/rules/${id}.js'`);
  return imports ? [] : [`test file that runs it: ${path} does not import '../../src/rules/${id}.js'`];
}

/** Claims in `framework` that cite the rule, and the `rule#aspect` references the rule does not declare. */
function citations(framework: Framework, rule: AnyRule): { claims: string[]; unknownAspects: string[] } {
  const claims: string[] = [];
  const unknownAspects: string[] = [];
  for (const claim of allClaims(framework)) {
    for (const ref of claim.rules) {
      const { ruleId, aspect } = parseRuleRef(ref);
      if (ruleId !== rule.meta.id) continue;
      claims.push(claim.id);
      if (aspect !== undefined && !(rule.meta.aspects ?? []).includes(aspect))
        unknownAspects.push(`${framework.id} ${claim.id} cites ${ref}`);
    }
  }
  return { claims, unknownAspects };
}

/** UK Code claim ids named on the first lines of the docs page (`· UK Code 1.2.2, 3.3.1`). */
function docsPageClaims(page: string): string[] {
  const header = page.split('\n').slice(0, 4).join('\n');
  const after = header.split('UK Code')[1] ?? '';
  return after.split('\n')[0].match(/\b\d+\.\d+\.\d+\b/g) ?? [];
}

function missingCitations(rule: AnyRule, frameworks: Framework[]): string[] {
  const primary = frameworks.find((fw) => fw.id === PRIMARY_FRAMEWORK);
  const problems: string[] = [];
  if (!primary || citations(primary, rule).claims.length === 0)
    problems.push(`framework line: a claim in rules/frameworks/${PRIMARY_FRAMEWORK}.yml citing it`);
  for (const framework of frameworks)
    problems.push(
      ...citations(framework, rule).unknownAspects.map((ref) => `aspect: ${ref}, which the rule does not declare in meta.aspects`),
    );
  const docs = join(ROOT, 'docs/rules', `${rule.meta.id}.md`);
  if (primary && existsSync(docs)) {
    const known = new Set(allClaims(primary).map((claim) => claim.id));
    for (const id of docsPageClaims(readFileSync(docs, 'utf8'))) {
      if (!known.has(id))
        problems.push(
          `claim: docs/rules/${rule.meta.id}.md names UK Code ${id}, which rules/frameworks/${PRIMARY_FRAMEWORK}.yml does not have`,
        );
    }
  }
  return problems;
}

function metadataProblems(rule: AnyRule, id: string): string[] {
  const meta = rule.meta;
  const checks: Array<[boolean, string]> = [
    [meta.id === id, `meta.id '${meta.id}' equals the file name '${id}'`],
    [/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(meta.id), 'a kebab-case id'],
    [(SEVERITIES as readonly string[]).includes(meta.severity), `a severity among ${SEVERITIES.join(', ')}`],
    [(CONFIDENCES as readonly string[]).includes(meta.confidence), `a confidence among ${CONFIDENCES.join(', ')}`],
    [meta.title.length > 5, 'a title'],
    [meta.description.length > 20, 'a description'],
    [meta.remediation.length > 10, 'a remediation'],
    [meta.helpUri.endsWith(`/docs/rules/${id}.md`), 'a helpUri derived from the id'],
    [/^\d+\.\d+$/.test(meta.since), 'a since version (major.minor)'],
    [!meta.options || meta.options.schema.type === 'object', 'an options schema of type object'],
    [
      Object.values(meta.options?.schema.properties ?? {}).every((property) => property.description.length > 5),
      'a description for every option',
    ],
  ];
  return checks.filter(([ok]) => !ok).map(([, what]) => `metadata: ${what}`);
}

/** Everything a rule still lacks, each named with the file to add or fix. */
async function missingFor(id: string, frameworks: Framework[]): Promise<string[]> {
  const module = (await import(pathToFileURL(join(ROOT, 'src/rules', `${id}.ts`)).href)) as { default: AnyRule };
  const rule = module.default;
  return [
    ...(RULES.includes(rule) ? [] : [`registry entry: src/rules/index.ts (${REGENERATE})`]),
    ...metadataProblems(rule, id),
    ...(existsSync(join(ROOT, 'docs/rules', `${id}.md`)) ? [] : [`docs page: docs/rules/${id}.md`]),
    ...(readFileSync(join(ROOT, 'docs/rules/README.md'), 'utf8').includes(`[\`${id}\`](${id}.md)`)
      ? []
      : [`docs index row: docs/rules/README.md (${REGENERATE})`]),
    ...missingFixtures(id),
    ...missingTest(id),
    ...missingCitations(rule, frameworks),
  ];
}

describe('every rule file has what a rule needs', () => {
  const frameworks = loadFrameworks();
  for (const id of ruleFileIds()) {
    it(id, async () => {
      expect(await missingFor(id, frameworks), `src/rules/${id}.ts is missing`).toEqual([]);
    });
  }
});

describe('rule registry', () => {
  it('registers exactly the rule files, sorted by id, with no duplicates', () => {
    const ids = RULES.map((rule) => rule.meta.id);
    expect(new Set(ids).size, 'duplicate ids in src/rules/index.ts').toBe(ids.length);
    expect(ids, `src/rules/index.ts is not sorted (${REGENERATE})`).toEqual([...ids].sort());
    expect(ids, `src/rules/index.ts differs from the rule files (${REGENERATE})`).toEqual(ruleFileIds());
  });

  it('keeps the generated files in step with the rule files', () => {
    let complaint = '';
    try {
      execFileSync(process.execPath, [join(ROOT, 'scripts/gen-registry.mjs'), '--check'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      complaint = String((error as { stderr?: string }).stderr ?? error);
    }
    expect(complaint).toBe('');
  });

  it('keeps rule ids apart from engine finding ids', () => {
    for (const rule of RULES) expect(Object.keys(ENGINE_FINDINGS), rule.meta.id).not.toContain(rule.meta.id);
  });

  it(`has the primary framework (${PRIMARY_FRAMEWORK}) the rules are cited from`, () => {
    expect(findFramework(PRIMARY_FRAMEWORK)).toBeDefined();
  });
});
