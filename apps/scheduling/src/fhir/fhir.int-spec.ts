/* eslint-disable @typescript-eslint/no-explicit-any -- the checks walk arbitrary FHIR JSON */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { Caller, RunningService, startService } from '../../../../test/support/running-service';
import { adminToken, regulatorToken, vendorToken } from '../../../../test/support/tokens';
import { AppModule } from '../app.module';
import { Bundle } from './fhir-types';
import { GUIDE_EXAMPLE_RPPS, guideExampleBundle } from './fixtures/guide-example-bundle';
import { ACT_CODE_SYSTEM, APPOINTMENT_TYPE_SYSTEM, Profiles, SLOT_TYPE_SYSTEM, SPECIALTY_SYSTEM } from './sas-codes';

const FHIR = 'application/fhir+json';

/** Structural checks a FHIR R4 validator with the guide's profiles would make on the search answer. */
function checkGuideConformance(bundle: Bundle): string[] {
  const problems: string[] = [];
  const resources = new Map(
    (bundle.entry ?? []).map((e) => [`${e.resource!.resourceType}/${e.resource!.id}`, e.resource as any]),
  );
  const check = (ok: unknown, problem: string) => (ok ? undefined : problems.push(problem));
  check(bundle.type === 'searchset', 'type searchset');
  check(bundle.total === (bundle.entry ?? []).filter((e) => e.search?.mode === 'match').length, 'total counts the matches');
  for (const entry of bundle.entry ?? []) {
    const r = entry.resource as any;
    const key = `${r.resourceType}/${r.id}`;
    check(r.id && entry.fullUrl?.endsWith(key), `${key}: id and fullUrl`);
    check(r.meta?.profile?.length, `${key}: meta.profile`);
    if (r.resourceType === 'Slot') {
      check(r.meta.profile.includes(Profiles.slot), `${key}: slot profile`);
      check(r.status === 'free', `${key}: status free`);
      check(
        r.meta.security?.length && r.meta.security.every((c: any) => c.system === SLOT_TYPE_SYSTEM),
        `${key}: meta.security from TRE_R314`,
      );
      check(
        r.serviceType?.every((s: any) => s.coding[0].system === ACT_CODE_SYSTEM),
        `${key}: serviceType ActCode`,
      );
      check(r.appointmentType?.coding?.[0]?.system === APPOINTMENT_TYPE_SYSTEM, `${key}: appointmentType v2-0276`);
      check(
        r.specialty?.every((s: any) => s.text || s.coding?.[0]?.system === SPECIALTY_SYSTEM),
        `${key}: specialty TRE_R38 or text`,
      );
      check(!Number.isNaN(Date.parse(r.start)) && Date.parse(r.end) > Date.parse(r.start), `${key}: start < end`);
      check(resources.has(r.schedule.reference), `${key}: schedule in the bundle`);
    }
    if (r.resourceType === 'Schedule') {
      check(
        r.actor.every((a: any) => resources.has(a.reference)),
        `${key}: actors in the bundle`,
      );
      check(
        r.actor.some((a: any) => a.reference.startsWith('Practitioner/')) &&
          r.actor.some((a: any) => a.reference.startsWith('PractitionerRole/')),
        `${key}: practitioner and role actors`,
      );
    }
    if (r.resourceType === 'Practitioner') {
      const id = r.identifier?.[0];
      check(
        id?.system === 'urn:oid:1.2.250.1.71.4.2.1' && /^8\d{11}$/.test(id.value) && id.type?.coding?.[0]?.code === 'IDNPS',
        `${key}: IDNPS identifier`,
      );
    }
    if (r.resourceType === 'PractitionerRole') {
      const location = r.contained?.find((c: any) => c.resourceType === 'Location');
      check(location && r.location?.[0]?.reference === `#${location.id}`, `${key}: contained Location referenced`);
      check(
        location?.address?.line?.length === 1 && location.address.city && location.address.postalCode,
        `${key}: Location address line, city, postal code`,
      );
      check(resources.has(r.practitioner.reference), `${key}: practitioner in the bundle`);
    }
  }
  return problems;
}

