import { guideExampleBundle } from '../fhir/fixtures/guide-example-bundle';
import { Bundle, Location, PractitionerRole, Slot } from '../fhir/fhir-types';
import { parseVendorBundle } from '../fhir/vendor-bundle';
import { checkBookingUrl, checkPosition, checkSpecialties } from './slot-input-rules';

describe('slot input rules, for the API and vendor feeds alike', () => {
  it.each([
    ['https://agenda.example/rdv?id=1', undefined],
    ['http://agenda.example/', undefined],
    ['javascript:alert(1)', 'must be an http or https URL, not javascript:'],
    ['data:text/html,<script>', 'must be an http or https URL, not data:'],
    ['/relative/path', 'must be an absolute URL'],
    [`https://a.example/${'x'.repeat(2000)}`, 'must be at most 2000 characters'],
    [42, 'must be a URL'],
  ])('booking URL %s → %s', (value, reason) => expect(checkBookingUrl(value)).toBe(reason));

  it.each([
    [['SM54', 'Médecine du sport'], undefined],
    [[''], 'each specialty must be 1 to 100 characters'],
    [['x'.repeat(101)], 'each specialty must be 1 to 100 characters'],
    [[7], 'each specialty must be 1 to 100 characters'],
    [Array.from({ length: 21 }, (_, i) => `S${i}`), 'must hold at most 20 specialties'],
    ['SM54', 'must be a list'],
  ])('specialties %j → %s', (value, reason) => expect(checkSpecialties(value)).toBe(reason));

  it('positions: both numbers in range, or none', () => {
    expect(checkPosition(undefined, undefined)).toEqual([]);
    expect(checkPosition(48.89, 2.29)).toEqual([]);
    expect(checkPosition(999, 2.29)).toEqual([{ field: 'latitude', reason: 'must be a number from -90 to 90' }]);
    expect(checkPosition('abc', 'def').map((e) => e.field)).toEqual(['latitude', 'longitude']);
    expect(checkPosition(48.89, undefined)).toEqual([{ field: 'longitude', reason: 'must be a number from -180 to 180' }]);
  });
});

describe('vendor Bundles obey the same rules as the API (parseVendorBundle)', () => {
  const bundle = () => guideExampleBundle(new Date('2027-03-01T00:00:00Z')) as Bundle;
  const first = <T>(b: Bundle, type: string) => b.entry!.find((e) => e.resource?.resourceType === type)!.resource as unknown as T;
  const issuesOf = (b: Bundle) => {
    const parsed = parseVendorBundle(JSON.parse(JSON.stringify(b)));
    return parsed.ok ? [] : parsed.issues;
  };

  it('refuses a javascript: booking URL, naming the Slot comment', () => {
    const b = bundle();
    first<Slot>(b, 'Slot').comment = 'javascript:alert(document.cookie)';
    expect(issuesOf(b)).toEqual([
      {
        expression: expect.stringMatching(/^Bundle\.entry\[\d+\]\.resource\.comment$/),
        diagnostics: 'the booking URL must be an http or https URL, not javascript:',
      },
    ]);
  });

  it('refuses a latitude of 999 or "abc" (a 500 at the insert before)', () => {
    for (const latitude of [999, 'abc']) {
      const b = bundle();
      const location = first<PractitionerRole>(b, 'PractitionerRole').contained!.find(
        (c) => c.resourceType === 'Location',
      ) as Location;
      location.position = { latitude: latitude as number, longitude: 2.29 };
      const issues = issuesOf(b);
      expect(issues.length).toBeGreaterThan(0);
      expect(
        issues.every(
          (i) =>
            i.expression?.endsWith('contained(Location).position.latitude') &&
            i.diagnostics === 'must be a number from -90 to 90',
        ),
      ).toBe(true);
    }
  });

  it('refuses overlong specialties and texts, and start times without an offset', () => {
    const b = bundle();
    const slot = first<Slot>(b, 'Slot');
    slot.specialty = [{ text: 'x'.repeat(200_000) }];
    slot.start = slot.start!.replace(/(Z|[+-]\d{2}:\d{2})$/, '');
    const issues = issuesOf(b).map((i) => [(i.expression ?? '').replace(/^Bundle\.entry\[\d+\]\.resource\./, ''), i.diagnostics]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['specialty', 'each specialty must be 1 to 100 characters'],
        ['start', 'start must be an instant with its offset'],
      ]),
    );
  });

  it("still reads the guide's example feed", () => {
    expect(parseVendorBundle(bundle()).ok).toBe(true);
  });
});
