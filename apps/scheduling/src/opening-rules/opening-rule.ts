import { isCalendarDate } from '@sas/platform';

/** How a rule treats the eleven French public holidays besides its weekdays. */
export const PUBLIC_HOLIDAY_OPENINGS = ['also', 'only'] as const;
export type PublicHolidayOpening = (typeof PUBLIC_HOLIDAY_OPENINGS)[number];

/** What a rota hands to the next practitioner of its pool: each period (half-day turns) or each opening day. */
export const ROTA_TURNS = ['period', 'day'] as const;
export type RotaTurn = (typeof ROTA_TURNS)[number];

/** A local date range without slots, inclusive; with a practitioner, only that practitioner's rota turns close. */
export interface RuleException {
  from: string;
  to: string;
  reason?: string;
  practitionerId?: string;
}

/** A recurring opening of a practice, expanded into concrete slots on a rolling horizon. */
export interface OpeningRule {
  /** ISO weekdays the rule applies to (Monday = 1 … Sunday = 7); empty for a public-holidays-only rule. */
  weekdays: number[];
  /**
   * Local opening periods of a day, e.g. 08:30–12:00 and 14:00–18:30. An end of 24:00 is
   * midnight; an end at or before the start crosses midnight (18:00–02:00): the period
   * belongs to the day it opens, each slot to the day it starts.
   */
  periods: { start: string; end: string }[];
  slotMinutes: number;
  /** Local dates, inclusive. */
  validFrom: string;
  validUntil?: string;
  /** Local date ranges without slots (absences, closures), inclusive, judged on the day a period opens. */
  exceptions: RuleException[];
  closedOnPublicHolidays: boolean;
  /** `also`: opens on public holidays whatever their weekday; `only`: opens on public holidays and no other day. */
  publicHolidays?: PublicHolidayOpening;
  /** Opens one week in n, counted in ISO weeks from the week of `weekAnchor` (default validFrom). */
  everyWeeks?: number;
  weekAnchor?: string;
  /** Turns taken in order by a pool of practitioners, counted from validFrom over the days the calendar opens. */
  rota?: { practitionerIds: string[]; turn: RotaTurn };
}

export interface RuleError {
  field: string;
  reason: string;
}

/** A local time HH:MM; an end may also be 24:00 (midnight at the end of the day). */
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
export const DAY_MINUTES = 24 * 60;
const MAX_EVERY_WEEKS = 52;
const MAX_ROTA = 50;

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** A period as minutes from the start of the day it opens: an end at or before the start is on the next day. */
export function periodMinutes(period: { start: string; end: string }): { start: number; end: number } {
  const start = minutesOf(period.start);
  const end = minutesOf(period.end);
  return { start, end: end <= start ? end + DAY_MINUTES : end };
}

/** Every problem of a rule, each with its field path; empty when the rule is sound. */
export function checkOpeningRule(rule: OpeningRule): RuleError[] {
  const errors: RuleError[] = [];
  const add = (field: string, reason: string) => errors.push({ field, reason });
  if (rule.publicHolidays === 'only') {
    if (rule.weekdays.length > 0) add('weekdays', 'a rule open on public holidays only takes no weekdays');
  } else if (rule.weekdays.length === 0) add('weekdays', 'at least one weekday is needed');
  rule.weekdays.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 1 || d > 7) add(`weekdays[${i}]`, 'a weekday is 1 (Monday) to 7 (Sunday)');
  });
  if (rule.publicHolidays && rule.closedOnPublicHolidays)
    add(
      'publicHolidays',
      `a rule cannot both close on public holidays and open ${rule.publicHolidays === 'only' ? 'only' : 'also'} on them`,
    );
  if (!Number.isInteger(rule.slotMinutes) || rule.slotMinutes < 5 || rule.slotMinutes > 240)
    add('slotMinutes', 'slot length must be 5 to 240 minutes');
  checkPeriods(rule, add);
  if (!isCalendarDate(rule.validFrom)) add('validFrom', 'validFrom must be a calendar date YYYY-MM-DD that exists');
  if (rule.validUntil !== undefined) {
    if (!isCalendarDate(rule.validUntil)) add('validUntil', 'validUntil must be a calendar date YYYY-MM-DD that exists');
    else if (rule.validUntil < rule.validFrom) add('validUntil', 'validUntil must not be before validFrom');
  }
  if (
    rule.everyWeeks !== undefined &&
    (!Number.isInteger(rule.everyWeeks) || rule.everyWeeks < 1 || rule.everyWeeks > MAX_EVERY_WEEKS)
  )
    add('everyWeeks', `everyWeeks must be a whole number of weeks from 1 to ${MAX_EVERY_WEEKS}`);
  if (rule.weekAnchor !== undefined && !isCalendarDate(rule.weekAnchor))
    add('weekAnchor', 'weekAnchor must be a calendar date YYYY-MM-DD that exists');
  if (rule.rota) {
    const pool = rule.rota.practitionerIds;
    if (pool.length < 2 || pool.length > MAX_ROTA) add('rota.practitionerIds', `a rota takes 2 to ${MAX_ROTA} practitioners`);
    if (new Set(pool).size !== pool.length) add('rota.practitionerIds', 'a practitioner appears once in a rota');
  }
  rule.exceptions.forEach((e, i) => {
    checkException(e, `exceptions[${i}]`, add);
    if (e.practitionerId !== undefined && !rule.rota?.practitionerIds.includes(e.practitionerId))
      add(`exceptions[${i}].practitionerId`, "a practitioner's absence applies to a practitioner of the rule's rota");
  });
  return errors;
}

/** The problems of one exception (absence or closure) given at `field`. */
export function checkException(e: RuleException, field: string, add: (field: string, reason: string) => void): void {
  if (!isCalendarDate(e.from)) return add(`${field}.from`, 'from must be a calendar date YYYY-MM-DD that exists');
  if (!isCalendarDate(e.to)) return add(`${field}.to`, 'to must be a calendar date YYYY-MM-DD that exists');
  if (e.to < e.from) add(`${field}.to`, 'to must not be before from');
}

function checkPeriods(rule: OpeningRule, add: (field: string, reason: string) => void): void {
  if (rule.periods.length === 0) add('periods', 'at least one opening period is needed');
  const sound: { start: number; end: number; i: number }[] = [];
  rule.periods.forEach((p, i) => {
    if (!TIME.test(p.start)) return add(`periods[${i}].start`, 'start must be a local time HH:MM');
    if (!END_TIME.test(p.end)) return add(`periods[${i}].end`, 'end must be a local time HH:MM (24:00 for midnight)');
    if (p.start === p.end) return add(`periods[${i}].end`, 'end must differ from start (00:00–24:00 opens the whole day)');
    const { start, end } = periodMinutes(p);
    if (end - start < rule.slotMinutes) return add(`periods[${i}].end`, 'the period is shorter than one slot');
    sound.push({ start, end, i });
  });
  // A period crossing midnight runs into the next day's first periods: compare each with the others, shifted a day too.
  sound.sort((a, b) => a.start - b.start);
  for (let k = 0; k < sound.length; k++) {
    for (let j = 0; j < sound.length; j++) {
      const earlier = sound[k];
      const later = j > k ? sound[j] : { ...sound[j], start: sound[j].start + DAY_MINUTES };
      if (j === k) continue; // a period lasts at most a day: it never reaches its own next opening
      if (later.start < earlier.end) {
        add(
          `periods[${later.i}].start`,
          j > k ? `overlaps periods[${earlier.i}]` : `overlaps periods[${earlier.i}] of the day before`,
        );
      }
    }
  }
}
