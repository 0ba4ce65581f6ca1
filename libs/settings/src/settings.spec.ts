import {
  boolean,
  httpUrl,
  integerAtLeast,
  list,
  nonNegativeNumber,
  oneOf,
  port,
  positiveInt,
  positiveNumber,
  SettingType,
} from './setting-types';
import { ServiceSettings } from './service-settings';
import { InvalidSettings, readSettings, setting } from './settings';

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidSettings) return error.message;
    throw error;
  }
  throw new Error('accepted');
};

describe('setting types: one parser per kind of value, for every service', () => {
  const accepts = <T>(type: SettingType<T>, text: string) => {
    const parsed = type.parse(text);
    return 'value' in parsed ? parsed.value : undefined;
  };

  it.each([
    [positiveInt, '60000', 60000],
    [positiveInt, ' 12 ', 12],
    [integerAtLeast(-1), '-1', -1],
    [port, '0', 0],
    [port, '65535', 65535],
    [positiveNumber, '0.5', 0.5],
    [nonNegativeNumber, '0', 0],
    [boolean, 'FALSE', false],
    [oneOf('info', 'debug'), 'debug', 'debug'],
    [list, ' a, ,b ', ['a', 'b']],
    [httpUrl, 'https://idp.example/realms/sas/', 'https://idp.example/realms/sas'],
  ] as [SettingType<unknown>, string, unknown][])('%#: reads %j', (type, text, value) => {
    expect(accepts(type, text)).toEqual(value);
  });

  it.each([
    [positiveInt, ['often', '0', '-5', '1.5', '1e3', '0x10', 'NaN', 'Infinity', '9007199254740993']],
    [port, ['65536', '-1', 'http']],
    [positiveNumber, ['0', '-1', 'abc', 'Infinity']],
    [nonNegativeNumber, ['-0.1', 'a week']],
    [boolean, ['yes', '1']],
    [oneOf('info', 'debug'), ['verbose']],
    [httpUrl, ['idp.example', 'ftp://idp.example', 'https://user:pw@idp.example']],
  ] as [SettingType<unknown>, string[]][])('%#: refuses every malformed text with a reason', (type, texts) => {
    for (const text of texts)
      expect(type.parse(text)).toEqual(expect.objectContaining({ reason: expect.stringMatching(/^must/) }));
  });
});

describe('readSettings', () => {
  const definitions = {
    JOB_INTERVAL_MS: setting({ type: positiveInt, default: 60_000, description: 'how often' }),
    OPTIONAL_URL: setting({ type: httpUrl, description: 'somewhere' }),
    THE_KEY: setting({ type: integerAtLeast(100), secret: true, description: 'a secret' }),
  };

  it('answers the defaults when variables are unset or empty, undefined for optional ones', () => {
    expect(readSettings(definitions, { JOB_INTERVAL_MS: '' })).toEqual({
      JOB_INTERVAL_MS: 60_000,
      OPTIONAL_URL: undefined,
      THE_KEY: undefined,
    });
  });

  it('answers typed values', () => {
    const values = readSettings(definitions, { JOB_INTERVAL_MS: '250', OPTIONAL_URL: 'http://x.example/', THE_KEY: '123' });
    expect(values).toEqual({ JOB_INTERVAL_MS: 250, OPTIONAL_URL: 'http://x.example', THE_KEY: 123 });
  });

  it('refuses with one line naming every variable at fault and its reason, never showing a secret', () => {
    const message = refusal(() => readSettings(definitions, { JOB_INTERVAL_MS: 'often', THE_KEY: 'SECRET-VALUE-42' }));
    expect(message).toBe(
      'invalid settings: JOB_INTERVAL_MS must be a positive integer, got "often"; THE_KEY must be an integer of at least 100 (the value is not shown)',
    );
    expect(message).not.toMatch(/\n/);
  });

  it('does not show a URL carrying credentials', () => {
    expect(refusal(() => readSettings(definitions, { OPTIONAL_URL: 'https://user:hunter2@x.example' }))).not.toContain('hunter2');
  });
});

describe('ServiceSettings', () => {
  const group = { JOB_INTERVAL_MS: setting({ type: positiveInt, default: 60_000, description: 'how often' }) };

  it("gives a module its group of the service's settings, read once", () => {
    const settings = ServiceSettings.read('scheduling', { ...group }, { JOB_INTERVAL_MS: '5' });
    expect(settings.of(group)).toEqual({ JOB_INTERVAL_MS: 5 });
  });

  it('refuses to answer a setting the service did not declare', () => {
    const settings = ServiceSettings.read('matching', {}, {});
    expect(() => settings.of(group)).toThrow('JOB_INTERVAL_MS is not a setting of matching: add it to its settings');
  });
});
