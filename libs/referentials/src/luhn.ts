/**
 * Luhn (mod 10) check over a string of digits, the last one being the check digit.
 * It catches every single wrong digit and most swaps of two adjacent digits, the
 * usual typing mistakes, which is why RPPS, SIRET and FINESS numbers carry one.
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    // Every second digit from the right is doubled, and its two digits added.
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** `body` followed by the one check digit that makes it pass the Luhn check (synthetic and test identifiers). */
export function withLuhnDigit(body: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    if (luhnValid(body + digit)) return body + digit;
  }
  throw new Error(`no Luhn digit for ${body}`);
}
