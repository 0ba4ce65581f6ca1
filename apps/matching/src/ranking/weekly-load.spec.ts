import { isoWeek, isoWeekOfMs, WeeklyLoad } from './weekly-load';

describe('WeeklyLoad', () => {
  const monday = new Date('2026-11-23T09:00:00Z');

  it('counts each booking once in the ISO week of the appointment', () => {
    const load = new WeeklyLoad();
    load.booked('a1', 'p1', monday);
    load.booked('a1', 'p1', monday);
    load.booked('a2', 'p1', new Date('2026-11-29T20:00:00Z'));
    expect(load.of('p1', monday)).toBe(2);
    expect(load.of('p1', new Date('2026-11-30T09:00:00Z'))).toBe(0);
  });

  it('forgets cancelled bookings, even when the cancellation arrives first', () => {
    const load = new WeeklyLoad();
    load.cancelled('a1');
    load.booked('a1', 'p1', monday);
    expect(load.of('p1', monday)).toBe(0);
  });

  it('moves a booking to its new practitioner and week', () => {
    const load = new WeeklyLoad();
    load.booked('a1', 'p1', monday);
    load.moved('a1', 'p2', new Date('2026-12-01T09:00:00Z'));
    expect([load.of('p1', monday), load.of('p2', new Date('2026-12-01T09:00:00Z'))]).toEqual([0, 1]);
  });

  it('names ISO weeks on the Paris calendar, including across new year', () => {
    expect(isoWeek(monday)).toBe('2026-W48');
    expect(isoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    // Sunday 23:30 UTC is already Monday in Paris.
    expect(isoWeek(new Date('2026-11-22T23:30:00Z'))).toBe('2026-W48');
  });

  it('names the same week through its cache by hour, across daylight saving changes and new year', () => {
    const start = Date.parse('2026-03-01T00:00:00Z');
    const wrong: string[] = [];
    for (let ms = start; ms < start + 400 * 86400_000; ms += 15 * 60_000) {
      const at = new Date(ms);
      if ((at.getUTCMinutes() === 0 || at.getUTCHours() % 6 === 5) && isoWeekOfMs(ms) !== isoWeek(at))
        wrong.push(at.toISOString());
    }
    expect(wrong).toEqual([]);
  });
});
