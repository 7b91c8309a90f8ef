import { describe, expect, it } from 'vitest';
import { parseExpression, regionOfSpan } from '../../../src/model/expression/index.js';
import { sourceText } from '../../../src/model/source.js';
import { buildWorkflow } from '../../../src/model/workflow.js';
import { parseYaml } from '../../../src/model/yaml.js';

function workflow(text: string) {
  const source = sourceText('.github/workflows/x.yml', text);
  return buildWorkflow(source.path, parseYaml(source));
}

describe('expression spans in the file', () => {
  it('maps a node inside a multi-line expression of a block scalar to its own line and column', () => {
    const text = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: |',
      '          echo ${{',
      '            github.sha',
      '            || github.head_ref }}',
      '',
    ].join('\r\n');
    const model = workflow(text);
    const ref = model.jobs[0].steps[0].run?.expressions[0];
    if (!ref) throw new Error('no expression');
    const parsed = parseExpression(ref.body);
    if (!parsed.ok || parsed.node.kind !== 'logical') throw new Error('expected a logical expression');
    expect(regionOfSpan(model.file.source, ref, parsed.node.left.span)).toEqual({
      startLine: 8,
      startColumn: 13,
      endLine: 8,
      endColumn: 23,
    });
    expect(regionOfSpan(model.file.source, ref, parsed.node.right.span)).toEqual({
      startLine: 9,
      startColumn: 16,
      endLine: 9,
      endColumn: 31,
    });
  });

  it('falls back to the alias use site when the text is not where the expression is used', () => {
    const text = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: &r echo "${{ github.head_ref }}"',
      '      - run: *r',
      '',
    ].join('\n');
    const model = workflow(text);
    const ref = model.jobs[0].steps[1].run?.expressions[0];
    if (!ref) throw new Error('no expression');
    const parsed = parseExpression(ref.body);
    if (!parsed.ok) throw new Error('parse');
    expect(regionOfSpan(model.file.source, ref, parsed.node.span)).toEqual(ref.region);
    expect(ref.region.startLine).toBe(7);
  });
});
