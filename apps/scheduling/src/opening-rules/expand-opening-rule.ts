import { frenchPublicHolidays } from './french-public-holidays';
import { minutesOf, OpeningRule } from './opening-rule';
import { addDays, isoWeekday, parisLocalToUtc, utcToParisLocal } from '@sas/referentials';

export interface GeneratedSlot {
  start: Date;
  end: Date;
  localDate: string;
}

/**
 * The slots a rule opens whose start falls in [from, to). Slots are laid out in local
 * time, so 08:30 stays 08:30 on both sides of a DST change. Slots starting in the
 * spring gap (02:00–03:00 on the last Sunday of March) do not exist; in the autumn
 * repeat each local start is laid once, in summer time; a slot spanning a change
 * keeps its local start and end, so it lasts an hour less or more in real time.
 */
export function expandOpeningRule(rule: OpeningRule, window: { from: Date; to: Date }): GeneratedSlot[] {
  const slots: GeneratedSlot[] = [];
  const lastDate = utcToParisLocal(window.to).date;
  const holidays = new Set<string>();
  for (let date = utcToParisLocal(window.from).date; date <= lastDate; date = addDays(date, 1)) {
    if (!opensOn(rule, date, holidays)) continue;
    for (const period of rule.periods) {
      const end = minutesOf(period.end);
      for (let t = minutesOf(period.start); t + rule.slotMinutes <= end; t += rule.slotMinutes) {
        const start = parisLocalToUtc(date, clock(t));
        // A local start inside the spring gap does not exist that day: no slot.
        if (utcToParisLocal(start).time !== clock(t)) continue;
        if (start < window.from || start >= window.to) continue;
        slots.push({ start, end: parisLocalToUtc(date, clock(t + rule.slotMinutes)), localDate: date });
      }
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}

function opensOn(rule: OpeningRule, date: string, holidays: Set<string>): boolean {
  if (date < rule.validFrom || (rule.validUntil && date > rule.validUntil)) return false;
  if (!rule.weekdays.includes(isoWeekday(date))) return false;
  if (rule.exceptions.some((e) => date >= e.from && date <= e.to)) return false;
  if (rule.closedOnPublicHolidays) {
    const year = Number(date.slice(0, 4));
    if (!holidays.has(`${year}`)) [`${year}`, ...frenchPublicHolidays(year)].forEach((h) => holidays.add(h));
    if (holidays.has(date)) return false;
  }
  return true;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
