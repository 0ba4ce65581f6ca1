import { columnOf, DIMENSION_NAMES, parseFilter } from './breakdown-dimensions';
import { periodOf } from '../figures/periods';

describe('breakdown dimensions', () => {
  it.each([
    ['mode', 'HH', ['HH']],
    ['mode', 'HH,VR,HH', ['HH', 'VR']],
    ['ageBand', '66-75,76-85,86+', ['66-75', '76-85', '86+']],
    ['channel', '116117', ['116117']],
    ['urgency', 'same-day', ['same-day']],
    ['reasonCategory', 'prescription-renewal', ['prescription-renewal']],
    ['profession', 'nurse', ['nurse']],
    ['pdsaPeriod', 'outside', ['outside']],
    ['hourOfDay', '0,23', ['0', '23']],
  ] as const)('accepts %s=%s', (name, raw, values) => {
    expect(parseFilter(name, raw)).toEqual(values);
  });

  it.each([
    ['mode', 'XX', 'XX is not one of: AMB, HH, VR'],
    ['ageBand', '60+', '60+ is not one of: 0-1, 2-5, 6-15, 16-25, 26-45, 46-65, 66-75, 76-85, 86+'],
    ['channel', '116117,', 'an empty value is not one of: 15, 116117, other'],
    ['hourOfDay', '24', '24 is not one of: an hour from 0 to 23 (Europe/Paris)'],
    [
      'profession',
      'Dr House',
      'Dr House is not one of: a lower-case profession code such as general-practitioner, nurse, midwife',
    ],
    ['reasonCategory', 'flu', 'flu is not one of'],
  ] as const)('refuses %s=%s, saying why', (name, raw, reason) => {
    expect(parseFilter(name, raw)).toContain(reason);
  });

  it('records every dimension for orientations, and all but the urgency for consultations', () => {
    expect(DIMENSION_NAMES.filter((d) => columnOf(d, 'orientation') === null)).toEqual([]);
    expect(DIMENSION_NAMES.filter((d) => columnOf(d, 'consultation') === null)).toEqual(['urgency']);
  });

  it('starts a half-year on 1 January or 1 July', () => {
    expect(periodOf('t', 'half-year')).toContain("interval '6 months'");
    expect(periodOf('t', 'year')).toContain("date_trunc('year'");
  });
});
