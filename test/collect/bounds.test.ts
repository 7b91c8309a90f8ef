import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { walkFiles } from '../../src/collect/files.js';

const root = mkdtempSync(join(tmpdir(), 'ssc-bounds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('walk bounds', () => {
  it('stops at the entry bound and says what was not audited', () => {
    mkdirSync(join(root, 'src'), { recursive: true });
    for (let i = 0; i < 50; i++) writeFileSync(join(root, 'src', `f${i}.ts`), '');
    const files = walkFiles(root, { maxEntries: 20 });
    expect(files.entries.size).toBeLessThanOrEqual(20);
    expect(files.skipped.some((s) => s.reason === 'the tree has more than 20 entries: the rest was not audited')).toBe(true);
  });

  it('lists a file over the byte bound without reading it', () => {
    mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(root, '.github/workflows/big.yml'), 'x'.repeat(2048));
    const files = walkFiles(root, { maxFileBytes: 1024 });
    expect(files.entries.has('.github/workflows/big.yml')).toBe(true);
    expect(files.texts.has('.github/workflows/big.yml')).toBe(false);
    expect(files.skipped.find((s) => s.path === '.github/workflows/big.yml')?.reason).toMatch(/over the 1024-byte limit/);
  });
});
