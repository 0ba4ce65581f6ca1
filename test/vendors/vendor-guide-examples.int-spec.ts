import { DataSource } from 'typeorm';
import { AppModule as SchedulingModule } from '../../apps/scheduling/src/app.module';
import { useIsolatedEnvironment } from '../support/isolated-environment';
import { RunningService, startService } from '../support/running-service';
import { adminToken, practiceToken, vendorToken } from '../support/tokens';
import { guideAppointment } from './vendor-appointment-fixtures';
import { serveGuideExample } from './guide-example-server';

/** The SIRET of the guide's SOS Médecins de Rennes (IDNST 334173748400020); Lorient's is not asked. */
const GUIDE_SOS_SIRET = '34173748400020';

/** The RPPS of the guide's CPTS examples (IDNPS 810002909371). */
const GUIDE_CPTS_RPPS = '10002909371';

describe("the guide's own CPTS and SOS Médecins example answers, pulled (INT_R04, SOS)", () => {
  let sas: RunningService;
  let db: DataSource;
  let vendor: Awaited<ReturnType<typeof serveGuideExample>>;
  let sosVendor: Awaited<ReturnType<typeof serveGuideExample>>;
  const day = new Date(Date.now() + 86400_000);

  beforeAll(async () => {
    process.env.GUIDE_VENDOR_SECRET_FILE_UNUSED = 'unused';
    await useIsolatedEnvironment('vendor_guide');
    vendor = await serveGuideExample('Bundle-ExampleBundleCPTS2.json', day);
    sosVendor = await serveGuideExample('Bundle-ExampleBundleAgregateurSOS.json', day);
    sas = await startService('scheduling', SchedulingModule);
    db = sas.app.get(DataSource);
    await sas
      .as(await adminToken())
      .put('/vendors/cpts-editeur')
      .send({
        name: 'Éditeur CPTS',
        practitionerRpps: [GUIDE_CPTS_RPPS],
        structureIds: [],
        endpoint: {
          baseUrl: vendor.url,
          flows: ['INT_R04'],
          auth: { kind: 'mtls', certEnv: 'GUIDE_VENDOR_SECRET_FILE_UNUSED', keyEnv: 'GUIDE_VENDOR_SECRET_FILE_UNUSED' },
          pollIntervalSeconds: 3600,
        },
      })
      .expect(200);
  });

  afterAll(async () => {
    await sas?.close();
    await vendor?.close();
    await sosVendor?.close();
  });

  it('asks in the CPTS shape and stores the example slot with what the guide defines', async () => {
    const report = (
      await sas
        .as(await adminToken())
        .post('/vendors/cpts-editeur/poll')
        .expect(200)
    ).body;
    expect(report).toMatchObject({ requests: 1, failedQueries: 0, slotsReceived: 1 });
    const search = vendor.searches.at(-1)!;
    expect(search.pathname).toBe('/fhir/Slot');
    expect(search.searchParams.getAll('_include')).toEqual(['Slot:schedule', 'Slot:service-type-reference']);
    expect(search.searchParams.getAll('_include:iterate')).toEqual(['Schedule:actor', 'HealthcareService:organization']);
    expect(search.searchParams.get('schedule.actor:Practitioner.identifier')).toBe(
      `urn:oid:1.2.250.1.71.4.2.1|8${GUIDE_CPTS_RPPS}`,
    );

    const [slot] = await db.query(
      `SELECT s.status, s.external_id, s.visibility, s.modes, s.appointment_type, s.specialties, s.booking_url, p.postal_code, p.city, p.commune_code, pr.family_name
         FROM scheduling.slot s JOIN scheduling.place p ON p.id = s.place_id JOIN scheduling.practitioner pr ON pr.id = s.practitioner_id WHERE s.vendor = 'cpts-editeur'`,
    );
    expect(slot).toMatchObject({
      status: 'free',
      external_id: 'ExampleSlotCPTS2',
      visibility: ['PUBLIC'],
      modes: ['AMB'],
      appointment_type: 'ROUTINE',
      specialties: ['SM54'],
      booking_url: 'https://exemple.com/rdv/com/',
      postal_code: '31840',
      city: 'Aussonne',
      family_name: 'Foret',
    });
  });

  describe('SOS Médecins', () => {
    let ownSlot: string;

    beforeAll(async () => {
      const admin = sas.as(await adminToken());
      const structure = (
        await admin
          .post('/structures')
          .send({ siret: GUIDE_SOS_SIRET, kind: 'sos-medecins', name: 'SOS Médecins de Rennes' })
          .expect(201)
      ).body.id;
      // A slot the association publishes through our own API, at a place of its own: the pull must never touch it.
      const practice = sas.as(await practiceToken({ structures: [GUIDE_SOS_SIRET] }));
      const place = (
        await practice
          .post('/places')
          .send({ structureId: structure, communeCode: '35238', name: 'Permanence', postalCode: '35000', city: 'Rennes' })
          .expect(201)
      ).body.id;
      const start = new Date(day.getTime() + 3600_000);
      ownSlot = (
        await practice
          .post('/slots')
          .send({
            structureId: structure,
            placeId: place,
            start: start.toISOString(),
            end: new Date(start.getTime() + 1200_000).toISOString(),
            visibility: ['PUBLIC'],
            modes: ['AMB'],
          })
          .expect(201)
      ).body.id;
      await admin
        .put('/vendors/sos-editeur')
        .send({
          name: 'Éditeur SOS',
          practitionerRpps: [],
          structureIds: [GUIDE_SOS_SIRET],
          endpoint: {
            baseUrl: sosVendor.url,
            flows: ['SOS'],
            auth: { kind: 'mtls', certEnv: 'GUIDE_VENDOR_SECRET_FILE_UNUSED', keyEnv: 'GUIDE_VENDOR_SECRET_FILE_UNUSED' },
            pollIntervalSeconds: 3600,
          },
        })
        .expect(200);
    });

    const pulled = () =>
      db.query(
        `SELECT s.external_id, s.status, s.structure_id IS NOT NULL AS by_structure, s.practitioner_id, s.visibility, s.modes, s.booking_url,
                p.name, p.postal_code, p.city, p.commune_code, st.siret
           FROM scheduling.slot s JOIN scheduling.place p ON p.id = s.place_id JOIN scheduling.structure st ON st.id = s.structure_id
          WHERE s.vendor = 'sos-editeur' ORDER BY s.external_id`,
      );

    it("asks in the guide's SOS shape and stores the asked association's slots, owned by it, at its Locations", async () => {
      const report = (
        await sas
          .as(await adminToken())
          .post('/vendors/sos-editeur/poll')
          .expect(200)
      ).body;
      // The Lorient association's two slots are in the answer but were not asked: not kept.
      expect(report).toMatchObject({ requests: 1, failedQueries: 0, slotsReceived: 2 });
      const search = sosVendor.searches.at(-1)!;
      expect(search.pathname).toBe('/fhir/Schedule');
      expect(search.searchParams.get('_revinclude')).toBe('Slot:schedule');
      expect(search.searchParams.get('_include')).toBe('Schedule:actor:Location');
      expect(search.searchParams.get('_include:iterate')).toBe('Location:organization');
      expect(search.searchParams.getAll('_has:Slot:schedule:start').map((v) => v.slice(0, 2))).toEqual(['ge', 'le']);
      expect(search.searchParams.get('_has:Slot:schedule:status')).toBe('free');
      expect(search.searchParams.get('actor:Location.organization.identifier')).toBe(
        `urn:oid:1.2.250.1.71.4.2.2|3${GUIDE_SOS_SIRET}`,
      );

      const slots = await pulled();
      expect(slots).toEqual([
        expect.objectContaining({
          external_id: 'ExampleSlotSOS1',
          status: 'free',
          by_structure: true,
          practitioner_id: null,
          visibility: ['PUBLIC', 'SNP'],
          modes: ['AMB', 'VR'],
          name: 'Centre de consultation Rennes Nord',
          postal_code: '35700',
          commune_code: '35238',
          siret: GUIDE_SOS_SIRET,
        }),
        expect.objectContaining({
          external_id: 'ExampleSlotSOS2',
          status: 'free',
          visibility: ['PUBLIC'],
          modes: ['AMB'],
          name: 'Centre de consultation Rennes Cleunay',
          postal_code: '35000',
          siret: GUIDE_SOS_SIRET,
        }),
      ]);
    });

    it("withdraws the association's slot the vendor no longer offers, and never the association's own API slot", async () => {
      sosVendor.bundle.entry = sosVendor.bundle.entry.filter((e) => e.resource.id !== 'ExampleSlotSOS2');
      const report = (
        await sas
          .as(await adminToken())
          .post('/vendors/sos-editeur/poll')
          .expect(200)
      ).body;
      expect(report).toMatchObject({ requests: 1, failedQueries: 0, slotsReceived: 1 });
      expect((await pulled()).map((s: { external_id: string; status: string }) => [s.external_id, s.status])).toEqual([
        ['ExampleSlotSOS1', 'free'],
        ['ExampleSlotSOS2', 'withdrawn'],
      ]);
      const [own] = await db.query(`SELECT status, vendor FROM scheduling.slot WHERE id = $1`, [ownSlot]);
      expect(own).toEqual({ status: 'free', vendor: null });
    });

    it("takes the guide's SOS appointment (Appointment-12345678, pending, no practitioner) on the association's pulled slot, then its end", async () => {
      const [slot] = await db.query(
        `SELECT id, start_at, end_at FROM scheduling.slot WHERE vendor = 'sos-editeur' AND external_id = 'ExampleSlotSOS1'`,
      );
      const vendor = sas.as(await vendorToken('sos-editeur'));
      const pending = guideAppointment('Appointment-12345678', { start: slot.start_at, end: slot.end_at });
      const created = await vendor
        .post('/fhir/Appointment')
        .set('content-type', 'application/fhir+json')
        .send(JSON.stringify(pending))
        .expect(201);
      const [appointment] = await db.query(`SELECT slot_id, status, case_id FROM scheduling.appointment WHERE id = $1`, [
        created.body.id,
      ]);
      expect(appointment).toEqual({ slot_id: slot.id, status: 'booked', case_id: null });
      expect((await db.query(`SELECT status FROM scheduling.slot WHERE id = $1`, [slot.id]))[0].status).toBe('booked');
      await vendor
        .put('/fhir/Appointment')
        .query({ identifier: `${pending.identifier[0].system}|${pending.identifier[0].value}` })
        .set('content-type', 'application/fhir+json')
        .send(JSON.stringify({ ...pending, status: 'fulfilled' }))
        .expect(200);
      expect((await db.query(`SELECT status FROM scheduling.appointment WHERE id = $1`, [created.body.id]))[0].status).toBe(
        'honoured',
      );
    });
  });
});
