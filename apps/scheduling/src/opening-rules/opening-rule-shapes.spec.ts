import { expandOpeningRule } from './expand-opening-rule';
import { checkOpeningRule, OpeningRule } from './opening-rule';
import { utcToParisLocal } from '@sas/referentials';

const base: OpeningRule = {
  weekdays: [1, 2, 3, 4, 5],
  periods: [{ start: '08:00', end: '12:00' }],
  slotMinutes: 60,
  validFrom: '2027-01-01',
  exceptions: [],
  closedOnPublicHolidays: false,
};

const window = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
const days = (rule: OpeningRule, from: string, to: string) => [
  ...new Set(expandOpeningRule(rule, window(from, to)).map((s) => s.localDate)),
];

describe('periods crossing midnight and ending at 24:00, on both DST nights', () => {
  const saturdayNight: OpeningRule = { ...base, weekdays: [6], periods: [{ start: '20:00', end: '04:00' }] };
  it.each([
    {
      night: 'spring (Saturday 27 → Sunday 28 March 2027): 02:00 does not exist',
      rule: saturdayNight,
      window: window('2027-03-27T00:00:00+01:00', '2027-03-29T00:00:00+02:00'),
      starts: ['19:00', '20:00', '21:00', '22:00', '23:00', '00:00', '01:00'],
      startDays: ['27', '27', '27', '27', '27', '28', '28'],
      localDates: ['2027-03-27', '2027-03-27', '2027-03-27', '2027-03-27', '2027-03-28', '2027-03-28', '2027-03-28'],
      // 01:00 CET → 03:00 CEST is one real hour; 03:00 CEST → 04:00 CEST another.
      lastEnds: ['2027-03-28T01:00:00.000Z', '2027-03-28T02:00:00.000Z'],
    },
    {
      night: 'autumn (Saturday 30 → Sunday 31 October 2027): 02:00 laid once, in summer time',
      rule: saturdayNight,
      window: window('2027-10-30T00:00:00+02:00', '2027-11-01T00:00:00+01:00'),
      starts: ['18:00', '19:00', '20:00', '21:00', '22:00', '23:00', '00:00', '02:00'],
      startDays: ['30', '30', '30', '30', '30', '30', '31', '31'],
      localDates: [
        '2027-10-30',
        '2027-10-30',
        '2027-10-30',
        '2027-10-30',
        '2027-10-31',
        '2027-10-31',
        '2027-10-31',
        '2027-10-31',
      ],
      // 02:00 CEST → 03:00 CET lasts two real hours; 03:00 → 04:00 CET one.
      lastEnds: ['2027-10-31T02:00:00.000Z', '2027-10-31T03:00:00.000Z'],
    },
  ])('$night', ({ rule, window: w, starts, startDays, localDates, lastEnds }) => {
    const slots = expandOpeningRule(rule, w);
    expect(slots.map((s) => s.start.toISOString().slice(11, 16))).toEqual(starts);
    expect(slots.map((s) => s.start.toISOString().slice(8, 10))).toEqual(startDays);
    expect(slots.map((s) => s.localDate)).toEqual(localDates);
    expect(slots.slice(-2).map((s) => s.end.toISOString())).toEqual(lastEnds);
  });

  it.each([
    {
      period: { start: '18:00', end: '24:00' },
      count: 6,
      lastLocal: ['23:00', '2027-01-04'],
      lastEnd: '2027-01-04T23:00:00.000Z',
    },
    {
      period: { start: '08:00', end: '00:00' },
      count: 16,
      lastLocal: ['23:00', '2027-01-04'],
      lastEnd: '2027-01-04T23:00:00.000Z',
    },
    {
      period: { start: '08:00', end: '02:00' },
      count: 18,
      lastLocal: ['01:00', '2027-01-05'],
      lastEnd: '2027-01-05T01:00:00.000Z',
    },
    {
      period: { start: '00:00', end: '24:00' },
      count: 24,
      lastLocal: ['23:00', '2027-01-04'],
      lastEnd: '2027-01-04T23:00:00.000Z',
    },
  ])(
    '$period.start–$period.end on Monday 4 January 2027: $count slots, the last starting $lastLocal',
    ({ period, count, lastLocal, lastEnd }) => {
      const rule = { ...base, weekdays: [1], periods: [period] };
      const slots = expandOpeningRule(rule, window('2027-01-04T00:00:00+01:00', '2027-01-06T00:00:00+01:00'));
      expect(slots).toHaveLength(count);
      const last = slots[slots.length - 1];
      expect([utcToParisLocal(last.start).time, last.localDate]).toEqual(lastLocal);
      expect(last.end.toISOString()).toBe(lastEnd);
    },
  );

  it("lays the night of the day before the window's first day", () => {
    const slots = expandOpeningRule(saturdayNight, window('2027-01-10T00:00:00+01:00', '2027-01-11T00:00:00+01:00'));
    expect(slots.map((s) => utcToParisLocal(s.start).time)).toEqual(['00:00', '01:00', '02:00', '03:00']);
  });
});

