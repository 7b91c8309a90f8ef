/** docs/github-api.md lists every endpoint of the status table, with what unlocks it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../src/collect/github/endpoints.js';

describe('docs/github-api.md', () => {
  const doc = readFileSync(new URL('../../docs/github-api.md', import.meta.url), 'utf8');
  it('documents every endpoint of the status table', () => {
    for (const spec of Object.values(ENDPOINTS)) expect(doc, spec.route).toContain(`\`${spec.route}\``);
  });
});
