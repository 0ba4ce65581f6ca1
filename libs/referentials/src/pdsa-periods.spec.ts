import { isFrenchPublicHoliday, isPdsaPeriod } from './pdsa-periods';
import { parisLocalToUtc } from './paris-time';

describe('PDSA periods (Europe/Paris)', () => {
  // 2026-12-07 is a Monday; 2026-12-25 a Friday (Christmas); 2027-05-06 Ascension Thursday.
  it.each([
    ['a weekday morning', '2026-12-07', '08:00', false],
    ['a weekday afternoon', '2026-12-07', '19:59', false],
    ['a weekday evening from 20:00', '2026-12-07', '20:00', true],
    ['a weekday just before midnight', '2026-12-07', '23:59', true],
    ['a weekday night after midnight', '2026-12-08', '00:00', true],
    ['a weekday night until 08:00', '2026-12-08', '07:59', true],
    ['a Saturday morning', '2026-12-12', '11:59', false],
    ['a Saturday from noon', '2026-12-12', '12:00', true],
    ['a Saturday night', '2026-12-12', '03:00', true],
    ['a Sunday morning', '2026-12-13', '09:00', true],
    ['a Sunday afternoon', '2026-12-13', '15:00', true],
    ['Monday after a Sunday, in the morning', '2026-12-14', '08:00', false],
    ['Christmas day (a Friday)', '2026-12-25', '10:00', true],
    ['Easter Monday', '2027-03-29', '10:00', true],
    ['Ascension Thursday', '2027-05-06', '14:00', true],
    ['the Friday after Ascension (bridge day, not counted)', '2027-05-07', '14:00', false],
    ['Whit Monday', '2027-05-17', '09:30', true],
    ['14 July', '2027-07-14', '12:00', true],
    ['a summer weekday', '2027-07-15', '12:00', false],
  ])('%s (%s %s) → %s', (_, date, time, pdsa) => {
    expect(isPdsaPeriod(parisLocalToUtc(date, time))).toBe(pdsa);
  });

  it('reads the hour in Paris time, not UTC, on both sides of the change of time', () => {
    // 19:30 UTC is 20:30 in winter (PDSA) and 21:30 in summer; 06:30 UTC is 07:30 in winter (PDSA), 08:30 in summer (not).
    expect(isPdsaPeriod(new Date('2026-12-07T19:30:00Z'))).toBe(true);
    expect(isPdsaPeriod(new Date('2027-07-15T06:30:00Z'))).toBe(false);
    expect(isPdsaPeriod(new Date('2026-12-07T06:30:00Z'))).toBe(true);
    // 18:30 UTC: 19:30 in winter (not), 20:30 in summer (PDSA).
    expect(isPdsaPeriod(new Date('2026-12-07T18:30:00Z'))).toBe(false);
    expect(isPdsaPeriod(new Date('2027-07-15T18:30:00Z'))).toBe(true);
  });

  it('knows the holidays of any year', () => {
    expect(isFrenchPublicHoliday('2026-11-11')).toBe(true);
    expect(isFrenchPublicHoliday('2026-11-12')).toBe(false);
    expect(isFrenchPublicHoliday('2028-04-17')).toBe(true); // Easter Monday 2028
  });
});