describe('public holidays, week cadence', () => {
  // May 2027: 1 (Sat), 6 (Ascension Thursday), 8 (Sat) and 17 (Whit Monday) are public holidays.
  const may = ['2027-05-01T00:00:00+02:00', '2027-05-18T00:00:00+02:00'] as const;
  const weekend = { ...base, weekdays: [6, 7], periods: [{ start: '14:00', end: '19:00' }] };
  it.each([
    {
      shape: 'public holidays only',
      rule: { ...base, weekdays: [], publicHolidays: 'only' as const },
      expected: ['01', '06', '08', '17'],
    },
    {
      shape: 'weekends, also on public holidays',
      rule: { ...weekend, publicHolidays: 'also' as const },
      expected: ['01', '02', '06', '08', '09', '15', '16', '17'],
    },
    {
      shape: 'weekends, closed on public holidays',
      rule: { ...weekend, closedOnPublicHolidays: true },
      expected: ['02', '09', '15', '16'],
    },
    { shape: 'weekends, holidays as any day', rule: weekend, expected: ['01', '02', '08', '09', '15', '16'] },
  ])('$shape', ({ rule, expected }) => {
    expect(days(rule, ...may).map((d) => d.slice(8))).toEqual(expected.map(String));
  });

  const wednesdays = { ...base, weekdays: [3], validFrom: '2027-01-04' };
  it.each([
    { shape: 'every week', rule: wednesdays, expected: ['06', '13', '20', '27', '03'] },
    { shape: 'every 2 weeks from validFrom', rule: { ...wednesdays, everyWeeks: 2 }, expected: ['06', '20', '03'] },
    {
      shape: 'every 2 weeks from an anchor a week later',
      rule: { ...wednesdays, everyWeeks: 2, weekAnchor: '2027-01-14' },
      expected: ['13', '27'],
    },
    {
      shape: 'every 3 weeks, anchor before validFrom',
      rule: { ...wednesdays, everyWeeks: 3, weekAnchor: '2026-12-30' },
      expected: ['20'],
    },
  ])('$shape', ({ rule, expected }) => {
    expect(days(rule, '2027-01-04T00:00:00+01:00', '2027-02-05T00:00:00+01:00').map((d) => d.slice(8))).toEqual(expected);
  });
});

