/**
 * How collection states a fact: known (with the endpoint that said so), unknown (with the reason), or taken
 * from one endpoint's interpretation; and summaries of alert lists.
 */
import { elapsedDays } from '../../model/dates.js';
import type { AlertSummary, Fact } from '../../model/facts.js';
import type { Interpretation } from './endpoints.js';

export type Facts = Record<string, Fact<unknown>>;

export function unknown(reason: string): Fact<never> {
  return { state: 'unknown', reason };
}

export function known<T>(value: T, source: string): Fact<T> {
  return { state: 'known', value, source };
}

/** A fact from one endpoint's interpretation. */
export function fromCall<D, T>(result: Interpretation<D>, source: string, onKnown: (data: D) => T, onOff?: () => T): Fact<T> {
  if (result.kind === 'known') return known(onKnown(result.data), source);
  if (result.kind === 'off' && onOff) return known(onOff(), source);
  if (result.kind === 'off') return unknown(result.message);
  return unknown(result.reason);
}

export function summarise(items: { severity?: string | null; createdAt?: string | null }[], now: string, cap: number): AlertSummary {
  const bySeverity: Record<string, number> = {};
  const oldestDaysBySeverity: Record<string, number> = {};
  let oldest: number | undefined;
  for (const item of items) {
    const severity = (item.severity ?? 'unknown').toLowerCase();
    bySeverity[severity] = (bySeverity[severity] ?? 0) + 1;
    const age = item.createdAt ? elapsedDays(item.createdAt, now) : undefined;
    if (age !== undefined && (oldest === undefined || age > oldest)) oldest = age;
    if (age !== undefined && age > (oldestDaysBySeverity[severity] ?? -1)) oldestDaysBySeverity[severity] = age;
  }
  return { count: items.length, bySeverity, oldestDays: oldest, oldestDaysBySeverity, truncated: items.length >= cap };
}
