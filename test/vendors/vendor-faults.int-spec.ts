import { DataSource } from 'typeorm';
import { AppModule as SchedulingModule } from '../../apps/scheduling/src/app.module';
import { useIsolatedEnvironment } from '../support/isolated-environment';
import { Caller, eventually, RunningService, startService } from '../support/running-service';
import { practitionerWithPlace, rpps, slotBody } from '../support/scheduling-fixtures';
import { adminToken, regulatorToken } from '../support/tokens';
import { startTestVendorServer, TestVendorServer } from './test-vendor-server';

const STALE_MS = 10_000;
const COOL_DOWN_MS = 2000;

/**
 * The outside world misbehaves: a vendor that hangs, fails, throttles or answers nonsense
 * costs its own slots (after the staleness limit) and nothing else.
 */
describe('vendor faults', () => {
  let sas: RunningService;
  let db: DataSource;
  let admin: Caller;
  let steady: TestVendorServer;
  let faulty: TestVendorServer;
  let ownSlotId: string;
  const stem = 4_000_000_000 + Math.floor(Math.random() * 1e8);
  const steadyRpps = Array.from({ length: 5 }, (_, i) => rpps(stem + i));
  const faultyRpps = Array.from({ length: 30 }, (_, i) => rpps(stem + 100 + i));
  const saved = { ...process.env };

  const register = (id: string, server: TestVendorServer, covered: string[], pollIntervalSeconds: number) =>
    admin
      .put(`/vendors/${id}`)
      .send({
        name: id,
        practitionerRpps: covered,
        structureIds: [],
        endpoint: {
          baseUrl: server.url,
          flows: ['INT_R01'],
          auth: { kind: 'mtls', certEnv: 'NO_CERT_NEEDED', keyEnv: 'NO_KEY_NEEDED' },
          pollIntervalSeconds,
          timeoutMs: 400,
        },
      })
      .expect(200);
  const poll = async (id: string) => (await admin.post(`/vendors/${id}/poll`).expect(200)).body;
  const free = async (vendor: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM scheduling.slot WHERE vendor = $1 AND status = 'free'`, [vendor]))[0].n);
  const ownStatus = async () => (await db.query(`SELECT status FROM scheduling.slot WHERE id = $1`, [ownSlotId]))[0].status;

  beforeAll(async () => {
    Object.assign(process.env, {
      VENDOR_FRESHNESS_BUDGET_MS: '500',
      VENDOR_STALE_AFTER_MS: String(STALE_MS),
      VENDOR_BREAKER_THRESHOLD: '2',
      VENDOR_BREAKER_COOL_DOWN_MS: String(COOL_DOWN_MS),
    });
    // Plain http on loopback: the "certificate" is never presented, but the credentials must exist.
    Object.assign(process.env, { NO_CERT_NEEDED: 'cert', NO_KEY_NEEDED: 'key' });
    await useIsolatedEnvironment('vendor_faults');
    [steady, faulty] = await Promise.all([startTestVendorServer(), startTestVendorServer()]);
    sas = await startService('scheduling', SchedulingModule);
    db = sas.app.get(DataSource);
    admin = sas.as(await adminToken());
    const own = await practitionerWithPlace(sas);
    ownSlotId = (
      await own.practice
        .post('/slots')
        .send(slotBody(own, 24 * 60))
        .expect(201)
    ).body.id;
    await register('steady', steady, steadyRpps, 1);
    await register('faulty', faulty, faultyRpps, 3600);
    expect(await poll('faulty')).toMatchObject({ requests: 2, failedQueries: 0, slotsReceived: 30 });
    await eventually(async () => ((await free('steady')) === 5 ? true : undefined), 10_000, 'the steady vendor polled');
  }, 120_000);

  afterAll(async () => {
    await sas?.close();
    await Promise.all([steady?.close(), faulty?.close()]);
    process.env = saved;
  });

  it('a hanging vendor times out, opens its breaker, and neither delays the other vendor nor the search', async () => {
    faulty.behave('hang');
    const steadyBefore = steady.requests.length;
    const searchTimes: number[] = [];
    const regulatorSearch = async () => {
      const t = Date.now();
      await admin
        .get('/fhir/Slot')
        .query({
          start: [`ge${new Date().toISOString()}`, `le${new Date(Date.now() + 48 * 3600_000).toISOString()}`],
          status: 'free',
          'schedule.actor:Practitioner.identifier': `urn:oid:1.2.250.1.71.4.2.1|8${steadyRpps[0]}`,
        })
        .expect(200);
      searchTimes.push(Date.now() - t);
    };
    const started = Date.now();
    const [first] = await Promise.all([poll('faulty'), regulatorSearch(), regulatorSearch()]);
    // 2 searches × 3 attempts, each cut at 400 ms.
    expect(first).toMatchObject({ failedQueries: 2, slotsReceived: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect(await poll('faulty')).toMatchObject({ failedQueries: 2 });
    const status = (await admin.get('/vendors/faulty').expect(200)).body;
    expect(status.pull).toMatchObject({ breaker: 'open' });
    expect(status.pull.errors.timeout).toBeGreaterThanOrEqual(6);
    // While open, the vendor is not called at all.
    const calls = faulty.requests.length;
    expect(await poll('faulty')).toMatchObject({ skippedByBreaker: true, requests: 0 });
    expect(faulty.requests.length).toBe(calls);
    // The steady vendor kept its one-second rhythm throughout.
    const elapsed = (Date.now() - started) / 1000;
    expect(steady.requests.length - steadyBefore).toBeGreaterThanOrEqual(Math.floor(elapsed) - 2);
    expect(Math.max(...searchTimes)).toBeLessThan(1000);
    expect(await free('faulty')).toBe(30);
  });

  it('withdraws the unreachable vendor’s slots after the staleness limit, and only those', async () => {
    await eventually(
      async () => {
        await poll('faulty');
        return (await free('faulty')) === 0 ? true : undefined;
      },
      STALE_MS + 5000,
      'stale slots withdrawn',
    );
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM scheduling.outbox WHERE payload LIKE '%"reason":"vendor-unreachable"%'`,
    );
    expect(n).toBe(30);
    expect(await free('steady')).toBe(5);
    expect(await ownStatus()).toBe('free');
  });

  it('closes the breaker and brings the slots back when the vendor answers again', async () => {
    faulty.behave('ok');
    await new Promise((r) => setTimeout(r, COOL_DOWN_MS));
    expect(await poll('faulty')).toMatchObject({ failedQueries: 0, slotsReceived: 30 });
    expect((await admin.get('/vendors/faulty').expect(200)).body.pull.breaker).toBe('closed');
    expect(await free('faulty')).toBe(30);
    expect(await ownStatus()).toBe('free');
  });

  it('retries a 500, waits as long as a 429 says, and keeps slots through a bad answer', async () => {
    faulty.behave('error-500');
    let before = faulty.requests.length;
    expect(await poll('faulty')).toMatchObject({ failedQueries: 2 });
    expect(faulty.requests.length - before).toBe(6);

    faulty.behave('throttle-429');
    before = faulty.requests.length;
    expect(await poll('faulty')).toMatchObject({ failedQueries: 0, slotsReceived: 30 });
    const [throttled, retried] = faulty.requests.slice(before).filter((r) => r.rpps.includes(faultyRpps[0]));
    expect(retried.at - throttled.at).toBeGreaterThanOrEqual(950);

    for (const b of ['garbage', 'operation-outcome'] as const) {
      faulty.behave(b);
      expect(await poll('faulty')).toMatchObject({ failedQueries: 2, slotsReceived: 0 });
      expect(await free('faulty')).toBe(30);
    }
    const errors = (await admin.get('/vendors/faulty').expect(200)).body.pull.errors;
    expect(errors).toMatchObject({
      'http-5xx': expect.any(Number),
      'http-429': 1,
      'invalid-bundle': expect.any(Number),
      'operation-outcome': expect.any(Number),
    });
    expect(await ownStatus()).toBe('free');
  });

  it('a slot wrong for one practitioner leaves the others’ slots synced', async () => {
    faulty.behave('ok');
    await new Promise((r) => setTimeout(r, COOL_DOWN_MS));
    await poll('faulty');
    faulty.taken.add(faultyRpps[3]);
    faulty.behave('one-bad-slot');
    const report = await poll('faulty');
    // The first practitioner of each search sends an unknown mode: its slot is left as it was.
    expect(report).toMatchObject({ slotsReceived: 27 });
    expect(await free('faulty')).toBe(29);
    const metrics = (await admin.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/sas_vendor_requests_total\{vendor="faulty",flow="INT_R01"\} \d+/);
    expect(metrics).toMatch(/sas_vendor_slots_held\{vendor="faulty"\} 29/);
    expect(metrics).not.toContain(faulty.url);
  });

  describe('freshness at booking', () => {
    const slotOf = async (r: string) =>
      (
        await db.query(
          `SELECT s.id FROM scheduling.slot s JOIN scheduling.practitioner p ON p.id = s.practitioner_id WHERE p.rpps = $1 AND s.vendor = 'faulty'`,
          [r],
        )
      )[0].id as string;
    let regulator: Caller;
    beforeAll(async () => {
      regulator = sas.as(await regulatorToken(['92']));
      faulty.behave('ok');
      faulty.taken.clear();
      await new Promise((r) => setTimeout(r, COOL_DOWN_MS));
      await poll('faulty');
    });

    it('hands a pulled slot the vendor confirms as still free over to the vendor, and says so', async () => {
      const handedOver = await regulator
        .post('/appointments')
        .send({ slotId: await slotOf(faultyRpps[10]) })
        .expect(202);
      expect(handedOver.body.vendorConfirmation).toBe('confirmed');
      expect(handedOver.body.handOver.url).toContain('origin=sas');
    });

    it('refuses with 409 slot-taken-at-vendor, and withdraws the slot, when the vendor no longer offers it', async () => {
      const slotId = await slotOf(faultyRpps[11]);
      faulty.taken.add(faultyRpps[11]);
      const refused = await regulator.post('/appointments').send({ slotId }).expect(409);
      expect(refused.body.reason).toBe('slot-taken-at-vendor');
      expect((await db.query(`SELECT status FROM scheduling.slot WHERE id = $1`, [slotId]))[0].status).toBe('booked-elsewhere');
      await regulator.post('/appointments').send({ slotId }).expect(409);
    });

    it('hands over anyway, marked unconfirmed, when the vendor does not answer within the budget', async () => {
      faulty.behave('hang');
      const started = Date.now();
      const handedOver = await regulator
        .post('/appointments')
        .send({ slotId: await slotOf(faultyRpps[12]) })
        .expect(202);
      expect(handedOver.body.vendorConfirmation).toBe('unconfirmed');
      expect(Date.now() - started).toBeLessThan(1500);
      faulty.behave('ok');
    });

    it('asks no vendor for a slot of our own API', async () => {
      // The faulty vendor is polled only on demand here, so any request to it would be the booking's.
      const calls = faulty.requests.length;
      const booked = await regulator.post('/appointments').send({ slotId: ownSlotId }).expect(201);
      expect(booked.body.vendorConfirmation).toBeUndefined();
      expect(faulty.requests.length).toBe(calls);
    });
  });
});
