/** "Did you mean" suggestions for config errors. */

/** Levenshtein distance, bounded: returns `limit + 1` as soon as the distance exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate nearest to `input`, if it is near enough to be a plausible typo (at most a third of the
 * word's length, and at least 1 edit) — or a candidate that differs only by case, `_` for `-`, or a plural s.
 */
export function nearest(input: string, candidates: readonly string[]): string | undefined {
  const normalise = (value: string) => value.toLowerCase().replace(/_/g, '-').replace(/s$/, '');
  const loose = candidates.find((candidate) => normalise(candidate) === normalise(input));
  if (loose !== undefined) return loose;
  // Ids of one or two characters (theme 2, theme 5) are too short for a typo to be guessed.
  const limit = input.length < 3 ? 0 : Math.max(1, Math.floor(input.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(input, candidate, limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** A list of allowed values for an error message, cut after `max`. */
export function listAllowed(values: readonly string[], max = 15): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown}, … (${values.length - max} more)` : shown;
}
