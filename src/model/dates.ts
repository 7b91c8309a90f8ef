/**
 * Dates, in one place. Days are `YYYY-MM-DD` strings in UTC; times are ISO 8601 strings. Audits compare days
 * as strings, so every day here is written the same way.
 */

const DAY_MS = 86_400_000;

/** `date` as a UTC day, YYYY-MM-DD. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Today in UTC, YYYY-MM-DD: the audit date when none is given. */
export function todayUtc(): string {
  return isoDay(new Date());
}

/** YYYY-MM-DD of a Unix time in seconds. */
export function isoDayOfSeconds(seconds: number): string {
  return isoDay(new Date(seconds * 1000));
}

/** The UTC day a YYYY-MM-DD string names, or undefined when it is not a calendar date (2026-02-30). */
export function parseIsoDay(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return isoDay(date) === value ? date : undefined;
}

/** `day` plus `months`, as YYYY-MM-DD (the 31st rolls back to the month's last day). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return isoDay(target);
}

/** Signed whole days from one YYYY-MM-DD day to another (`to` − `from`): negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Whole days elapsed from the time `from` to the time `to` (both ISO), never negative; undefined when either
 * cannot be read. An age: a time in the future is 0 days old.
 */
export function elapsedDays(from: string, to: string): number | undefined {
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isNaN(ms) ? undefined : Math.max(0, Math.floor(ms / DAY_MS));
}

/** The age in whole days of the time `isoTime` at the start of the day `today` (YYYY-MM-DD); 0 when unreadable. */
export function daysSince(isoTime: string, today: string): number {
  return elapsedDays(isoTime, `${today}T00:00:00Z`) ?? 0;
}
