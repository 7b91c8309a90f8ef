import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { capabilityOf, flowingAccesses, parseExpression, type TaintScope } from '../../../src/model/expression/index.js';

const scope = (overrides: Partial<TaintScope> = {}): TaintScope => ({
  events: [],
  inputs: new Map(),
  actionInputs: false,
  env: [],
  matrix: undefined,
  ...overrides,
});

function paths(text: string): string[] {
  const parsed = parseExpression(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return flowingAccesses(parsed.node).map((access) => access.path);
}

describe('context capabilities', () => {
  it.each([
    ['github.event.issue.title', 'arbitrary'],
    ['github.event.issue.body', 'arbitrary'],
    ['github.event.pull_request.title', 'arbitrary'],
    ['github.event.pull_request.head.ref', 'arbitrary'],
    ['github.event.pull_request.head.label', 'arbitrary'],
    ['github.event.pull_request.head.sha', 'fixed'],
    ['github.event.pull_request.number', 'fixed'],
    ['github.event.pull_request.head.repo.full_name', 'fixed'],
    ['github.event.pull_request.base.ref', 'structured'],
    ['github.event.client_payload.anything', 'arbitrary'],
    ['github.event.pull_request.user.login', 'fixed'],
    ['github.event.comment.body', 'arbitrary'],
    ['github.event.head_commit.message', 'arbitrary'],
    ['github.event.head_commit.author.email', 'arbitrary'],
    ['github.event.head_commit.author.name', 'arbitrary'],
    ['github.event.commits.*.message', 'arbitrary'],
    ['github.event.commits.0.message', 'arbitrary'],
    ['github.event.workflow_run.head_branch', 'arbitrary'],
    ['github.event.workflow_run.head_sha', 'fixed'],
    ['github.event.action', 'fixed'],
    ['github.event.issue.labels.*.name', 'arbitrary'],
    ['github.event.pull_request.draft', 'fixed'],
    ['github.event.pull_request.html_url', 'fixed'],
    ['github.event.release.tag_name', 'arbitrary'],
    ['github.event.review.body', 'arbitrary'],
    ['github.event.pull_request', 'arbitrary'],
    ['github.head_ref', 'arbitrary'],
    ['github.sha', 'fixed'],
    ['github.event_name', 'fixed'],
    ['github.actor', 'fixed'],
    ['github.repository', 'fixed'],
    ['github.base_ref', 'structured'],
    ['github.ref_name', 'structured'],
  ])('%s is %s', (path, capability) => {
    expect(capabilityOf(path, scope())?.capability).toBe(capability);
  });

  it('narrows github.event paths to the workflow triggers', () => {
    expect(capabilityOf('github.event.pull_request.title', scope({ events: ['pull_request_target'] }))?.capability).toBe('arbitrary');
    // Not in a push payload, but in others: kept, marked uncertain.
    expect(capabilityOf('github.event.issue.title', scope({ events: ['push'] }))).toMatchObject({
      capability: 'arbitrary',
      certain: false,
    });
    expect(capabilityOf('github.event.no_such_field', scope({ events: ['push'] }))).toMatchObject({
      capability: 'structured',
      certain: false,
    });
  });

  it('labels inputs by declared type, and composite-action inputs as arbitrary', () => {
    const inputs = new Map([
      ['name', 'arbitrary' as const],
      ['dry-run', 'fixed' as const],
    ]);
    expect(capabilityOf('inputs.name', scope({ inputs }))?.capability).toBe('arbitrary');
    expect(capabilityOf('inputs.dry-run', scope({ inputs }))?.capability).toBe('fixed');
    expect(capabilityOf('github.event.inputs.dry-run', scope({ inputs }))?.capability).toBe('fixed');
    expect(capabilityOf('inputs.anything', scope({ actionInputs: true }))?.capability).toBe('arbitrary');
  });

  it('propagates a tainted env value, and treats static env as safe', () => {
    const kv = (key: string, value: string) => ({
      key,
      keyRegion: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      view: undefined,
      scalar: {
        value,
        view: undefined as never,
        region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
        style: 'PLAIN',
        expressions: [],
      },
    });
    const env = [[kv('TITLE', '${{ github.event.issue.title }}'), kv('MODE', 'release')]];
    expect(capabilityOf('env.TITLE', scope({ env }))).toMatchObject({ capability: 'arbitrary', origin: 'github.event.issue.title' });
    expect(capabilityOf('env.MODE', scope({ env }))).toBeUndefined();
    expect(capabilityOf('env.UNSET', scope({ env }))).toBeUndefined();
  });

  it('resolves static matrices as safe and expression matrices by their source', () => {
    expect(capabilityOf('matrix.os', scope({ matrix: { os: ['ubuntu-latest', 'windows-latest'] } }))).toBeUndefined();
    expect(capabilityOf('matrix.title', scope({ matrix: { include: [{ title: '${{ github.event.issue.title }}' }] } }))?.capability).toBe(
      'arbitrary',
    );
    expect(capabilityOf('matrix.pkg', scope({ matrix: '${{ fromJSON(inputs.packages) }}' }))?.capability).toBe('arbitrary');
  });

  it('lets through only the accesses whose value reaches the result', () => {
    expect(paths("github.event_name == 'push' && 'a' || 'b'")).toEqual([]);
    expect(paths("contains(github.event.issue.title, 'x')")).toEqual([]);
    expect(paths('github.event.issue.title')).toEqual(['github.event.issue.title']);
    expect(paths('github.head_ref || github.ref_name')).toEqual(['github.head_ref', 'github.ref_name']);
    expect(paths("github.event_name == 'pull_request' && github.head_ref || 'main'")).toEqual(['github.head_ref']);
    expect(paths("format('{0}-{1}', github.event.pull_request.title, github.sha)")).toEqual([
      'github.event.pull_request.title',
      'github.sha',
    ]);
    expect(paths('toJSON(github.event)')).toEqual(['github.event']);
    expect(paths('secrets[matrix.name]')).toEqual(['secrets.*']);
    expect(paths('(github.event.pull_request || github.event.issue).title')).toEqual([
      'github.event.pull_request.title',
      'github.event.issue.title',
    ]);
    expect(paths('fromJSON(steps.meta.outputs.json).version')).toEqual(['steps.meta.outputs.json.version']);
  });

  it('keeps the committed rules/data/contexts.json in step with its generator', () => {
    expect(() => execFileSync(process.execPath, ['scripts/gen-contexts.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
