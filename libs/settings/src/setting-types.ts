/**
 * How the text of an environment variable becomes a typed value. `parse` answers the
 * value, or the reason the text is refused (said without quoting it: the caller decides
 * whether the value may be shown). Written once here for every setting of every service.
 */
export interface SettingType<T> {
  /** What the type accepts, in a few words (for the documentation and the refusals). */
  readonly expected: string;
  /** `conceal`: the text must not be shown with the reason (it holds what should not reach a log). */
  parse(text: string): { value: T } | { reason: string; conceal?: boolean };
}

const integer = (expected: string, min: number, max = Number.MAX_SAFE_INTEGER): SettingType<number> => ({
  expected,
  parse: (text) => {
    const value = Number(text);
    return /^-?\d+$/.test(text.trim()) && Number.isSafeInteger(value) && value >= min && value <= max
      ? { value }
      : { reason: `must be ${expected}` };
  },
});

/** A whole number ≥ 1: counts, sizes, periods in milliseconds (never NaN, never 0). */
export const positiveInt = integer('a positive integer', 1);

/** A whole number ≥ `min`. */
export const integerAtLeast = (min: number): SettingType<number> => integer(`an integer of at least ${min}`, min);

/** A TCP port, 0 (any free port) to 65535. */
export const port = integer('a TCP port (0 to 65535)', 0, 65_535);

/** A number > 0, fractions allowed (hours, seconds). */
export const positiveNumber: SettingType<number> = {
  expected: 'a number greater than 0',
  parse: (text) => {
    const value = Number(text);
    return text.trim() !== '' && Number.isFinite(value) && value > 0 ? { value } : { reason: 'must be a number greater than 0' };
  },
};

/** A number ≥ 0, fractions allowed (0 often meaning "for ever"). */
export const nonNegativeNumber: SettingType<number> = {
  expected: 'a number of at least 0',
  parse: (text) => {
    const value = Number(text);
    return text.trim() !== '' && Number.isFinite(value) && value >= 0 ? { value } : { reason: 'must be a number of at least 0' };
  },
};

/** Any text, trimmed. */
export const text: SettingType<string> = { expected: 'text', parse: (raw) => ({ value: raw.trim() }) };

/** Text as it is, blanks included (a prefix, a path). */
export const verbatim: SettingType<string> = { expected: 'text', parse: (raw) => ({ value: raw }) };

/** A comma-separated list, blanks around items and empty items dropped. */
export const list: SettingType<string[]> = {
  expected: 'a comma-separated list',
  parse: (raw) => ({
    value: raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  }),
};

/** `true` or `false`. */
export const boolean: SettingType<boolean> = {
  expected: 'true or false',
  parse: (raw) => {
    const value = raw.trim().toLowerCase();
    return value === 'true' || value === 'false' ? { value: value === 'true' } : { reason: 'must be true or false' };
  },
};

/** One of the given words. */
export const oneOf = <const W extends string>(...words: W[]): SettingType<W> => ({
  expected: `one of ${words.join(', ')}`,
  parse: (raw) => {
    const value = raw.trim();
    return (words as string[]).includes(value) ? { value: value as W } : { reason: `must be one of ${words.join(', ')}` };
  },
});

/** An http(s) URL without credentials, without its trailing slashes. */
export const httpUrl: SettingType<string> = {
  expected: 'an http(s) URL',
  parse: (raw) => {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      return { reason: 'must be an http(s) URL' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { reason: 'must be an http(s) URL' };
    if (url.username || url.password) return { reason: 'must not carry credentials', conceal: true };
    return { value: raw.trim().replace(/\/+$/, '') };
  },
};
