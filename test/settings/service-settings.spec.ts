import { InvalidSettings, ServiceSettings } from '@sas/settings';
import { SERVICE_SETTINGS } from './service-settings';

/** A text no typed setting accepts: not a number, a port, a boolean, a level, a URL, a size, a region. */
const MALFORMED = 'not-valid-%s';

/** Every setting of every service whose type refuses a malformed text, with its service. */
const checked = Object.entries(SERVICE_SETTINGS).flatMap(([service, definitions]) =>
  Object.entries(definitions)
    .filter(([, definition]) => 'reason' in definition.type.parse(MALFORMED))
    .map(([variable, definition]) => [service, variable, definition.secret === true] as const),
);

/**
 * Each service reads its settings once at start (runService, before anything else): a wrong
 * value stops it with one line naming the variable and the reason, never a secret's value.
 */
describe('service settings: a wrong value stops the service, naming the variable', () => {
  it.each(Object.keys(SERVICE_SETTINGS))('%s starts on the defaults alone', (service) => {
    expect(() => ServiceSettings.read(service, SERVICE_SETTINGS[service], { NODE_ENV: 'test' })).not.toThrow();
  });

  it('checks typed values in every service (periods, counts, ports, URLs, levels)', () => {
    const services = new Set(checked.map(([service]) => service));
    expect([...services].sort()).toEqual(['indicators', 'matching', 'orientation', 'scheduling']);
    expect(checked.length).toBeGreaterThan(4 * 15);
  });

  it.each(checked)('%s refuses a malformed %s', (service, variable, secret) => {
    let error: unknown;
    try {
      ServiceSettings.read(service, SERVICE_SETTINGS[service], { [variable]: MALFORMED });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidSettings);
    const message = (error as InvalidSettings).message;
    expect(message).toMatch(new RegExp(`^invalid settings: ${variable} must `));
    expect(message).not.toContain('\n');
    if (secret) expect(message).not.toContain(MALFORMED);
  });

  it.each([
    ['scheduling', 'SLOT_EXPIRY_INTERVAL_MS', 'NaN'],
    ['scheduling', 'OPENING_RULE_EXPANSION_INTERVAL_MS', '0'],
    ['orientation', 'CONTACT_ERASURE_INTERVAL_MS', '1h'],
    ['indicators', 'INDICATORS_PUBLICATION_INTERVAL_MS', '-900000'],
    ['matching', 'MESSAGING_PRUNE_INTERVAL_MS', ''],
  ])('%s: an interval %s of %j is refused or defaulted, never a timer of NaN', (service, variable, text) => {
    const read = () => ServiceSettings.read(service, SERVICE_SETTINGS[service], { [variable]: text });
    if (text === '') expect(read().value(variable)).toBeGreaterThan(0);
    else expect(read).toThrow(`${variable} must be a positive integer`);
  });
});
