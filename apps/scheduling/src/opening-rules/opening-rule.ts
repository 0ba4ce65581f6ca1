import { isCalendarDate } from '@sas/platform';

/** A recurring opening of a practice, expanded into concrete slots on a rolling horizon. */
export interface OpeningRule {
  /** ISO weekdays the rule applies to (Monday = 1 … Sunday = 7). */
  weekdays: number[];
  /** Local opening periods of a day, e.g. 08:30–12:00 and 14:00–18:30. */
  periods: { start: string; end: string }[];
  slotMinutes: number;
  /** Local dates, inclusive. */
  validFrom: string;
  validUntil?: string;
  /** Local date ranges without slots (absences, holidays), inclusive. */
  exceptions: { from: string; to: string; reason?: string }[];
  closedOnPublicHolidays: boolean;
}

export interface RuleError {
  field: string;
  reason: string;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** Every problem of a rule, each with its field path; empty when the rule is sound. */
export function checkOpeningRule(rule: OpeningRule): RuleError[] {
  const errors: RuleError[] = [];
  const add = (field: string, reason: string) => errors.push({ field, reason });
  if (rule.weekdays.length === 0) add('weekdays', 'at least one weekday is needed');
  rule.weekdays.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 1 || d > 7) add(`weekdays[${i}]`, 'a weekday is 1 (Monday) to 7 (Sunday)');
  });
  if (!Number.isInteger(rule.slotMinutes) || rule.slotMinutes < 5 || rule.slotMinutes > 240)
    add('slotMinutes', 'slot length must be 5 to 240 minutes');
  if (rule.periods.length === 0) add('periods', 'at least one opening period is needed');
  rule.periods.forEach((p, i) => {
    if (!TIME.test(p.start)) return add(`periods[${i}].start`, 'start must be a local time HH:MM');
    if (!TIME.test(p.end)) return add(`periods[${i}].end`, 'end must be a local time HH:MM');
    if (minutesOf(p.end) <= minutesOf(p.start)) return add(`periods[${i}].end`, 'end must be after start');
    if (minutesOf(p.end) - minutesOf(p.start) < rule.slotMinutes) add(`periods[${i}].end`, 'the period is shorter than one slot');
  });
  const sorted = rule.periods
    .map((p, i) => ({ ...p, i }))
    .filter((p) => TIME.test(p.start) && TIME.test(p.end) && minutesOf(p.end) > minutesOf(p.start))
    .sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  for (let k = 1; k < sorted.length; k++) {
    if (minutesOf(sorted[k].start) < minutesOf(sorted[k - 1].end))
      add(`periods[${sorted[k].i}].start`, `overlaps periods[${sorted[k - 1].i}]`);
  }
  if (!isCalendarDate(rule.validFrom)) add('validFrom', 'validFrom must be a calendar date YYYY-MM-DD that exists');
  if (rule.validUntil !== undefined) {
    if (!isCalendarDate(rule.validUntil)) add('validUntil', 'validUntil must be a calendar date YYYY-MM-DD that exists');
    else if (rule.validUntil < rule.validFrom) add('validUntil', 'validUntil must not be before validFrom');
  }
  rule.exceptions.forEach((e, i) => {
    if (!isCalendarDate(e.from)) return add(`exceptions[${i}].from`, 'from must be a calendar date YYYY-MM-DD that exists');
    if (!isCalendarDate(e.to)) return add(`exceptions[${i}].to`, 'to must be a calendar date YYYY-MM-DD that exists');
    if (e.to < e.from) add(`exceptions[${i}].to`, 'to must not be before from');
  });
  return errors;
}
