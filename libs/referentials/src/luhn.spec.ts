import { luhnValid, withLuhnDigit } from './luhn';

describe('luhnValid', () => {
  it('accepts a number whose last digit is its Luhn check digit', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('0')).toBe(true);
  });

  it('rejects a number whose check digit is wrong', () => {
    expect(luhnValid('79927398710')).toBe(false);
  });

  it('catches any single wrong digit', () => {
    const valid = '79927398713';
    for (let position = 0; position < valid.length; position++) {
      for (const digit of '0123456789') {
        if (digit === valid[position]) continue;
        expect(luhnValid(valid.slice(0, position) + digit + valid.slice(position + 1))).toBe(false);
      }
    }
  });

  it('catches a swap of two adjacent digits', () => {
    expect(luhnValid('79927398731')).toBe(false);
  });

  it('is false for an empty string or anything but digits', () => {
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('7992739871A')).toBe(false);
    expect(luhnValid(' 79927398713')).toBe(false);
  });
});

describe('withLuhnDigit', () => {
  it('appends the one digit that makes the number valid', () => {
    expect(withLuhnDigit('7992739871')).toBe('79927398713');
    expect(luhnValid(withLuhnDigit('1000000000'))).toBe(true);
  });
});
