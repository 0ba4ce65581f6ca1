import { parseSosSearch } from './sos-search-params';

const query = (extra: Record<string, string | string[]> = {}) => ({
  _revinclude: 'Slot:schedule',
  _include: 'Schedule:actor:Location',
  '_include:iterate': 'Location:organization',
  '_has:Slot:schedule:start': ['ge2023-08-18T10:00:00+02:00', 'le2023-08-20T09:00:00+02:00'],
  '_has:Slot:schedule:status': 'free',
  'actor:Location.organization.identifier':
    'urn:oid:1.2.250.1.71.4.2.2|334173748400020,urn:oid:1.2.250.1.71.4.2.2|340426662900033',
  ...extra,
});

describe('FHIR SOS Médecins search parameters (point 13)', () => {
  it("reads the guide's example request", () => {
    const parsed = parseSosSearch(query());
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        sirets: ['34173748400020', '40426662900033'],
        from: new Date('2023-08-18T08:00:00Z'),
        includeSlots: true,
        includeLocations: true,
        includeOrganizations: true,
      },
    });
  });

  it('reads a date-only window as whole Paris days', () => {
    const parsed = parseSosSearch(query({ '_has:Slot:schedule:start': ['ge2023-08-18', 'le2023-08-18'] }));
    expect(parsed.ok && [parsed.value.from.toISOString(), parsed.value.to.toISOString()]).toEqual([
      '2023-08-17T22:00:00.000Z',
      '2023-08-18T22:00:00.000Z',
    ]);
  });

  it.each([
    [
      'a SIRET without its prefix 3',
      { 'actor:Location.organization.identifier': '34173748400020' },
      'actor:Location.organization.identifier',
    ],
    [
      'eleven associations',
      { 'actor:Location.organization.identifier': Array.from({ length: 11 }, () => '334173748400020').join(',') },
      'actor:Location.organization.identifier',
    ],
    ['a missing status', { '_has:Slot:schedule:status': [] }, '_has:Slot:schedule:status'],
    [
      'a zoneless dateTime',
      { '_has:Slot:schedule:start': ['ge2023-08-18T10:00:00', 'le2023-08-20'] },
      '_has:Slot:schedule:start',
    ],
  ])('refuses %s, naming the parameter', (_what, extra, expression) => {
    const parsed = parseSosSearch(query(extra));
    expect(!parsed.ok && parsed.issues[0].expression).toBe(expression);
  });

  it('ignores an unknown parameter unless handling is strict', () => {
    expect(parseSosSearch(query({ _sort: 'start' })).ok).toBe(true);
    const strict = parseSosSearch(query({ _sort: 'start' }), { strict: true });
    expect(!strict.ok && strict.issues.map((i) => i.expression)).toEqual(['_sort']);
  });
});
