import { frenchPublicHolidays } from './french-public-holidays';
import { utcToParisLocal } from './paris-time';

/**
 * Whether an instant falls in the permanence des soins ambulatoires (PDSA), in Paris time.
 * Article R6315-1 of the Code de la santé publique: every day 20:00–08:00, Sundays and
 * public holidays 08:00–20:00, and where the ARS organises it (Île-de-France does)
 * Saturdays from 12:00. So: nights (00:00–08:00) and evenings (20:00–24:00) every day,
 * Saturday afternoons, Sundays and national public holidays all day. The article's
 * optional bridge days (a Monday before a holiday, a Friday or Saturday after one) are
 * set per département by the ARS and are not counted (docs/payments.md).
 */
export function isPdsaPeriod(instant: Date): boolean {
  const local = utcToParisLocal(instant);
  const hour = Number(local.time.slice(0, 2));
  if (hour < 8 || hour >= 20) return true;
  if (local.weekday === 7) return true;
  if (local.weekday === 6 && hour >= 12) return true;
  return isFrenchPublicHoliday(local.date);
}

const holidaysByYear = new Map<number, Set<string>>();

/** Whether a local date (YYYY-MM-DD) is one of France's eleven national public holidays. */
export function isFrenchPublicHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let holidays = holidaysByYear.get(year);
  if (!holidays) holidaysByYear.set(year, (holidays = new Set(frenchPublicHolidays(year))));
  return holidays.has(date);
}
