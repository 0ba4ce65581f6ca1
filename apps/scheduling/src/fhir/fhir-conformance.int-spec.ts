/* eslint-disable @typescript-eslint/no-explicit-any -- the checks walk arbitrary FHIR JSON */
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { join } from 'node:path';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { Caller, RunningService, startService } from '../../../../test/support/running-service';
import { adminToken, practiceToken, regulatorToken, vendorToken } from '../../../../test/support/tokens';
import { AppModule } from '../app.module';

// The project's HL7 validator (infra/fhir-validator): one JVM for the whole file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startValidator } = require('../../../../infra/fhir-validator/validator');

const FHIR = 'application/fhir+json';
const EXAMPLES = join(__dirname, '../../../../test/fhir/ans-sas-guide/examples');
const guideExample = (name: string) => JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), 'utf8'));
/** The guide's own example RPPS (they fail the RPPS check digit, which a search no longer holds against them). */
const GUIDE_RPPS = ['10002673899', '10100050075', '10002909371'];
type Issue = { severity: string; location: string; message: string };
const errorsOf = (issues: Issue[]) => issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
/**
 * The one error the guide's own PS Bundle carries against its own profiles: ExampleSlotPSIndiv3
 * gives a specialty as text only, where FrSlot (fr-core) binds specialty as required. Served
 * back as the vendor sent it, our answer carries it too; nothing else is tolerated.
 */
const GUIDE_OWN_ERROR = /No code provided, and a code is required from the value set 'FRCoreValueSetPractitionerSpecialty'/;

/** The guide's PS Indiv Bundle as a vendor would push it, its slots moved `days` ahead of their 2021 dates. */
function pushedGuideBundle(firstDay: Date, example = guideExample('Bundle-ExampleBundlePSIndiv')): any {
  const bundle = JSON.parse(JSON.stringify(example));
  const slots = bundle.entry.map((e: any) => e.resource).filter((r: any) => r.resourceType === 'Slot');
  const earliest = Math.min(...slots.map((s: any) => Date.parse(s.start)));
  const shift = Math.ceil((firstDay.getTime() - earliest) / 86400_000) * 86400_000;
  for (const slot of slots) {
    slot.start = new Date(Date.parse(slot.start) + shift).toISOString();
    slot.end = new Date(Date.parse(slot.end) + shift).toISOString();
  }
  return bundle;
}

