import { describe, expect, it } from 'vitest';
import { sourceText } from '../../src/model/source.js';
import { parseUses } from '../../src/model/uses.js';
import { buildWorkflow } from '../../src/model/workflow.js';
import { parseYaml } from '../../src/model/yaml.js';

// The shapes of GitHub's parallel steps (GA June 2026): `parallel:` blocks, `background:`, `wait`, `wait-all`, `cancel`.
const WORKFLOW = `name: CI
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - id: db
        background: true
        run: docker run --rm -p 5432:5432 postgres:16
      - parallel:
          - name: Lint
            run: npm run lint
          - parallel:
              - run: npm run test:unit
              - run: npm run test:e2e
      - wait: [db]
      - wait-all: true
      - cancel: db
      - run: npm run build
`;

describe('parallel steps', () => {
  const workflow = buildWorkflow('.github/workflows/ci.yml', parseYaml(sourceText('.github/workflows/ci.yml', WORKFLOW)));
  const steps = workflow.jobs[0].steps;

  it('flattens `parallel:` blocks into the job in execution order, each step at its own line', () => {
    expect(steps.map((step) => [step.key, step.region.startLine, step.concurrency ?? ''])).toEqual([
      ['#0', 7, ''],
      ['db', 8, 'background'],
      ['#2', 12, 'parallel'],
      ['#3', 15, 'parallel'],
      ['#4', 16, 'parallel'],
      ['#5', 17, ''],
      ['#6', 18, ''],
      ['#7', 19, ''],
      ['#8', 20, ''],
    ]);
    expect(steps[3].run?.value).toBe('npm run test:unit');
    expect(workflow.everyStep).toHaveLength(9);
  });

  it('parses `$/` references into this repository', () => {
    expect(parseUses('$/.github/actions/setup')).toEqual({ kind: 'self', path: '.github/actions/setup', raw: '$/.github/actions/setup' });
    expect(parseUses('$/./actions/foo')).toMatchObject({ kind: 'self', path: 'actions/foo' });
    // gh-actions-lock and the runner reject a ref on a self-repository reference.
    expect(parseUses('$/actions/foo@v1')).toMatchObject({ kind: 'invalid' });
  });
});
