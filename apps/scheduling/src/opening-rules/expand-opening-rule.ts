import { DAY_MINUTES, OpeningRule, periodMinutes } from './opening-rule';
import { addDays, frenchPublicHolidays, isoWeekday, parisLocalToUtc, utcToParisLocal } from '@sas/referentials';

export interface GeneratedSlot {
  start: Date;
  end: Date;
  /** The local date the slot starts on (a slot after midnight belongs to the next day). */
  localDate: string;
  /** The practitioner whose turn it is, for a rota rule. */
  practitionerId?: string;
}

/**
 * The slots a rule opens whose start falls in [from, to). Slots are laid out in local
 * time, so 08:30 stays 08:30 on both sides of a DST change. Slots starting in the
 * spring gap (02:00–03:00 on the last Sunday of March) do not exist; in the autumn
 * repeat each local start is laid once, in summer time; a slot spanning a change
 * keeps its local start and end, so it lasts an hour less or more in real time.
 * A period crossing midnight opens on its day (weekdays, holidays, absences are judged
 * on that day) and its slots after midnight start on the next date.
 */
export function expandOpeningRule(rule: OpeningRule, window: { from: Date; to: Date }): GeneratedSlot[] {
  const slots: GeneratedSlot[] = [];
  const calendar = new RuleCalendar(rule);
  const lastDate = utcToParisLocal(window.to).date;
  // The night of the day before may still run into the window.
  const firstDate = addDays(utcToParisLocal(window.from).date, -1);
  const turns = rule.rota ? new RotaTurns(rule, calendar, firstDate) : undefined;
  for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) {
    if (!calendar.opensOn(date)) continue;
    const dayTurn = turns?.next(date);
    rule.periods.forEach((period, index) => {
      const practitionerId = dayTurn?.(index);
      if (isAbsent(rule, date, practitionerId)) return;
      const { start: first, end } = periodMinutes(period);
      for (let t = first; t + rule.slotMinutes <= end; t += rule.slotMinutes) {
        const at = localAt(date, t);
        const start = parisLocalToUtc(at.date, at.time);
        // A local start inside the spring gap does not exist that day: no slot.
        if (utcToParisLocal(start).time !== at.time) continue;
        if (start < window.from || start >= window.to) continue;
        const until = localAt(date, t + rule.slotMinutes);
        slots.push({
          start,
          end: parisLocalToUtc(until.date, until.time),
          localDate: at.date,
          ...(practitionerId && { practitionerId }),
        });
      }
    });
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * Whether a rule's calendar opens on a date, before absences and closures: validity,
 * weekdays, the week cadence and public holidays. Rota turns are counted on it, so an
 * absence leaves a gap in the rota rather than shifting everyone's turns.
 */
export class RuleCalendar {
  private readonly holidays = new Map<number, Set<string>>();
  private readonly anchorMonday: string;

  constructor(private readonly rule: OpeningRule) {
    const anchor = rule.weekAnchor ?? rule.validFrom;
    this.anchorMonday = addDays(anchor, 1 - isoWeekday(anchor));
  }

  opensOn(date: string): boolean {
    const rule = this.rule;
    if (date < rule.validFrom || (rule.validUntil && date > rule.validUntil)) return false;
    const holiday = this.isHoliday(date);
    if (rule.publicHolidays === 'only') return holiday;
    if (holiday && rule.closedOnPublicHolidays) return false;
    if (holiday && rule.publicHolidays === 'also') return true;
    return rule.weekdays.includes(isoWeekday(date)) && this.inCadence(date);
  }

  private inCadence(date: string): boolean {
    const every = this.rule.everyWeeks ?? 1;
    if (every === 1) return true;
    const days = Math.round((Date.parse(date) - Date.parse(this.anchorMonday)) / 86400_000);
    const weeks = Math.floor(days / 7);
    return ((weeks % every) + every) % every === 0;
  }

  private isHoliday(date: string): boolean {
    const year = Number(date.slice(0, 4));
    let days = this.holidays.get(year);
    if (!days) this.holidays.set(year, (days = new Set(frenchPublicHolidays(year))));
    return days.has(date);
  }
}

/**
 * Whose turn each period of an opening day is, in the pool's order, counted from validFrom
 * over the days the calendar opens: with 4 practitioners and half-day turns, Monday morning
 * is the first's, Monday afternoon the second's, Tuesday morning the third's…
 */
class RotaTurns {
  private turn = 0;
  private counted: string;

  constructor(
    private readonly rule: OpeningRule,
    private readonly calendar: RuleCalendar,
    from: string,
  ) {
    this.counted = rule.validFrom;
    // Count the turns already taken before the first date asked.
    for (; this.counted < from; this.counted = addDays(this.counted, 1)) {
      if (calendar.opensOn(this.counted)) this.turn += this.turnsPerDay();
    }
  }

  /** Called once per opening date, in order: the practitioner of each period of that date. */
  next(date: string): (periodIndex: number) => string {
    for (; this.counted < date; this.counted = addDays(this.counted, 1)) {
      if (this.calendar.opensOn(this.counted)) this.turn += this.turnsPerDay();
    }
    const first = this.turn;
    const pool = this.rule.rota!.practitionerIds;
    const byPeriod = this.rule.rota!.turn === 'period';
    this.turn += this.turnsPerDay();
    this.counted = addDays(date, 1);
    return (index) => pool[(first + (byPeriod ? index : 0)) % pool.length];
  }

  private turnsPerDay(): number {
    return this.rule.rota!.turn === 'period' ? this.rule.periods.length : 1;
  }
}

/** Whether an absence or closure covers a period opening on `date` (a practitioner's own absence: only their turns). */
function isAbsent(rule: OpeningRule, date: string, practitionerId: string | undefined): boolean {
  return rule.exceptions.some(
    (e) => date >= e.from && date <= e.to && (e.practitionerId === undefined || e.practitionerId === practitionerId),
  );
}

/** The local date and time `minutes` after the start of `date` (may run into the next day; 24:00 is the next 00:00). */
function localAt(date: string, minutes: number): { date: string; time: string } {
  const days = Math.floor(minutes / DAY_MINUTES);
  const m = minutes % DAY_MINUTES;
  return { date: addDays(date, days), time: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}` };
}
