/**
 * Wall-clock time in Europe/Paris ↔ UTC instants, DST-safe, with Intl only.
 * A local time that does not exist (spring forward, 02:00–03:00 on the last Sunday of
 * March) is shifted forward by the gap: 02:30 → 03:30. A local time that exists twice
 * (fall back, 02:00–03:00 on the last Sunday of October) is its first occurrence,
 * in summer time.
 */

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export interface ParisLocal {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
  /** ISO weekday, Monday = 1 … Sunday = 7. */
  weekday: number;
}

export function utcToParisLocal(instant: Date): ParisLocal {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid time value');
  const local = new Date(ms + offsetOfHour(Math.floor(ms / HOUR_MS)) * 60_000);
  const date = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const day = local.getUTCDay();
  return { date, time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`, weekday: day === 0 ? 7 : day };
}

const HOUR_MS = 3600_000;
const offsetByHour = new Map<number, number>();

/**
 * Paris's offset from UTC in minutes during a UTC hour, asked of Intl once per hour and
 * remembered: the offset changes only at 01:00 UTC (last Sundays of March and October),
 * so it is the same all through any UTC hour. Expanding opening rules converts every
 * slot's times, and Intl formatting costs microseconds each (a sixth of scheduling's
 * time while practices published their rules).
 */
function offsetOfHour(hour: number): number {
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    if (offsetByHour.size >= 100_000) offsetByHour.clear();
    const parts = Object.fromEntries(formatter.formatToParts(new Date(hour * HOUR_MS)).map((p) => [p.type, p.value]));
    offset =
      (Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)) -
        hour * HOUR_MS) /
      60_000;
    offsetByHour.set(hour, offset);
  }
  return offset;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function parisLocalToUtc(date: string, time: string): Date {
  const naive = naiveUtc(date, time);
  // Paris is UTC+1 or UTC+2: try the offsets in force a few hours either side. An
  // instant reads as this wall-clock time when the offset in force at it is the one tried.
  const before = offsetAt(naive - 3 * HOUR_MS);
  const after = offsetAt(naive + 3 * HOUR_MS);
  const summer = Math.max(before, after);
  // The summer reading is the earlier instant: the first occurrence of an autumn repeat.
  if (offsetAt(naive - summer * 60_000) === summer) return new Date(naive - summer * 60_000);
  // Winter time; in the spring gap, where neither reads back, it lands after the change.
  return new Date(naive - Math.min(before, after) * 60_000);
}

/** ISO weekday of a local date (Monday = 1 … Sunday = 7). */
export function isoWeekday(date: string): number {
  const day = new Date(naiveUtc(date, '00:00')).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The local date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(naiveUtc(date, '00:00') + days * 86400_000).toISOString().slice(0, 10);
}

/** Paris's offset from UTC in minutes at an instant. */
function offsetAt(instantMs: number): number {
  return offsetOfHour(Math.floor(instantMs / HOUR_MS));
}

function naiveUtc(date: string, time: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return Date.UTC(y, m - 1, d, hh, mm);
}