describe('FHIR answers validated by the HL7 validator against R4 and the ANS SAS guide 1.2.0', () => {
  let scheduling: RunningService;
  let validator: { validate(resource: object, profiles?: string[]): Promise<Issue[]>; stop(): Promise<void> };
  let vendor: Caller;
  let regulator: Caller;
  const firstDay = new Date(Date.now() + 2 * 86400_000);
  const day = (offset: number) => new Date(firstDay.getTime() + offset * 86400_000).toISOString().slice(0, 10);
  const actors = (idnps: string[]) => idnps.map((v) => `urn:oid:1.2.250.1.71.4.2.1|${v}`).join(',');
  const guideSearch = (idnps: string[], extra: Record<string, string | string[]> = {}) =>
    regulator.get('/fhir/Slot').query({
      start: [`ge${day(0)}`, `le${day(3)}`],
      status: 'free',
      'schedule.actor:Practitioner.identifier': actors(idnps),
      _include: 'Slot:schedule',
      '_include:iterate': 'Schedule:actor',
      ...extra,
    });
  const push = async (bundle: object) => {
    const res = await vendor.post('/fhir').set('content-type', FHIR).send(JSON.stringify(bundle));
    if (res.status !== 200) throw new Error(`push: ${res.status} ${res.text}`);
    return res;
  };

  beforeAll(async () => {
    validator = await startValidator();
    // The first validation generates the profiles' snapshots (5–30 s on two shared cores):
    // paid here, under beforeAll's timeout, rather than by the first test.
    await validator.validate(guideExample('Bundle-ExampleBundlePSIndiv'));
    await useIsolatedEnvironment('fhir-conformance');
    scheduling = await startService('scheduling', AppModule);
    vendor = scheduling.as(await vendorToken('exemple-editeur'));
    regulator = scheduling.as(await regulatorToken(['31']));
    await scheduling
      .as(await adminToken())
      .put('/vendors/exemple-editeur')
      .send({ name: 'Exemple éditeur', practitionerRpps: GUIDE_RPPS, structureIds: [] })
      .expect(200);
  }, 180_000);

  afterAll(async () => {
    await scheduling?.close();
    await validator?.stop();
  });

  it("validates the guide's own CPTS and SOS example Bundles with 0 errors (the profiles and validator are sound)", async () => {
    for (const name of ['Bundle-ExampleBundleCPTS1', 'Bundle-ExampleBundleCPTS2', 'Bundle-ExampleBundleAgregateurSOS']) {
      expect([name, errorsOf(await validator.validate(guideExample(name)))]).toEqual([name, []]);
    }
  });

  it("answers the guide's search (three RPPS, four days) on the guide's own Bundle pushed by a vendor: valid, and every element served back", async () => {
    const pushed = pushedGuideBundle(firstDay);
    const summary = JSON.parse((await push(pushed)).body.issue[0].diagnostics);
    expect(summary).toMatchObject({ created: 4 });
    const res = await guideSearch(GUIDE_RPPS.map((r) => `8${r}`)).expect(200);
    expect(res.headers['content-type']).toContain(FHIR);
    const bundle = JSON.parse(res.text);
    expect(bundle.total).toBe(4);
    const errors = errorsOf(await validator.validate(bundle));
    expect(errors.filter((e) => !GUIDE_OWN_ERROR.test(e.message))).toEqual([]);

    const served = (type: string) => bundle.entry.map((e: any) => e.resource).filter((r: any) => r.resourceType === type);
    const sent = (type: string) => pushed.entry.map((e: any) => e.resource).filter((r: any) => r.resourceType === type);
    const motifs = (slots: any[]) =>
      slots.flatMap((s) => s.serviceType.filter((t: any) => t.text).map((t: any) => t.text)).sort();
    expect(motifs(served('Slot'))).toEqual(motifs(sent('Slot')));
    const structures = (roles: any[]) => roles.map((r) => r.organization?.identifier?.value).sort();
    const placeIds = (roles: any[]) =>
      roles
        .map((r) => r.contained[0].identifier[0])
        .map((i) => `${i.system}|${i.value}|${i.type.coding[0].system}#${i.type.coding[0].code}`)
        .sort();
    const sentRoles = sent('PractitionerRole').filter((r: any) =>
      pushed.entry.some(
        (e: any) =>
          e.resource.resourceType === 'Schedule' && e.resource.actor.some((a: any) => a.reference === `PractitionerRole/${r.id}`),
      ),
    );
    expect(structures(served('PractitionerRole'))).toEqual(structures(sentRoles));
    expect(placeIds(served('PractitionerRole'))).toEqual(placeIds(sentRoles));
  });

  it('answers the same search on slots published through the practice API with 0 errors', async () => {
    const rpps = '10000000009';
    const practice = scheduling.as(await practiceToken({ rpps: [rpps] }));
    const practitioner = await practice
      .post('/practitioners')
      .send({ rpps, profession: 'general-practitioner', specialties: ['SM54'], familyName: 'MARTIN', givenName: 'Claire' })
      .expect(201);
    const place = await practice
      .post('/places')
      .send({
        practitionerId: practitioner.body.id,
        communeCode: '92044',
        addressLine: '3 RUE DU BOUCHET',
        postalCode: '92300',
        city: 'Levallois-Perret',
        latitude: 48.8939,
        longitude: 2.2879,
      })
      .expect(201);
    for (const hour of ['08', '09']) {
      await practice
        .post('/slots')
        .send({
          practitionerId: practitioner.body.id,
          placeId: place.body.id,
          start: `${day(1)}T${hour}:00:00Z`,
          end: `${day(1)}T${hour}:20:00Z`,
          visibility: ['SNP', 'PRO'],
          modes: ['AMB'],
          specialties: ['SM54'],
          reasons: ['Visite de contrôle', 'Certificat'],
        })
        .expect(201);
    }
    const res = await guideSearch([`8${rpps}`]).expect(200);
    const bundle = JSON.parse(res.text);
    expect(bundle.total).toBe(2);
    expect(errorsOf(await validator.validate(bundle))).toEqual([]);
    // point 5: the practice API's motifs are served as serviceType text
    expect(bundle.entry[0].resource.serviceType.filter((t: any) => t.text).map((t: any) => t.text)).toEqual([
      'Visite de contrôle',
      'Certificat',
    ]);

    // point 11: a PATCH through the practice API moves the slot's lastUpdated
    const before = bundle.entry[0].resource;
    await practice.patch(`/slots/${before.id}`).send({ bookingUrl: 'https://agenda.example/rdv/2' }).expect(200);
    const after = JSON.parse((await regulator.get(`/fhir/Slot/${before.id}`).expect(200)).text);
    expect(after.comment).toBe('https://agenda.example/rdv/2');
    expect(Date.parse(after.meta.lastUpdated)).toBeGreaterThan(Date.parse(before.meta.lastUpdated));

    // point 9: _count pages, never more matches than asked, and the next link leads to the rest
    const first = JSON.parse((await guideSearch([`8${rpps}`], { _count: '1' }).expect(200)).text);
    expect([first.total, first.entry.filter((e: any) => e.search.mode === 'match').length]).toEqual([2, 1]);
    const next = new URL(first.link.find((l: any) => l.relation === 'next').url);
    const second = JSON.parse((await regulator.get(`/fhir/Slot${next.search}`).expect(200)).text);
    expect(second.entry.filter((e: any) => e.search.mode === 'match').map((e: any) => e.resource.id)).not.toContain(
      first.entry[0].resource.id,
    );
    expect(errorsOf(await validator.validate(second))).toEqual([]);

    // point 6: a practitioner known by ADELI is found by 0 + ADELI
    await scheduling.app
      .get(DataSource)
      .query(`UPDATE scheduling.practitioner SET adeli = '751234567' WHERE id = $1`, [practitioner.body.id]);
    const byAdeli = JSON.parse((await guideSearch(['0751234567']).expect(200)).text);
    expect(byAdeli.total).toBe(2);

    // point 6 and 7: an unknown ADELI and a well-formed unknown RPPS are no match, not an error
    const unknown = JSON.parse((await guideSearch(['0759999999', '810000000008']).expect(200)).text);
    expect(unknown.total).toBe(0);
    expect(errorsOf(await validator.validate(unknown))).toEqual([]);

    // point 9: Prefer: handling=strict names an unsupported parameter
    const strict = await guideSearch([`8${rpps}`], { _sort: 'start' })
      .set('prefer', 'handling=strict')
      .expect(400);
    expect(JSON.parse(strict.text).issue.map((i: any) => i.expression[0])).toEqual(['_sort']);
  });

  it('serves the CapabilityStatement, reads of Slot, Schedule and Practitioner and the Practitioner search as valid FHIR, and unknown interactions as an OperationOutcome (point 10)', async () => {
    const metadata = await scheduling.http.get('/fhir/metadata').expect(200);
    expect(errorsOf(await validator.validate(JSON.parse(metadata.text)))).toEqual([]);
    const search = JSON.parse((await guideSearch([`8${GUIDE_RPPS[0]}`]).expect(200)).text);
    const slot = search.entry[0].resource;
    const read = JSON.parse((await regulator.get(`/fhir/Slot/${slot.id}`).expect(200)).text);
    expect(read).toEqual(slot);
    const missing = await regulator.get('/fhir/Slot/00000000-0000-4000-8000-000000000000').expect(404);
    expect(JSON.parse(missing.text).resourceType).toBe('OperationOutcome');
    const practitioners = JSON.parse(
      (await regulator.get(`/fhir/Practitioner?identifier=urn:oid:1.2.250.1.71.4.2.1|8${GUIDE_RPPS[0]}`).expect(200)).text,
    );
    expect(practitioners.total).toBe(1);
    expect(errorsOf(await validator.validate(practitioners))).toEqual([]);
    const practitioner = JSON.parse(
      (await regulator.get(`/fhir/Practitioner/${practitioners.entry[0].resource.id}`).expect(200)).text,
    );
    expect(practitioner).toEqual(practitioners.entry[0].resource);
    const schedule = JSON.parse((await regulator.get(`/fhir/${slot.schedule.reference}`).expect(200)).text);
    expect(errorsOf(await validator.validate(schedule))).toEqual([]);
    expect(schedule.actor.map((a: any) => a.reference.split('/')[0])).toEqual(['Practitioner', 'PractitionerRole']);
    const unsupported = await regulator.get('/fhir/Patient').expect(404);
    expect(errorsOf(await validator.validate(JSON.parse(unsupported.text)))).toEqual([]);
    const anonymous = await scheduling.http.get('/fhir/Slot').expect(401);
    const outcome = JSON.parse(anonymous.text);
    expect(outcome.issue[0]).not.toHaveProperty('expression');
    expect(errorsOf(await validator.validate(outcome))).toEqual([]);
  });

  it("changes a slot's lastUpdated when the vendor changes it (point 11)", async () => {
    const before = JSON.parse((await guideSearch([`8${GUIDE_RPPS[0]}`]).expect(200)).text).entry[0].resource;
    const bundle = pushedGuideBundle(firstDay);
    for (const entry of bundle.entry)
      if (entry.resource.resourceType === 'Slot') entry.resource.comment = 'https://exemple.com/rdv/nouveau/';
    await push(bundle);
    const after = JSON.parse((await regulator.get(`/fhir/Slot/${before.id}`).expect(200)).text);
    expect(after.comment).toBe('https://exemple.com/rdv/nouveau/');
    expect(Date.parse(after.meta.lastUpdated)).toBeGreaterThan(Date.parse(before.meta.lastUpdated));
  });

  it('withdraws the slots of a practitioner the push leaves out, and everything on an empty push (point 12)', async () => {
    const bundle = pushedGuideBundle(firstDay);
    const keep = bundle.entry.filter((e: any) => !['ExampleSlotPSIndiv3', 'ExampleSlotPSIndiv4'].includes(e.resource.id));
    const summary = JSON.parse((await push({ ...bundle, entry: keep })).body.issue[0].diagnostics);
    expect(summary.withdrawn).toBe(2);
    expect(JSON.parse((await guideSearch(GUIDE_RPPS.map((r) => `8${r}`)).expect(200)).text).total).toBe(2);
    const empty = JSON.parse((await push({ resourceType: 'Bundle', type: 'collection' })).body.issue[0].diagnostics);
    expect(empty.withdrawn).toBe(2);
    const none = JSON.parse((await guideSearch(GUIDE_RPPS.map((r) => `8${r}`)).expect(200)).text);
    expect(none.total).toBe(0);
    expect(errorsOf(await validator.validate(none))).toEqual([]);
  });

  it("answers the guide's SOS Médecins search on the guide's SOS example published through the structure API: valid, same shape as the example (point 13)", async () => {
    const example = guideExample('Bundle-ExampleBundleAgregateurSOS');
    const resources = example.entry.map((e: any) => e.resource);
    const of = (type: string) => resources.filter((r: any) => r.resourceType === type);
    const earliest = Math.min(...of('Slot').map((s: any) => Date.parse(s.start)));
    const shift = Math.ceil((firstDay.getTime() - earliest) / 86400_000) * 86400_000;
    for (const organization of of('Organization')) {
      const placeIds = new Map<string, string>();
      const siret = organization.identifier[0].value.slice(1);
      const practice = scheduling.as(await practiceToken({ structures: [siret] }));
      const created = await practice
        .post('/structures')
        .send({ siret, kind: 'sos-medecins', name: organization.name })
        .expect(201);
      for (const location of of('Location').filter(
        (l: any) => l.managingOrganization.reference === `Organization/${organization.id}`,
      )) {
        const place = await practice
          .post('/places')
          .send({
            structureId: created.body.id,
            communeCode: location.address.postalCode === '35700' ? '35238' : '56121',
            name: location.name,
            addressLine: location.address.line[0],
            postalCode: location.address.postalCode,
            city: location.address.city,
          })
          .expect(201);
        placeIds.set(`Location/${location.id}`, place.body.id);
      }
      for (const slot of of('Slot')) {
        const schedule = of('Schedule').find((sc: any) => `Schedule/${sc.id}` === slot.schedule.reference);
        const placeId = placeIds.get(schedule.actor[0].reference);
        if (!placeId) continue;
        await practice
          .post('/slots')
          .send({
            structureId: created.body.id,
            placeId,
            start: new Date(Date.parse(slot.start) + shift).toISOString(),
            end: new Date(Date.parse(slot.end) + shift).toISOString(),
            visibility: slot.meta.security.map((c: any) => c.code),
            modes: slot.serviceType.map((t: any) => t.coding[0].code),
            appointmentType: slot.appointmentType.coding[0].code,
            ...(slot.comment && { bookingUrl: slot.comment }),
          })
          .expect((r) => {
            if (r.status !== 201) throw new Error(r.text);
          });
      }
    }
    const sirets = of('Organization')
      .map((o: any) => `urn:oid:1.2.250.1.71.4.2.2|${o.identifier[0].value}`)
      .join(',');
    const res = await regulator
      .get('/fhir/Schedule')
      .query({
        _revinclude: 'Slot:schedule',
        _include: 'Schedule:actor:Location',
        '_include:iterate': 'Location:organization',
        '_has:Slot:schedule:start': [`ge${day(0)}`, `le${day(3)}`],
        '_has:Slot:schedule:status': 'free',
        'actor:Location.organization.identifier': sirets,
      })
      .expect(200);
    const bundle = JSON.parse(res.text);
    const count = (b: any) =>
      Object.fromEntries(
        ['Slot', 'Schedule', 'Location', 'Organization'].map((t) => [
          t,
          b.entry.filter((e: any) => e.resource.resourceType === t).length,
        ]),
      );
    expect(count(bundle)).toEqual(count(example));
    expect(bundle.total).toBe(of('Schedule').length);
    expect(errorsOf(await validator.validate(bundle))).toEqual([]);
  });

  it.each(['Bundle-ExampleBundleCPTS1', 'Bundle-ExampleBundleCPTS2'])(
    "answers the guide's CPTS search on the guide's %s pushed by a vendor: valid against the CPTS profiles, same shape as the example (point 13)",
    async (name) => {
      const example = guideExample(name);
      const cptsVendor = scheduling.as(await vendorToken('editeur-cpts'));
      await scheduling
        .as(await adminToken())
        .put('/vendors/editeur-cpts')
        .send({ name: 'Éditeur CPTS', practitionerRpps: ['10002909371'], structureIds: [] })
        .expect(200);
      const pushed = pushedGuideBundle(firstDay, example);
      const res = await cptsVendor.post('/fhir').set('content-type', FHIR).send(JSON.stringify(pushed));
      expect([res.status, JSON.parse(res.body.issue[0].diagnostics).created]).toEqual([200, 1]);
      const search = await guideSearch(['810002909371'], {
        _include: ['Slot:schedule', 'Slot:service-type-reference'],
        '_include:iterate': ['Schedule:actor', 'HealthcareService:organization'],
      }).expect(200);
      const bundle = JSON.parse(search.text);
      const count = (b: any) =>
        Object.fromEntries(
          ['Slot', 'Schedule', 'Practitioner', 'PractitionerRole', 'HealthcareService', 'Organization'].map((t) => [
            t,
            b.entry.filter((e: any) => e.resource.resourceType === t).length,
          ]),
        );
      expect(count(bundle)).toEqual(count(example));
      expect(bundle.meta.profile).toEqual(example.meta.profile);
      expect(errorsOf(await validator.validate(bundle))).toEqual([]);
      const finess = (b: any) =>
        b.entry
          .filter((e: any) => e.resource.resourceType === 'Organization')
          .map((e: any) => e.resource.identifier[0].value)
          .sort();
      expect(finess(bundle)).toEqual(finess(example));
      const services = bundle.entry
        .filter((e: any) => e.resource.resourceType === 'HealthcareService')
        .map((e: any) => `HealthcareService/${e.resource.id}`);
      const slot = bundle.entry.find((e: any) => e.resource.resourceType === 'Slot').resource;
      const referenced = slot.serviceType.flatMap((t: any) => (t.extension ?? []).map((x: any) => x.valueReference.reference));
      expect(referenced.sort()).toEqual(services.sort());
      expect(slot.meta.security.map((c: any) => c.code)).toContain('CPTS');
    },
  );
});
