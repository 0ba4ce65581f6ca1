import { GUIDE_EXAMPLE_RPPS, guideExampleBundle } from './fixtures/guide-example-bundle';
import { operationOutcome } from './operation-outcome';
import { SlotView, toSearchsetBundle } from './slot-search-bundle';
import { parseSlotSearch, SlotSearch } from './slot-search-params';
import { parseVendorBundle } from './vendor-bundle';

const view = (id: string, rpps: string, placeId: string, place: Partial<SlotView['place']> = {}): SlotView => ({
  slot: {
    id,
    start: new Date('2027-03-01T08:00:00Z'),
    end: new Date('2027-03-01T08:20:00Z'),
    visibility: ['SNP', 'PRO'],
    modes: ['AMB', 'VR'],
    appointmentType: 'ROUTINE',
    specialties: ['SM54', 'Médecine du sport'],
    reasons: ['Visite de contrôle'],
    cpts: [],
    specialtyTexts: { SM54: 'Médecine générale' },
    bookingUrl: 'https://agenda.example/rdv/1',
    lastUpdated: new Date('2027-02-01T00:00:00Z'),
  },
  practitioner: { id: `p-${rpps}`, rpps, adeli: null, familyName: 'MARTIN', givenName: 'Claire' },
  place: {
    id: placeId,
    name: null,
    line: '3 RUE DU BOUCHET',
    postalCode: '92300',
    city: 'Levallois-Perret',
    latitude: null,
    longitude: null,
    identifier: null,
    structureIdnst: '1810004421',
    telecom: [{ system: 'phone', value: '0102030405' }],
    ...place,
  },
});
const actorsOf = (rpps: string[]) => rpps.map((r) => `urn:oid:1.2.250.1.71.4.2.1|8${r}`).join(',');
const search = (query: Record<string, string | string[]>, strict = false) => {
  const parsed = parseSlotSearch(
    { status: 'free', 'schedule.actor:Practitioner.identifier': actorsOf(GUIDE_EXAMPLE_RPPS), ...query },
    { strict },
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
};
const all: SlotSearch = search({
  start: ['ge2027-03-01', 'le2027-03-04'],
  _include: 'Slot:schedule',
  '_include:iterate': 'Schedule:actor',
});

describe('FHIR mapping of slots', () => {
  it('reads back, as a vendor feed, the searchset it writes: motifs, structure, telecom and place identifier included', () => {
    const views = [
      view('s1', GUIDE_EXAMPLE_RPPS[0], 'place-1'),
      view('s2', GUIDE_EXAMPLE_RPPS[0], 'place-1'),
      view('s3', GUIDE_EXAMPLE_RPPS[1], 'place-2'),
    ];
    const bundle = toSearchsetBundle(views, 3, all, 'https://sas.example/fhir');
    expect(bundle.entry!.filter((e) => e.search?.mode === 'include')).toHaveLength(6);
    const parsed = parseVendorBundle(JSON.parse(JSON.stringify(bundle)));
    expect(parsed.ok).toBe(true);
    const slots = parsed.ok ? parsed.slots : [];
    expect(slots.map((s) => [s.externalId, s.practitioner!.rpps, s.place.key])).toEqual([
      ['s1', GUIDE_EXAMPLE_RPPS[0], 'place-1'],
      ['s2', GUIDE_EXAMPLE_RPPS[0], 'place-1'],
      ['s3', GUIDE_EXAMPLE_RPPS[1], 'place-2'],
    ]);
    expect(slots[0]).toMatchObject({
      status: 'free',
      visibility: ['SNP', 'PRO'],
      modes: ['AMB', 'VR'],
      reasons: ['Visite de contrôle'],
      appointmentType: 'ROUTINE',
      specialties: ['SM54', 'Médecine du sport'],
      specialtyTexts: { SM54: 'Médecine générale' },
      bookingUrl: 'https://agenda.example/rdv/1',
      place: {
        postalCode: '92300',
        city: 'Levallois-Perret',
        line: '3 RUE DU BOUCHET',
        structureIdnst: '1810004421',
        telecom: [{ system: 'phone', value: '0102030405' }],
        identifier: { system: 'urn:sas:place', value: 'place-1', type: { coding: [{ code: 'INTRN' }] } },
      },
    });
  });

  it('names the guide profiles by their canonical URLs (point 1)', () => {
    const bundle = toSearchsetBundle([view('s1', GUIDE_EXAMPLE_RPPS[0], 'place-1')], 1, all, 'https://sas.example/fhir');
    expect(bundle.meta!.profile).toEqual(['http://sas.fr/fhir/StructureDefinition/BundleAgregateur']);
    expect(bundle.entry!.map((e) => e.resource!.meta!.profile![0])).toEqual([
      'http://sas.fr/fhir/StructureDefinition/FrSlotAgregateur',
      'http://sas.fr/fhir/StructureDefinition/FrScheduleAgregateur',
      'http://sas.fr/fhir/StructureDefinition/FrPractitionerAgregateur',
      'http://sas.fr/fhir/StructureDefinition/FrPractitionerRoleExerciceAgregateur',
    ]);
  });

  it('leaves out an unknown address instead of serving an empty one (point 2)', () => {
    const bundle = toSearchsetBundle(
      [view('s1', GUIDE_EXAMPLE_RPPS[0], 'place-1', { line: null, city: null, postalCode: null })],
      1,
      all,
      'https://x/fhir',
    );
    const role = bundle.entry!.find((e) => e.resource!.resourceType === 'PractitionerRole')!.resource as { contained: object[] };
    expect(role.contained[0]).not.toHaveProperty('address');
  });

  it('pages with _count: never more matches than asked, next and previous links, self echoing only what was used (point 9)', () => {
    const page = search({ start: ['ge2027-03-01', 'le2027-03-04'], _count: '2', _offset: '2', unknown: 'x' });
    const bundle = toSearchsetBundle([view('s3', GUIDE_EXAMPLE_RPPS[0], 'place-1')], 5, page, 'https://x/fhir');
    expect(bundle.entry).toHaveLength(1);
    const links = Object.fromEntries(bundle.link!.map((l) => [l.relation, new URL(l.url)]));
    expect(links.self.searchParams.get('_offset')).toBe('2');
    expect(links.self.searchParams.has('unknown')).toBe(false);
    expect(links.next.searchParams.get('_offset')).toBe('4');
    expect(links.previous.searchParams.has('_offset')).toBe(false);
  });

  it("parses the guide's example feed", () => {
    const parsed = parseVendorBundle(guideExampleBundle(new Date('2027-03-01T00:00:00Z')));
    expect(parsed.ok && parsed.slots.length).toBe(5);
  });

  it('leaves the expression out of an outcome about the whole request (point 10)', () => {
    expect(operationOutcome([{ diagnostics: 'no token' }], 'login').issue[0]).not.toHaveProperty('expression');
  });
});

describe('FHIR slot search parameters', () => {
  it("parses the guide's search and names each bad parameter", () => {
    const ok = parseSlotSearch({
      start: ['ge2021-11-04T14:19:35.760+00:00', 'le2021-11-06T23:59:59.999+00:00'],
      status: 'free',
      'schedule.actor:Practitioner.identifier': actorsOf(GUIDE_EXAMPLE_RPPS.slice(0, 2)),
      _include: 'Slot:schedule',
      '_include:iterate': 'Schedule:actor',
      _count: '1000',
    });
    expect(ok).toMatchObject({ ok: true, value: { includeSchedule: true, includeActors: true, count: 1000 } });
    const bad = parseSlotSearch({
      start: 'tomorrow',
      status: 'busy',
      'schedule.actor:Practitioner.identifier': 'urn:other|812345678901',
    });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.map((i) => i.expression)).toEqual(
      expect.arrayContaining(['start', 'status', 'schedule.actor:Practitioner.identifier']),
    );
  });

  it.each([
    [
      '810002673899',
      { kind: 'rpps', value: '10002673899' },
      'an RPPS failing its check digit: a well-formed unknown, no error (point 7)',
    ],
    ['0751234567', { kind: 'adeli', value: '751234567' }, 'an ADELI behind the prefix 0 (point 6)'],
  ])('reads %s as %j: %s', (idnps, key) => {
    expect(
      search({
        start: ['ge2027-03-01', 'le2027-03-01'],
        'schedule.actor:Practitioner.identifier': `urn:oid:1.2.250.1.71.4.2.1|${idnps}`,
      }).practitioners,
    ).toEqual([key]);
  });

  it.each(['81234', '8ABCDEFGHIJK', '91234567890', '075123456'])('still refuses the malformed identifier %s', (idnps) => {
    const parsed = parseSlotSearch({
      start: ['ge2027-03-01', 'le2027-03-01'],
      status: 'free',
      'schedule.actor:Practitioner.identifier': idnps,
    });
    expect(!parsed.ok && parsed.issues[0].expression).toBe('schedule.actor:Practitioner.identifier');
  });

  it.each([
    // a date is the whole Paris day: winter (UTC+1) and summer (UTC+2)
    [['ge2026-12-08', 'le2026-12-08'], '2026-12-07T23:00:00.000Z', '2026-12-08T23:00:00.000Z'],
    [['ge2027-07-01', 'le2027-07-02'], '2027-06-30T22:00:00.000Z', '2027-07-02T22:00:00.000Z'],
    // a dateTime with its zone is an instant; le includes it
    [['ge2026-12-08T10:00:00+01:00', 'le2026-12-08T12:00:00Z'], '2026-12-08T09:00:00.000Z', '2026-12-08T12:00:00.001Z'],
  ])('reads start=%j as the window [%s, %s) (point 8)', (start, from, to) => {
    const value = search({ start });
    expect([value.from.toISOString(), value.to.toISOString()]).toEqual([from, to]);
  });

  it('refuses a dateTime without its zone rather than guessing it (point 8)', () => {
    const parsed = parseSlotSearch({
      start: ['ge2026-12-08T10:00:00', 'le2026-12-09'],
      status: 'free',
      'schedule.actor:Practitioner.identifier': actorsOf(GUIDE_EXAMPLE_RPPS),
    });
    expect(!parsed.ok && parsed.issues[0]).toMatchObject({ expression: 'start', diagnostics: expect.stringContaining('zone') });
  });

  it('ignores unknown parameters and modifiers by default, and names them with Prefer: handling=strict (point 9)', () => {
    const query = {
      start: ['ge2026-12-08', 'le2026-12-09'],
      'status:not': 'busy',
      _sort: 'start',
      _include: ['Slot:schedule', 'Slot:practitioner'],
    };
    expect(search(query).used.map(([name]) => name)).not.toContain('_sort');
    const strict = parseSlotSearch(
      { status: 'free', 'schedule.actor:Practitioner.identifier': actorsOf(GUIDE_EXAMPLE_RPPS), ...query },
      { strict: true },
    );
    expect(!strict.ok && strict.issues.map((i) => i.expression)).toEqual(['status:not', '_sort', '_include']);
  });

  it('refuses a _count that is not a number from 0 to 1000', () => {
    for (const count of ['-1', 'ten', '1001']) {
      const parsed = parseSlotSearch({
        start: ['ge2026-12-08', 'le2026-12-09'],
        status: 'free',
        'schedule.actor:Practitioner.identifier': actorsOf(GUIDE_EXAMPLE_RPPS),
        _count: count,
      });
      expect(!parsed.ok && parsed.issues[0].expression).toBe('_count');
    }
  });
});
