import { optionalHour, parseArguments, positiveNumber } from './arguments';

describe('script arguments', () => {
  it('reads --name value pairs and flags over the defaults', () => {
    expect(parseArguments(['--scale', '0.5', '--wait'], { scale: '1', wait: 'false', region: '11' })).toEqual({
      scale: '0.5',
      wait: 'true',
      region: '11',
    });
  });

  it('refuses unknown options and values that are not positive numbers, naming them', () => {
    expect(() => parseArguments(['--scal', '1'], { scale: '1' })).toThrow('unknown option --scal');
    expect(() => positiveNumber({ scale: '-1' }, 'scale')).toThrow('--scale must be a positive number');
  });

  it('reads an optional hour of the day, refusing anything else', () => {
    expect(optionalHour({ 'from-hour': '' }, 'from-hour')).toBeUndefined();
    expect(optionalHour({ 'from-hour': '0' }, 'from-hour')).toBe(0);
    expect(optionalHour({ 'from-hour': '23' }, 'from-hour')).toBe(23);
    expect(() => optionalHour({ 'from-hour': '24' }, 'from-hour')).toThrow('--from-hour must be an hour from 0 to 23');
    expect(() => optionalHour({ 'from-hour': '8.5' }, 'from-hour')).toThrow('--from-hour must be an hour');
  });
});