describe('FHIR slot exchange of the ANS SAS guide', () => {
  let scheduling: RunningService;
  let db: DataSource;
  let vendor: Caller;
  let regulator: Caller;
  const day = new Date(Date.now() + 86400_000);
  const window = (days: number) => [
    `ge${new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate())).toISOString()}`,
    `le${new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + days)).toISOString()}`,
  ];
  const actors = (rpps: string[]) => rpps.map((r) => `urn:oid:1.2.250.1.71.4.2.1|8${r}`).join(',');
  const guideSearch = () =>
    regulator.get('/fhir/Slot').query({
      start: window(4),
      status: 'free',
      'schedule.actor:Practitioner.identifier': actors(GUIDE_EXAMPLE_RPPS),
      _include: 'Slot:schedule',
      '_include:iterate': 'Schedule:actor',
    });
  const push = (bundle: object, as = vendor) => as.post('/fhir').set('content-type', FHIR).send(JSON.stringify(bundle));
  const summaryOf = (res: { body: any }) => JSON.parse(res.body.issue[0].diagnostics);

  beforeAll(async () => {
    await useIsolatedEnvironment('fhir');
    scheduling = await startService('scheduling', AppModule);
    db = scheduling.app.get(DataSource);
    vendor = scheduling.as(await vendorToken('exemple-editeur'));
    regulator = scheduling.as(await regulatorToken(['75']));
    // The admin registers the vendor for the practitioners of the guide's example.
    await scheduling
      .as(await adminToken())
      .put('/vendors/exemple-editeur')
      .send({ name: 'Exemple éditeur', practitionerRpps: GUIDE_EXAMPLE_RPPS, structureIds: [] })
      .expect(200);
  });

  afterAll(() => scheduling?.close());

  it("loads a vendor Bundle and answers the guide's search (three RPPS, four days) with a conformant searchset", async () => {
    const pushed = await push(guideExampleBundle(day)).expect(200);
    expect(summaryOf(pushed)).toMatchObject({ created: 5, updated: 0, withdrawn: 0 });

    const res = await guideSearch().expect(200);
    expect(res.headers['content-type']).toContain(FHIR);
    const bundle = JSON.parse(res.text) as Bundle;
    expect(bundle.total).toBe(5);
    const counts = (type: string) => bundle.entry!.filter((e) => e.resource!.resourceType === type).length;
    expect({
      Slot: counts('Slot'),
      Schedule: counts('Schedule'),
      Practitioner: counts('Practitioner'),
      PractitionerRole: counts('PractitionerRole'),
    }).toEqual({
      Slot: 5,
      Schedule: 3,
      Practitioner: 3,
      PractitionerRole: 3,
    });
    expect(checkGuideConformance(bundle)).toEqual([]);
    const walkIn = bundle
      .entry!.map((e) => e.resource as any)
      .find((r) => r.resourceType === 'Slot' && r.serviceType[0].coding[0].code === 'HH');
    expect(walkIn).toMatchObject({
      appointmentType: { coding: [{ code: 'WALKIN' }] },
      meta: { security: [{ code: 'PRO' }, { code: 'SNP' }] },
    });
  });

  it('changes nothing when the same Bundle comes again', async () => {
    const outbox = async () => Number((await db.query('SELECT count(*) AS n FROM scheduling.outbox'))[0].n);
    const before = await outbox();
    const again = await push(guideExampleBundle(day)).expect(200);
    expect(summaryOf(again)).toMatchObject({ created: 0, updated: 0, withdrawn: 0, bookedElsewhere: 0, unchanged: 5 });
    expect(await outbox()).toBe(before);
  });

  it("withdraws the vendor's slots that disappeared and takes busy ones off the free list", async () => {
    const bundle = guideExampleBundle(day);
    bundle.entry = bundle.entry!.filter((e) => e.resource!.id !== 'ExampleSlotPSIndiv5');
    (bundle.entry!.find((e) => e.resource!.id === 'ExampleSlotPSIndiv4')!.resource as any).status = 'busy';
    (bundle.entry!.find((e) => e.resource!.id === 'ExampleSlotPSIndiv1')!.resource as any).comment =
      'https://exemple.com/rdv/autre/';
    expect(summaryOf(await push(bundle).expect(200))).toMatchObject({
      withdrawn: 1,
      bookedElsewhere: 1,
      updated: 1,
      unchanged: 2,
    });
    expect(JSON.parse((await guideSearch().expect(200)).text).total).toBe(3);
  });

  it('refuses a bad search with an OperationOutcome naming the parameter', async () => {
    const res = await regulator
      .get('/fhir/Slot')
      .query({ start: window(4)[0], status: 'free', 'schedule.actor:Practitioner.identifier': '81000000000X' })
      .expect(400);
    expect(res.headers['content-type']).toContain(FHIR);
    const outcome = JSON.parse(res.text);
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue.map((i: any) => i.expression[0])).toEqual(
      expect.arrayContaining(['start', 'schedule.actor:Practitioner.identifier']),
    );
    const tooMany = Array.from({ length: 26 }, () => GUIDE_EXAMPLE_RPPS[0]);
    await regulator
      .get('/fhir/Slot')
      .query({ start: window(1), status: 'free', 'schedule.actor:Practitioner.identifier': actors(tooMany) })
      .expect(400);
  });

  it('refuses a Bundle with an unknown code, naming where, and stores nothing', async () => {
    const slots = async () => Number((await db.query('SELECT count(*) AS n FROM scheduling.slot'))[0].n);
    const before = await slots();
    const bundle = guideExampleBundle(new Date(day.getTime() + 7 * 86400_000));
    (bundle.entry![0].resource as any).serviceType = [{ coding: [{ system: ACT_CODE_SYSTEM, code: 'TELEPORT' }] }];
    const res = await push(bundle).expect(400);
    const outcome = JSON.parse(res.text);
    expect(outcome.issue[0].expression[0]).toBe('Bundle.entry[0].resource.serviceType[0]');
    expect(outcome.issue[0].diagnostics).toContain('TELEPORT');
    expect(await slots()).toBe(before);
  });

  it('refuses, as an OperationOutcome, a vendor pushing for practitioners it is not registered for, and stores nothing', async () => {
    const slots = async () => Number((await db.query('SELECT count(*) AS n FROM scheduling.slot'))[0].n);
    const before = await slots();
    const res = await push(
      guideExampleBundle(new Date(day.getTime() + 14 * 86400_000)),
      scheduling.as(await vendorToken('autre-editeur')),
    ).expect(403);
    const outcome = JSON.parse(res.text);
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0].diagnostics).toContain(GUIDE_EXAMPLE_RPPS[0]);
    expect(await slots()).toBe(before);
  });

  describe('SOS Médecins pushes (Schedules of Locations, the associations by SIRET)', () => {
    const RENNES = '34173748400020';
    /** The guide's ExampleBundleAgregateurSOS, Rennes's two slots only, moved to `day` (same local hour). */
    const sosBundle = (keep = ['ExampleSlotSOS1', 'ExampleSlotSOS2']) => {
      const bundle = JSON.parse(
        readFileSync(
          join(__dirname, '../../../../test/fhir/ans-sas-guide/examples/Bundle-ExampleBundleAgregateurSOS.json'),
          'utf8',
        ),
      ) as { entry: { resource: Record<string, string> }[] };
      bundle.entry = bundle.entry.filter((e) => e.resource.resourceType !== 'Slot' || keep.includes(e.resource.id));
      for (const { resource } of bundle.entry)
        if (resource.resourceType === 'Slot')
          for (const key of ['start', 'end'])
            resource[key] = resource[key].replace(/^\d{4}-\d{2}-\d{2}/, day.toISOString().slice(0, 10));
      return bundle;
    };
    const stored = async () =>
      (
        (await db.query(
          `SELECT s.external_id, s.status FROM scheduling.slot s WHERE s.vendor = 'sos-pousseur' ORDER BY s.external_id`,
        )) as { external_id: string; status: string }[]
      ).map((r) => [r.external_id, r.status]);
    let sosVendor: Caller;

    beforeAll(async () => {
      const admin = scheduling.as(await adminToken());
      await admin.post('/structures').send({ siret: RENNES, kind: 'sos-medecins', name: 'SOS Médecins de Rennes' }).expect(201);
      await admin
        .put('/vendors/sos-pousseur')
        .send({ name: 'Éditeur SOS', practitionerRpps: GUIDE_EXAMPLE_RPPS, structureIds: [RENNES] })
        .expect(200);
      sosVendor = scheduling.as(await vendorToken('sos-pousseur'));
    });

    it('stores the slots of the association at its Locations, and withdraws only its own kind when either shape is pushed', async () => {
      expect(summaryOf(await push(sosBundle(), sosVendor).expect(200))).toMatchObject({ created: 2 });
      expect(await stored()).toEqual([
        ['ExampleSlotSOS1', 'free'],
        ['ExampleSlotSOS2', 'free'],
      ]);
      const [owner] = await db.query(
        `SELECT DISTINCT st.siret, s.practitioner_id FROM scheduling.slot s JOIN scheduling.structure st ON st.id = s.structure_id
          WHERE s.vendor = 'sos-pousseur'`,
      );
      expect(owner).toEqual({ siret: RENNES, practitioner_id: null });
      // An (empty) push of the practitioners' shape speaks for the practitioners only.
      expect(
        summaryOf(await push({ resourceType: 'Bundle', type: 'collection', entry: [] }, sosVendor).expect(200)),
      ).toMatchObject({
        withdrawn: 0,
      });
      expect(summaryOf(await push(sosBundle(['ExampleSlotSOS1']), sosVendor).expect(200))).toMatchObject({ withdrawn: 1 });
      expect(await stored()).toEqual([
        ['ExampleSlotSOS1', 'free'],
        ['ExampleSlotSOS2', 'withdrawn'],
      ]);
    });

    it('refuses an association the vendor is not registered for, naming its SIRET, and stores nothing', async () => {
      const before = await stored();
      const res = await push(sosBundle()).expect(403);
      expect(JSON.parse(res.text).issue[0].diagnostics).toContain(`SIRET ${RENNES}`);
      expect(await stored()).toEqual(before);
    });
  });
});
