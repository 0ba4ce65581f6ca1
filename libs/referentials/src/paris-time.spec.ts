import { isoWeekday, parisLocalToUtc, utcToParisLocal } from './paris-time';

describe('Paris wall-clock time', () => {
  it('converts winter and summer local times with their offsets', () => {
    expect(parisLocalToUtc('2027-01-15', '08:30').toISOString()).toBe('2027-01-15T07:30:00.000Z');
    expect(parisLocalToUtc('2027-07-15', '08:30').toISOString()).toBe('2027-07-15T06:30:00.000Z');
    expect(utcToParisLocal(new Date('2027-07-15T06:30:00Z'))).toEqual({ date: '2027-07-15', time: '08:30', weekday: 4 });
  });

  it('shifts a local time inside the spring gap forward (28 March 2027, 02:30 → 03:30)', () => {
    const instant = parisLocalToUtc('2027-03-28', '02:30');
    expect(instant.toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(utcToParisLocal(instant).time).toBe('03:30');
  });

  it('takes the first, summer-time occurrence of an ambiguous autumn time (31 October 2027, 02:30)', () => {
    expect(parisLocalToUtc('2027-10-31', '02:30').toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(parisLocalToUtc('2027-10-31', '03:30').toISOString()).toBe('2027-10-31T02:30:00.000Z');
  });

  it('knows ISO weekdays', () => {
    expect(isoWeekday('2027-03-28')).toBe(7);
    expect(isoWeekday('2027-03-29')).toBe(1);
  });
});
