import { expandOpeningRule } from './expand-opening-rule';
import { checkOpeningRule, OpeningRule } from './opening-rule';
import { easterSunday, frenchPublicHolidays, utcToParisLocal } from '@sas/referentials';

const weekdayMornings: OpeningRule = {
  weekdays: [1, 2, 3, 4, 5],
  periods: [{ start: '08:30', end: '12:00' }],
  slotMinutes: 20,
  validFrom: '2027-01-01',
  exceptions: [],
  closedOnPublicHolidays: false,
};

const window = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
const localTimes = (slots: { start: Date }[]) => slots.map((s) => utcToParisLocal(s.start).time);

describe('expandOpeningRule', () => {
  it('lays out 20-minute slots in a 08:30–12:00 morning: 10 a day, on weekdays only', () => {
    const slots = expandOpeningRule(weekdayMornings, window('2027-01-04T00:00:00+01:00', '2027-01-11T00:00:00+01:00'));
    expect(slots).toHaveLength(50);
    expect(localTimes(slots.slice(0, 10))).toEqual([
      '08:30',
      '08:50',
      '09:10',
      '09:30',
      '09:50',
      '10:10',
      '10:30',
      '10:50',
      '11:10',
      '11:30',
    ]);
    expect(slots[0].start.toISOString()).toBe('2027-01-04T07:30:00.000Z');
  });

  it('keeps local times across the spring change (Sunday 28 March 2027)', () => {
    const night: OpeningRule = {
      ...weekdayMornings,
      weekdays: [7],
      periods: [{ start: '01:00', end: '04:00' }],
      slotMinutes: 30,
    };
    const slots = expandOpeningRule(night, window('2027-03-28T00:00:00+01:00', '2027-03-29T00:00:00+02:00'));
    // 02:00 and 02:30 do not exist that night: no slot then.
    expect(slots.map((s) => s.start.toISOString())).toEqual([
      '2027-03-28T00:00:00.000Z', // 01:00 CET
      '2027-03-28T00:30:00.000Z', // 01:30 CET, ends 03:00 CEST (30 minutes of real time)
      '2027-03-28T01:00:00.000Z', // 03:00 CEST
      '2027-03-28T01:30:00.000Z', // 03:30 CEST
    ]);
    expect(slots[1].end.toISOString()).toBe('2027-03-28T01:00:00.000Z');
    const monday = expandOpeningRule(weekdayMornings, window('2027-03-29T00:00:00+02:00', '2027-03-30T00:00:00+02:00'));
    expect(monday[0].start.toISOString()).toBe('2027-03-29T06:30:00.000Z'); // 08:30 CEST
  });

  it('keeps local times across the autumn change (Sunday 31 October 2027)', () => {
    const night: OpeningRule = {
      ...weekdayMornings,
      weekdays: [7],
      periods: [{ start: '01:00', end: '04:00' }],
      slotMinutes: 30,
    };
    const slots = expandOpeningRule(night, window('2027-10-31T00:00:00+02:00', '2027-11-01T00:00:00+01:00'));
    expect(slots.map((s) => s.start.toISOString())).toEqual([
      '2027-10-30T23:00:00.000Z', // 01:00 CEST
      '2027-10-30T23:30:00.000Z', // 01:30 CEST
      '2027-10-31T00:00:00.000Z', // 02:00 CEST (first occurrence)
      '2027-10-31T00:30:00.000Z', // 02:30 CEST
      '2027-10-31T02:00:00.000Z', // 03:00 CET
      '2027-10-31T02:30:00.000Z', // 03:30 CET
    ]);
    const monday = expandOpeningRule(weekdayMornings, window('2027-11-01T00:00:00+01:00', '2027-11-02T00:00:00+01:00'));
    expect(monday[0].start.toISOString()).toBe('2027-11-01T07:30:00.000Z'); // 08:30 CET
  });

  it('honours validity dates, exceptions and public holidays', () => {
    const rule: OpeningRule = {
      ...weekdayMornings,
      validFrom: '2027-05-03',
      validUntil: '2027-05-14',
      exceptions: [{ from: '2027-05-10', to: '2027-05-11', reason: 'congress' }],
      closedOnPublicHolidays: true,
    };
    const days = new Set(
      expandOpeningRule(rule, window('2027-04-26T00:00:00+02:00', '2027-05-24T00:00:00+02:00')).map((s) => s.localDate),
    );
    // 6 May 2027 is Ascension Thursday; 10–11 May the exception.
    expect([...days]).toEqual(['2027-05-03', '2027-05-04', '2027-05-05', '2027-05-07', '2027-05-12', '2027-05-13', '2027-05-14']);
  });
});

describe('French public holidays', () => {
  it('computes Easter and the moving holidays', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(frenchPublicHolidays(2027)).toEqual(expect.arrayContaining(['2027-03-29', '2027-05-06', '2027-05-17', '2027-07-14']));
    expect(frenchPublicHolidays(2027)).toHaveLength(11);
  });
});

describe('checkOpeningRule', () => {
  it('accepts a sound rule', () => {
    expect(checkOpeningRule(weekdayMornings)).toEqual([]);
  });

  it('names each problem by its field', () => {
    const errors = checkOpeningRule({
      ...weekdayMornings,
      weekdays: [0, 3],
      periods: [
        { start: '08:00', end: '12:00' },
        { start: '11:00', end: '11:00' },
        { start: '11:30', end: '13:00' },
      ],
      slotMinutes: 300,
      validUntil: '2026-12-31',
      exceptions: [{ from: '2027-02-10', to: '2027-02-01' }],
    });
    expect(errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['weekdays[0]', 'slotMinutes', 'periods[1].end', 'validUntil', 'exceptions[0].to']),
    );
  });
});
