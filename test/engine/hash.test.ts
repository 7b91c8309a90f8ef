import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../src/engine/hash.js';

describe('fingerprintOf', () => {
  it('is the first 32 hex characters of SHA-256, as baselines written by earlier versions expect', () => {
    const text = 'template-injection\u0000.github/workflows/ci.yml\u0000build\u0000step 2\u0000github.event.issue.title\u00000';
    expect(fingerprintOf(text)).toBe(createHash('sha256').update(text).digest('hex').slice(0, 32));
    expect(fingerprintOf('')).toBe('e3b0c44298fc1c149afbf4c8996fb924');
  });

  it('hashes the UTF-8 of non-ASCII text', () => {
    expect(fingerprintOf('é')).toBe(createHash('sha256').update('é', 'utf8').digest('hex').slice(0, 32));
  });
});
