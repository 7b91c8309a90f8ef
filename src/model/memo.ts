/**
 * Remembered answers of pure functions. The model is immutable once collected, so what rules ask of it again and
 * again (a file's steps, a field's parsed `uses:`, a snapshot's script sites) is worked out once. Answers may be
 * `undefined`. Callers never mutate an answer.
 */

/** Answers by object, kept as long as the object lives: per snapshot, per model, per field, per pattern. */
export class IdentityCache<K extends object, V> {
  readonly #answers = new WeakMap<K, V>();

  get(key: K, compute: (key: K) => V): V {
    const known = this.#answers.get(key);
    if (known !== undefined || this.#answers.has(key)) return known as V;
    const answer = compute(key);
    this.#answers.set(key, answer);
    return answer;
  }
}

/**
 * Answers by text, up to a bound: a workflow corpus asks the same few keys again and again (expressions, `uses:`
 * references, context paths), and a hostile tree must not grow the cache without limit, so it is emptied when full.
 */
export class BoundedCache<V> {
  readonly #answers = new Map<string, V>();

  constructor(private readonly limit = 10_000) {}

  get(key: string, compute: (key: string) => V): V {
    const known = this.#answers.get(key);
    if (known !== undefined || this.#answers.has(key)) return known as V;
    if (this.#answers.size >= this.limit) this.#answers.clear();
    const answer = compute(key);
    this.#answers.set(key, answer);
    return answer;
  }
}
