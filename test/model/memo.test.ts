import { describe, expect, it } from 'vitest';
import { BoundedCache, IdentityCache } from '../../src/model/memo.js';

describe('BoundedCache', () => {
  it('computes an answer once per key, and remembers undefined answers too', () => {
    const cache = new BoundedCache<string | undefined>();
    const asked: string[] = [];
    const compute = (key: string): string | undefined => {
      asked.push(key);
      return key === 'none' ? undefined : key.toUpperCase();
    };
    expect(cache.get('a', compute)).toBe('A');
    expect(cache.get('a', compute)).toBe('A');
    expect(cache.get('none', compute)).toBeUndefined();
    expect(cache.get('none', compute)).toBeUndefined();
    expect(asked).toEqual(['a', 'none']);
  });

  it('empties itself when full, so a hostile input cannot grow it without limit', () => {
    const cache = new BoundedCache<number>(2);
    let calls = 0;
    const compute = (key: string): number => {
      calls += 1;
      return key.length;
    };
    cache.get('a', compute);
    cache.get('bb', compute);
    cache.get('ccc', compute); // full: emptied, then 'ccc' stored
    expect(calls).toBe(3);
    cache.get('ccc', compute);
    expect(calls).toBe(3);
    cache.get('a', compute); // forgotten when the cache was emptied
    expect(calls).toBe(4);
  });
});

describe('IdentityCache', () => {
  it('computes an answer once per object, not per equal object, and remembers undefined answers', () => {
    const cache = new IdentityCache<{ name: string }, string | undefined>();
    let calls = 0;
    const compute = (key: { name: string }): string | undefined => {
      calls += 1;
      return key.name === '' ? undefined : key.name.toUpperCase();
    };
    const a = { name: 'a' };
    expect(cache.get(a, compute)).toBe('A');
    expect(cache.get(a, compute)).toBe('A');
    expect(calls).toBe(1);
    expect(cache.get({ name: 'a' }, compute)).toBe('A');
    expect(calls).toBe(2);
    const empty = { name: '' };
    expect(cache.get(empty, compute)).toBeUndefined();
    expect(cache.get(empty, compute)).toBeUndefined();
    expect(calls).toBe(3);
  });
});