describe('a rota of 4 GPs taking turns', () => {
  const gps = ['gp-a', 'gp-b', 'gp-c', 'gp-d'];
  const halfDays: OpeningRule = {
    ...base,
    validFrom: '2027-01-04',
    periods: [
      { start: '08:00', end: '12:00' },
      { start: '14:00', end: '18:00' },
    ],
    slotMinutes: 240,
    rota: { practitionerIds: gps, turn: 'period' },
  };
  const turns = (rule: OpeningRule, from: string, to: string) =>
    expandOpeningRule(rule, window(from, to)).map(
      (s) => `${s.localDate.slice(8)} ${utcToParisLocal(s.start).time} ${s.practitionerId}`,
    );

  it.each([
    {
      shape: 'half-day turns, first week',
      rule: halfDays,
      from: '2027-01-04T00:00:00+01:00',
      expected: [
        '04 08:00 gp-a',
        '04 14:00 gp-b',
        '05 08:00 gp-c',
        '05 14:00 gp-d',
        '06 08:00 gp-a',
        '06 14:00 gp-b',
        '07 08:00 gp-c',
        '07 14:00 gp-d',
        '08 08:00 gp-a',
        '08 14:00 gp-b',
      ],
    },
    {
      shape: 'half-day turns, a window starting mid-week gives the same turns',
      rule: halfDays,
      from: '2027-01-07T00:00:00+01:00',
      expected: ['07 08:00 gp-c', '07 14:00 gp-d', '08 08:00 gp-a', '08 14:00 gp-b'],
    },
    {
      shape: "gp-b's absence leaves gaps, nobody else's turn moves",
      rule: { ...halfDays, exceptions: [{ from: '2027-01-04', to: '2027-01-08', practitionerId: 'gp-b' }] },
      from: '2027-01-04T00:00:00+01:00',
      expected: [
        '04 08:00 gp-a',
        '05 08:00 gp-c',
        '05 14:00 gp-d',
        '06 08:00 gp-a',
        '07 08:00 gp-c',
        '07 14:00 gp-d',
        '08 08:00 gp-a',
      ],
    },
    {
      shape: 'day turns',
      rule: { ...halfDays, rota: { practitionerIds: gps, turn: 'day' as const } },
      from: '2027-01-04T00:00:00+01:00',
      expected: [
        '04 08:00 gp-a',
        '04 14:00 gp-a',
        '05 08:00 gp-b',
        '05 14:00 gp-b',
        '06 08:00 gp-c',
        '06 14:00 gp-c',
        '07 08:00 gp-d',
        '07 14:00 gp-d',
        '08 08:00 gp-a',
        '08 14:00 gp-a',
      ],
    },
  ])('$shape', ({ rule, from, expected }) => {
    expect(turns(rule, from, '2027-01-09T00:00:00+01:00')).toEqual(expected);
  });
});

describe('checkOpeningRule on the new shapes', () => {
  it.each([
    { shape: 'a night period 18:00–02:00', rule: { ...base, periods: [{ start: '18:00', end: '02:00' }] }, fields: [] },
    { shape: 'a period ending 24:00', rule: { ...base, periods: [{ start: '18:00', end: '24:00' }] }, fields: [] },
    { shape: 'a start of 24:00', rule: { ...base, periods: [{ start: '24:00', end: '02:00' }] }, fields: ['periods[0].start'] },
    {
      shape: 'a period ending where it starts',
      rule: { ...base, periods: [{ start: '08:00', end: '08:00' }] },
      fields: ['periods[0].end'],
    },
    {
      shape: "a night running into the next day's morning",
      rule: {
        ...base,
        periods: [
          { start: '07:00', end: '12:00' },
          { start: '20:00', end: '08:00' },
        ],
      },
      fields: ['periods[0].start'],
    },
    { shape: 'holidays only, with weekdays', rule: { ...base, publicHolidays: 'only' as const }, fields: ['weekdays'] },
    { shape: 'no weekdays, not holidays only', rule: { ...base, weekdays: [] }, fields: ['weekdays'] },
    {
      shape: 'closed and also open on holidays',
      rule: { ...base, closedOnPublicHolidays: true, publicHolidays: 'also' as const },
      fields: ['publicHolidays'],
    },
    { shape: 'every 0 weeks', rule: { ...base, everyWeeks: 0 }, fields: ['everyWeeks'] },
    { shape: 'an anchor that is no date', rule: { ...base, everyWeeks: 2, weekAnchor: '2027-02-30' }, fields: ['weekAnchor'] },
    {
      shape: 'a rota of one',
      rule: { ...base, rota: { practitionerIds: ['gp-a'], turn: 'period' as const } },
      fields: ['rota.practitionerIds'],
    },
    {
      shape: 'an absence of someone outside the rota',
      rule: { ...base, exceptions: [{ from: '2027-01-04', to: '2027-01-05', practitionerId: 'gp-z' }] },
      fields: ['exceptions[0].practitionerId'],
    },
  ])('$shape → $fields', ({ rule, fields }) => {
    expect(checkOpeningRule(rule).map((e) => e.field)).toEqual(fields);
  });
});
