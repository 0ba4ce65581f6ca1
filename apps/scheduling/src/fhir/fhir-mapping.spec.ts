import { GUIDE_EXAMPLE_RPPS, guideExampleBundle } from './fixtures/guide-example-bundle';
import { SlotView, toSearchsetBundle } from './slot-search-bundle';
import { parseSlotSearch } from './slot-search-params';
import { parseVendorBundle } from './vendor-bundle';

const view = (id: string, rpps: string, placeId: string): SlotView => ({
  slot: {
    id,
    start: new Date('2027-03-01T08:00:00Z'),
    end: new Date('2027-03-01T08:20:00Z'),
    visibility: ['SNP', 'PRO'],
    modes: ['AMB', 'VR'],
    appointmentType: 'ROUTINE',
    specialties: ['SM54', 'Médecine du sport'],
    bookingUrl: 'https://agenda.example/rdv/1',
    lastUpdated: new Date('2027-02-01T00:00:00Z'),
  },
  practitioner: { id: `p-${rpps}`, rpps, familyName: 'MARTIN', givenName: 'Claire' },
  place: { id: placeId, name: null, line: '3 RUE DU BOUCHET', postalCode: '92300', city: 'Levallois-Perret', latitude: null, longitude: null },
});

describe('FHIR mapping of slots', () => {
  it('reads back, as a vendor feed, the searchset it writes', () => {
    const views = [view('s1', GUIDE_EXAMPLE_RPPS[0], 'place-1'), view('s2', GUIDE_EXAMPLE_RPPS[0], 'place-1'), view('s3', GUIDE_EXAMPLE_RPPS[1], 'place-2')];
    const bundle = toSearchsetBundle(views, { baseUrl: 'https://sas.example/fhir', selfUrl: 'https://sas.example/fhir/Slot', include: true });
    expect(bundle.entry!.filter((e) => e.search?.mode === 'include')).toHaveLength(6);
    const parsed = parseVendorBundle(JSON.parse(JSON.stringify(bundle)));
    expect(parsed.ok).toBe(true);
    const slots = parsed.ok ? parsed.slots : [];
    expect(slots.map((s) => [s.externalId, s.practitioner.rpps, s.place.key])).toEqual([
      ['s1', GUIDE_EXAMPLE_RPPS[0], 'place-1'],
      ['s2', GUIDE_EXAMPLE_RPPS[0], 'place-1'],
      ['s3', GUIDE_EXAMPLE_RPPS[1], 'place-2'],
    ]);
    expect(slots[0]).toMatchObject({
      status: 'free',
      visibility: ['SNP', 'PRO'],
      modes: ['AMB', 'VR'],
      appointmentType: 'ROUTINE',
      specialties: ['SM54', 'Médecine du sport'],
      bookingUrl: 'https://agenda.example/rdv/1',
      place: { postalCode: '92300', city: 'Levallois-Perret', line: '3 RUE DU BOUCHET' },
    });
  });

  it("parses the guide's example feed", () => {
    const parsed = parseVendorBundle(guideExampleBundle(new Date('2027-03-01T00:00:00Z')));
    expect(parsed.ok && parsed.slots.length).toBe(5);
  });

  it("parses the guide's search and names each bad parameter", () => {
    const ok = parseSlotSearch({
      start: ['ge2021-11-04T14:19:35.760+00:00', 'le2021-11-06T23:59:59.999+00:00'],
      status: 'free',
      'schedule.actor:Practitioner.identifier': `urn:oid:1.2.250.1.71.4.2.1|8${GUIDE_EXAMPLE_RPPS[0]},urn:oid:1.2.250.1.71.4.2.1|8${GUIDE_EXAMPLE_RPPS[1]}`,
      _include: 'Slot:schedule',
      '_include:iterate': 'Schedule:actor',
      _count: '1000',
    });
    expect(ok).toMatchObject({ ok: true, value: { rppsList: GUIDE_EXAMPLE_RPPS.slice(0, 2), includeSchedule: true, includeActors: true } });
    const bad = parseSlotSearch({ start: 'tomorrow', status: 'busy', 'schedule.actor:Practitioner.identifier': 'urn:other|812345678901' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.map((i) => i.expression)).toEqual(expect.arrayContaining(['start', 'status', 'schedule.actor:Practitioner.identifier']));
  });
});
