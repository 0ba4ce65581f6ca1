import { utcToParisLocal } from '@sas/referentials';

/**
 * ISO week of an instant on the Paris calendar, as `YYYY-Www` (weeks start on Monday;
 * week 1 holds 4 January): the cap is counted in French weeks.
 */
export function isoWeek(instant: Date): string {
  const [y, m, dd] = utcToParisLocal(instant).date.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1, dd));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const HOUR_MS = 3600_000;
const weekOfHour = new Map<number, string>();

/**
 * isoWeek of an instant given in epoch milliseconds, remembered per UTC hour: Paris is a
 * whole number of hours off UTC, so its date never changes within a UTC hour, and the
 * Intl formatting behind isoWeek costs microseconds a search asks for dozens of times.
 */
export function isoWeekOfMs(ms: number): string {
  const hour = Math.floor(ms / HOUR_MS);
  let week = weekOfHour.get(hour);
  if (week === undefined) {
    if (weekOfHour.size >= 10_000) weekOfHour.clear();
    weekOfHour.set(hour, (week = isoWeek(new Date(hour * HOUR_MS))));
  }
  return week;
}

/**
 * SAS consultations each practitioner carries per ISO week (of the appointment's start),
 * kept from appointment events: booked adds one, cancelled removes it, moved shifts it.
 * Each appointment counts once, whatever the order or repetition of its events.
 */
export class WeeklyLoad {
  private readonly appointments = new Map<string, { practitionerId: string; week: string } | null>();
  private readonly counts = new Map<string, number>();

  booked(appointmentId: string, practitionerId: string, start: Date): void {
    if (this.appointments.has(appointmentId)) return;
    this.set(appointmentId, { practitionerId, week: isoWeekOfMs(start.getTime()) });
  }

  cancelled(appointmentId: string): void {
    this.set(appointmentId, null);
  }

  moved(appointmentId: string, practitionerId: string, start: Date): void {
    if (this.appointments.get(appointmentId) === null) return;
    this.set(appointmentId, { practitionerId, week: isoWeekOfMs(start.getTime()) });
  }

  /** What it knows of each appointment (null: cancelled), for a snapshot. */
  entries(): [appointmentId: string, practitionerId: string | null, week: string | null][] {
    return [...this.appointments].map(([id, a]) => [id, a?.practitionerId ?? null, a?.week ?? null]);
  }

  /** Takes in what entries() gave, into a load that knows no appointment yet. */
  restore(entries: [appointmentId: string, practitionerId: string | null, week: string | null][]): void {
    if (this.appointments.size > 0) throw new Error('a weekly load is restored before any event');
    for (const [id, practitionerId, week] of entries)
      this.set(id, practitionerId !== null && week !== null ? { practitionerId, week } : null);
  }

  /** Consultations of the practitioner in the ISO week of `at`. */
  of(practitionerId: string, at: Date): number {
    return this.counts.get(`${practitionerId}|${isoWeekOfMs(at.getTime())}`) ?? 0;
  }

  private set(appointmentId: string, next: { practitionerId: string; week: string } | null): void {
    const previous = this.appointments.get(appointmentId);
    if (previous) this.add(previous, -1);
    if (next) this.add(next, +1);
    this.appointments.set(appointmentId, next);
  }

  private add({ practitionerId, week }: { practitionerId: string; week: string }, delta: number): void {
    const key = `${practitionerId}|${week}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + delta);
  }
}
