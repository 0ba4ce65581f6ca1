import { DataSource } from 'typeorm';
import { AppModule as SchedulingModule } from '../../apps/scheduling/src/app.module';
import { useIsolatedEnvironment } from '../support/isolated-environment';
import { RunningService, startService } from '../support/running-service';
import { adminToken } from '../support/tokens';
import { serveGuideExample } from './guide-example-server';

/** The RPPS of the guide's CPTS examples (IDNPS 810002909371). */
const GUIDE_CPTS_RPPS = '10002909371';

describe("the guide's own CPTS example answers, pulled (INT_R04)", () => {
  let sas: RunningService;
  let db: DataSource;
  let vendor: Awaited<ReturnType<typeof serveGuideExample>>;
  const day = new Date(Date.now() + 86400_000);

  beforeAll(async () => {
    process.env.GUIDE_VENDOR_SECRET_FILE_UNUSED = 'unused';
    await useIsolatedEnvironment('vendor_guide');
    vendor = await serveGuideExample('Bundle-ExampleBundleCPTS2.json', day);
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
});
