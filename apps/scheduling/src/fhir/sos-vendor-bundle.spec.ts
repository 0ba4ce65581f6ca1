import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guideExampleBundle } from './fixtures/guide-example-bundle';
import { isSosBundle, parseSosBundle } from './sos-vendor-bundle';

const example = () =>
  JSON.parse(
    readFileSync(join(__dirname, '../../../../test/fhir/ans-sas-guide/examples/Bundle-ExampleBundleAgregateurSOS.json'), 'utf8'),
  );

describe("reading a SOS Médecins answer (the guide's ExampleBundleAgregateurSOS)", () => {
  it('gives each Slot to the association its Location names, at that Location', () => {
    const { slots, issues } = parseSosBundle(example());
    expect(issues).toEqual([]);
    expect(slots.map((s) => [s.externalId, s.structure?.siret, s.place.key, s.place.postalCode])).toEqual([
      ['ExampleSlotSOS1', '34173748400020', 'Location/1111111111', '35700'],
      ['ExampleSlotSOS2', '34173748400020', 'Location/2222222222', '35000'],
      ['ExampleSlotSOS3', '92080466300010', 'Location/3333333333', '56100'],
      ['ExampleSlotSOS4', '92080466300010', 'Location/3333333333', '56100'],
    ]);
    expect(slots[0]).toMatchObject({ visibility: ['PUBLIC', 'SNP'], modes: ['AMB', 'VR'], appointmentType: 'ROUTINE' });
    expect(slots[0].practitioner).toBeUndefined();
  });

  it('names the wrong Slot and its association, and keeps the others', () => {
    const bundle = example();
    const slot = bundle.entry.find((e: { resource: { id: string } }) => e.resource.id === 'ExampleSlotSOS3').resource;
    slot.meta.security = [{ system: slot.meta.security[0].system, code: 'PRO' }];
    const { slots, issues } = parseSosBundle(bundle);
    expect(slots.map((s) => s.externalId)).toEqual(['ExampleSlotSOS1', 'ExampleSlotSOS2', 'ExampleSlotSOS4']);
    // PRO is not a SOS slot type: the Slot is refused, and each issue names its association (Lorient).
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues)
      expect(issue).toMatchObject({ expression: expect.stringMatching(/\.meta\.security/), siret: '92080466300010' });
  });
});

describe("telling a pushed Bundle in the SOS Médecins shape from the practitioners' one", () => {
  it("by its Schedules' actors: Locations, or Practitioners", () => {
    expect(isSosBundle(example())).toBe(true);
    expect(isSosBundle(guideExampleBundle(new Date('2026-12-07T08:00:00Z')))).toBe(false);
    expect(isSosBundle({ resourceType: 'Bundle', type: 'collection', entry: [] })).toBe(false);
    expect(isSosBundle(undefined)).toBe(false);
  });
});
