import { DataSource } from 'typeorm';
import { AppModule as SchedulingModule } from '../../apps/scheduling/src/app.module';
import { useIsolatedEnvironment } from '../support/isolated-environment';
import { Caller, eventually, RunningService, startService } from '../support/running-service';
import { adminToken, practiceToken, regulatorToken } from '../support/tokens';
import { serveGuideExample } from './guide-example-server';

/** The SIRET of the guide's SOS Médecins de Rennes (IDNST 334173748400020). */
const GUIDE_SOS_SIRET = '34173748400020';
const STALE_MS = 4000;

/**
 * A SOS Médecins association's pulled slots age like a practitioner's: its vendor silent
 * for longer than the limit → withdrawn (vendor-unreachable), back when it answers; and a
 * booking of one is checked with the vendor first, by the association's SIRET.
 */
describe('SOS Médecins pulled slots: staleness and freshness at booking', () => {
  let sas: RunningService;
  let db: DataSource;
  let admin: Caller;
  let regulator: Caller;
  let vendor: Awaited<ReturnType<typeof serveGuideExample>>;
  let ownSlot: string;
  const saved = { ...process.env };
  const day = new Date(Date.now() + 86400_000);

  const poll = async () => (await admin.post('/vendors/sos-vendor/poll').expect(200)).body;
  const statuses = async (): Promise<Record<string, string>> =>
    Object.fromEntries(
      (await db.query(`SELECT external_id, status FROM scheduling.slot WHERE vendor = 'sos-vendor' ORDER BY external_id`)).map(
        (r: { external_id: string; status: string }) => [r.external_id, r.status],
      ),
    );
  const slotId = async (externalId: string): Promise<string> =>
    (await db.query(`SELECT id FROM scheduling.slot WHERE vendor = 'sos-vendor' AND external_id = $1`, [externalId]))[0].id;

  beforeAll(async () => {
    Object.assign(process.env, {
      SOS_VENDOR_UNUSED: 'unused',
      VENDOR_STALE_AFTER_MS: String(STALE_MS),
      VENDOR_FRESHNESS_BUDGET_MS: '500',
      // The breaker is not under test here: failed polls must keep reaching the vendor.
      VENDOR_BREAKER_THRESHOLD: '1000',
    });
    await useIsolatedEnvironment('vendor_sos_staleness');
    vendor = await serveGuideExample('Bundle-ExampleBundleAgregateurSOS.json', day);
    // A third Rennes slot, two hours after the first at the same Location, so each booking case has its own.
    const first = vendor.bundle.entry.find((e) => e.resource.id === 'ExampleSlotSOS1')!.resource as unknown as {
      start: string;
      end: string;
    };
    const later = (iso: string) => new Date(new Date(iso).getTime() + 2 * 3600_000).toISOString();
    vendor.bundle.entry.push({
      resource: { ...first, id: 'ExampleSlotSOS1b', start: later(first.start), end: later(first.end) } as never,
    });
    sas = await startService('scheduling', SchedulingModule);
    db = sas.app.get(DataSource);
    admin = sas.as(await adminToken());
    regulator = sas.as(await regulatorToken(['35']));
    const structure = (
      await admin
        .post('/structures')
        .send({ siret: GUIDE_SOS_SIRET, kind: 'sos-medecins', name: 'SOS Médecins de Rennes' })
        .expect(201)
    ).body.id;
    const practice = sas.as(await practiceToken({ structures: [GUIDE_SOS_SIRET] }));
    const place = (
      await practice
        .post('/places')
        .send({ structureId: structure, communeCode: '35238', name: 'Permanence', postalCode: '35000', city: 'Rennes' })
        .expect(201)
    ).body.id;
    const start = new Date(day.getTime() + 5 * 3600_000);
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
      .put('/vendors/sos-vendor')
      .send({
        name: 'Éditeur SOS',
        practitionerRpps: [],
        structureIds: [GUIDE_SOS_SIRET],
        endpoint: {
          baseUrl: vendor.url,
          flows: ['SOS'],
          auth: { kind: 'mtls', certEnv: 'SOS_VENDOR_UNUSED', keyEnv: 'SOS_VENDOR_UNUSED' },
          pollIntervalSeconds: 3600,
          timeoutMs: 400,
        },
      })
      .expect(200);
    expect(await poll()).toMatchObject({ failedQueries: 0, slotsReceived: 3 });
  }, 120_000);

  afterAll(async () => {
    await sas?.close();
    await vendor?.close();
    process.env = saved;
  });

  it("withdraws the association's pulled slots once its vendor is silent past the limit, never its own API slot", async () => {
    vendor.behave('error-500');
    await eventually(
      async () => {
        await poll();
        return Object.values(await statuses()).every((s) => s === 'withdrawn') ? true : undefined;
      },
      STALE_MS + 10_000,
      'stale association slots withdrawn',
    );
    expect(await statuses()).toEqual({
      ExampleSlotSOS1: 'withdrawn',
      ExampleSlotSOS1b: 'withdrawn',
      ExampleSlotSOS2: 'withdrawn',
    });
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM scheduling.outbox WHERE payload LIKE '%"reason":"vendor-unreachable"%'`,
    );
    expect(n).toBe(3);
    expect((await db.query(`SELECT status FROM scheduling.slot WHERE id = $1`, [ownSlot]))[0].status).toBe('free');
  });

  it('brings them back when the vendor answers again', async () => {
    vendor.behave('ok');
    expect(await poll()).toMatchObject({ failedQueries: 0, slotsReceived: 3, withdrawnStale: 0 });
    expect(await statuses()).toEqual({ ExampleSlotSOS1: 'free', ExampleSlotSOS1b: 'free', ExampleSlotSOS2: 'free' });
    // Each came back as a slot-updated event (a newer revision, free again).
    for (const externalId of ['ExampleSlotSOS1', 'ExampleSlotSOS1b', 'ExampleSlotSOS2']) {
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM scheduling.outbox WHERE headers::text LIKE '%slot-updated%' AND payload LIKE $1`,
        [`%${await slotId(externalId)}%`],
      );
      expect(n).toBeGreaterThanOrEqual(1);
    }
  });

  it("hands an association slot the vendor confirms free over to the vendor's page, asking it by SIRET", async () => {
    const before = vendor.searches.length;
    const handedOver = await regulator
      .post('/appointments')
      .send({ slotId: await slotId('ExampleSlotSOS1') })
      .expect(202);
    expect(handedOver.body.vendorConfirmation).toBe('confirmed');
    expect(handedOver.body.handOver.url).toContain('origin=sas');
    const asked = vendor.searches.slice(before);
    expect(asked).toHaveLength(1);
    expect(asked[0].pathname).toBe('/fhir/Schedule');
    expect(asked[0].searchParams.get('actor:Location.organization.identifier')).toBe(
      `urn:oid:1.2.250.1.71.4.2.2|3${GUIDE_SOS_SIRET}`,
    );
  });

  it('refuses with 409 slot-taken-at-vendor, and withdraws the slot, when the vendor no longer offers it', async () => {
    const id = await slotId('ExampleSlotSOS2');
    vendor.bundle.entry = vendor.bundle.entry.filter((e) => e.resource.id !== 'ExampleSlotSOS2');
    const refused = await regulator.post('/appointments').send({ slotId: id }).expect(409);
    expect(refused.body.reason).toBe('slot-taken-at-vendor');
    expect((await statuses()).ExampleSlotSOS2).toBe('booked-elsewhere');
  });

  it('hands over anyway, marked unconfirmed, when the vendor does not answer within the budget', async () => {
    vendor.behave('hang');
    const started = Date.now();
    const handedOver = await regulator
      .post('/appointments')
      .send({ slotId: await slotId('ExampleSlotSOS1b') })
      .expect(202);
    expect(handedOver.body.vendorConfirmation).toBe('unconfirmed');
    expect(Date.now() - started).toBeLessThan(1500);
    vendor.behave('ok');
  });

  it("asks no vendor for the association's own API slot", async () => {
    const before = vendor.searches.length;
    const booked = await regulator.post('/appointments').send({ slotId: ownSlot }).expect(201);
    expect(booked.body.vendorConfirmation).toBeUndefined();
    expect(vendor.searches.length).toBe(before);
  });
});
