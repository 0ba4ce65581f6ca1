import { parseArguments, positiveNumber } from './arguments';

describe('script arguments', () => {
  it('reads --name value pairs and flags over the defaults', () => {
    expect(parseArguments(['--scale', '0.5', '--wait'], { scale: '1', wait: 'false', region: '11' })).toEqual({ scale: '0.5', wait: 'true', region: '11' });
  });

  it('refuses unknown options and values that are not positive numbers, naming them', () => {
    expect(() => parseArguments(['--scal', '1'], { scale: '1' })).toThrow('unknown option --scal');
    expect(() => positiveNumber({ scale: '-1' }, 'scale')).toThrow('--scale must be a positive number');
  });
});
