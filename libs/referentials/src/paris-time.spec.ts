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

  it('reads the same wall-clock time as Intl, minute by minute across both changes of a year and at random instants', () => {
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    const expected = (ms: number) => {
      const p = Object.fromEntries(intl.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
    };
    const instants: number[] = [];
    for (const change of ['2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z', '2026-12-31T23:00:00Z']) {
      const at = Date.parse(change);
      for (let ms = at - 2 * 3600_000; ms <= at + 2 * 3600_000; ms += 60_000 + 17_000) instants.push(ms);
    }
    let seed = 7;
    for (let i = 0; i < 2000; i++)
      instants.push(Date.UTC(2000, 0, 1) + ((seed = (seed * 48271) % 2147483647) / 2147483647) * 40 * 365 * 86400_000);
    for (const ms of instants) {
      const local = utcToParisLocal(new Date(ms));
      expect(`${local.date} ${local.time}`).toBe(expected(ms));
    }
  });

  it('turns every wall-clock minute of the change days, and of random days, into the first instant Intl reads as that time (or, in the spring gap, an hour later)', () => {
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const reads = (ms: number) => {
      const p = Object.fromEntries(intl.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
    };
    const days = ['2027-03-28', '2027-10-31', '2026-03-29', '2026-10-25', '2027-01-15', '2027-07-15'];
    for (const date of days) {
      for (let minute = 0; minute < 24 * 60; minute++) {
        const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
        const naive = Date.parse(`${date}T${time}:00Z`);
        // The instants that read as this wall-clock time, Paris being UTC+1 or UTC+2.
        const readers = [naive - 2 * 3600_000, naive - 3600_000].filter((ms) => reads(ms) === `${date} ${time}`);
        const expected = readers.length ? readers[0] : naive - 3600_000;
        expect(parisLocalToUtc(date, time).getTime()).toBe(expected);
      }
    }
  });
});
