import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { parseConfig, publishedSchema } from '../../src/config/load.js';
import { TODAY } from '../helpers.js';

const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');

function completeExample(): string {
  const section = doc.slice(doc.indexOf('## A complete example'));
  const match = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('docs/configuration.md has no complete example');
  return match[1];
}

describe('schema/config.schema.json', () => {
  it('is a valid draft-07 schema under Ajv strict mode (what editors load)', () => {
    const schema = publishedSchema();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });
});

describe('docs/configuration.md', () => {
  it('its complete example is valid with the registered rules and shipped frameworks', () => {
    const config = parseConfig(completeExample(), '.github/ssc-audit.yml', { path: '.github/ssc-audit.yml', today: TODAY });
    expect(config.profile).toBe('developer-distributor');
    expect(config.frameworks).toEqual(['uk-sscop', 'osps-baseline']);
    expect(config.waivers).toHaveLength(2);
    expect(config.rules['unpinned-uses'].options).toEqual({ policies: { 'my-org/*': 'ref-pin' } });
  });

  it('its complete example uses every top-level key of the schema, and the keys table lists each', () => {
    const keys = Object.keys((publishedSchema().properties as Record<string, unknown>) ?? {});
    expect(keys).toEqual([
      'rules',
      'profile',
      'claims',
      'threshold',
      'min-coverage',
      'max-score-drop',
      'theme-minimums',
      'fail-on',
      'min-confidence',
      'persona',
      'waivers',
      'allow-long-waivers',
      'rules-version',
      'frameworks',
      'ignore-paths',
      'paths',
    ]);
    expect(Object.keys(parse(completeExample()) as Record<string, unknown>).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(doc).toContain(`| \`${key}\` |`);
  });
});
