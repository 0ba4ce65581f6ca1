import { isCalendarDate, isInstantWithOffset } from './calendar-validators';

describe('calendar dates and instants', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['0000-01-01', false],
    ['1899-12-31', false],
    ['3000-01-01', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00:00Z', false],
  ])('date %s → %s', (value, valid) => expect(isCalendarDate(value)).toBe(valid));

  it.each([
    ['2026-11-09T08:30:00+01:00', true],
    ['2026-11-09T07:30:00.123Z', true],
    ['2026-11-09T08:30:00', false],
    ['2026-11-09', false],
    ['2026-02-30T08:30:00Z', false],
    ['0000-01-01T00:00:00Z', false],
    ['2026-11-09T24:30:00Z', false],
    ['2026-11-09T08:30:00+01:00\u0000', false],
  ])('instant %s → %s', (value, valid) => expect(isInstantWithOffset(value)).toBe(valid));

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 20261109, {}, ['2026-11-09']]) {
      expect(isCalendarDate(value)).toBe(false);
      expect(isInstantWithOffset(value)).toBe(false);
    }
  });
});
