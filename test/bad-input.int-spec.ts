import { DataSource } from 'typeorm';
import { AppModule as IndicatorsModule } from '../apps/indicators/src/app.module';
import { AppModule as MatchingModule } from '../apps/matching/src/app.module';
import { AppModule as OrientationModule } from '../apps/orientation/src/app.module';
import { AppModule as SchedulingModule } from '../apps/scheduling/src/app.module';
import { Bundle } from '../apps/scheduling/src/fhir/fhir-types';
import { GUIDE_EXAMPLE_RPPS, guideExampleBundle } from '../apps/scheduling/src/fhir/fixtures/guide-example-bundle';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { RunningService, startService } from './support/running-service';
import { practitionerWithPlace, slotBody } from './support/scheduling-fixtures';
import { adminToken, biToken, regulatorToken, vendorToken } from './support/tokens';

type Test = ReturnType<RunningService['http']['get']>;

/**
 * Input that looked valid and failed later with a 500 (in SQL, in the event contract at
 * the outbox, or in a recursive walk) is a 400 naming the field, before anything changes.
 */
describe('bad input is a 400 naming the field, never a 500', () => {
  let scheduling: RunningService;
  let matching: RunningService;
  let indicators: RunningService;
  let orientation: RunningService;
  let owner: Awaited<ReturnType<typeof practitionerWithPlace>>;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  let regulator: { authorization: string };

  beforeAll(async () => {
    await useIsolatedEnvironment('badinput');
    [scheduling, matching, indicators, orientation] = await Promise.all([
      startService('scheduling', SchedulingModule),
      startService('matching', MatchingModule),
      startService('indicators', IndicatorsModule),
      startService('orientation', OrientationModule),
    ]);
    owner = await practitionerWithPlace(scheduling);
    regulator = auth(await regulatorToken(['92'], 'gp-regulator'));
  });

  afterAll(() => Promise.all([scheduling, matching, indicators, orientation].map((s) => s?.close())));

  async function refused(request: Test, field: string, reason: RegExp) {
    const res = await request;
    expect({ status: res.status, body: res.body }).toMatchObject({
      status: 400,
      body: { errors: expect.arrayContaining([{ field, reason: expect.stringMatching(reason) }]) },
    });
  }

  it('refuses U+0000 in stored text and in queries', async () => {
    await refused(
      owner.practice
        .post('/practitioners')
        .send({ rpps: owner.rpps, profession: 'general-practitioner', familyName: 'Mar\u0000tin' }),
      'familyName',
      /NUL/,
    );
    await refused(
      owner.practice.post('/slots').send({ ...slotBody(owner, 100), specialties: ['SM\u000054'] }),
      'specialties[0]',
      /NUL/,
    );
    await refused(matching.http.get('/search').query({ commune: '92044\u0000' }).set(regulator), 'commune', /NUL/);
  });

  it('refuses impossible calendar dates and years PostgreSQL does not have', async () => {
    const bi = auth(await biToken());
    await refused(indicators.http.get('/indicators/event-counts').query({ day: '2026-02-30' }).set(bi), 'day', /calendar date/);
    await refused(
      indicators.http.get('/indicators').query({ from: '0000-01-01', to: '0000-01-31' }).set(bi),
      'from',
      /calendar date/,
    );
    const rule = {
      practitionerId: owner.practitionerId,
      placeId: owner.placeId,
      weekdays: [1],
      periods: [{ start: '08:00', end: '09:00' }],
      slotMinutes: 20,
      visibility: ['SNP'],
      modes: ['AMB'],
    };
    await refused(owner.practice.post('/opening-rules').send({ ...rule, validFrom: '2026-02-30' }), 'validFrom', /calendar date/);
  });

  it('refuses date-times without an offset, date-only slot starts, and an audit window ending before it starts', async () => {
    const slot = slotBody(owner, 200);
    await refused(owner.practice.post('/slots').send({ ...slot, start: slot.start.replace('Z', '') }), 'start', /offset/);
    await refused(owner.practice.post('/slots').send({ ...slot, start: slot.start.slice(0, 10) }), 'start', /offset/);
    await refused(
      scheduling.http
        .get('/audit')
        .query({ from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' })
        .set(auth(await adminToken())),
      'to',
      /before from/,
    );
  });

  it('refuses empty, overlong and too many specialties at the edge (the event contract refused some at the outbox)', async () => {
    await refused(
      owner.practice.post('/slots').send({ ...slotBody(owner, 300), specialties: [''] }),
      'specialties',
      /1 to 100 characters/,
    );
    await refused(
      owner.practice.post('/slots').send({ ...slotBody(owner, 300), specialties: ['x'.repeat(200_000)] }),
      'specialties',
      /1 to 100 characters/,
    );
    await refused(
      owner.practice.post('/slots').send({ ...slotBody(owner, 300), specialties: Array.from({ length: 21 }, (_, i) => `S${i}`) }),
      'specialties',
      /no more than 20/,
    );
    await refused(
      owner.practice.post('/practitioners').send({ rpps: owner.rpps, profession: 'general-practitioner', specialties: [''] }),
      'specialties',
      /1 to 100 characters/,
    );
  });

  it('refuses JSON nested 5,000 deep', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const res = await owner.practice.post('/slots').set('content-type', 'application/json').send(`{"specialties":${deep}}`);
    expect({ status: res.status, reason: res.body.errors?.[0]?.reason }).toEqual({
      status: 400,
      reason: 'is nested deeper than 32 levels',
    });
  });

  it('refuses a search window of more than 31 days', async () => {
    const from = new Date(Date.now() + 3600_000);
    const to = new Date(from.getTime() + 400 * 86_400_000);
    await refused(
      matching.http.get('/search').query({ commune: '92044', from: from.toISOString(), to: to.toISOString() }).set(regulator),
      'to',
      /at most 31 days/,
    );
  });

  it('refuses a patient contact sent as an array instead of dropping it, and a call time without offset', async () => {
    const kase = {
      territory: '92',
      channel: '15',
      communeCode: '92044',
      ageBand: '26-45',
      reasonCategory: 'fever',
      hasTreatingDoctor: false,
    };
    const caller = auth(await regulatorToken(['92'], 'call-taker'));
    await refused(
      orientation.http
        .post('/cases')
        .set(caller)
        .send({ ...kase, patientContact: [{ phone: '+33 6 00 00 00 00' }] }),
      'patientContact',
      /must be an object/,
    );
    await refused(
      orientation.http
        .post('/cases')
        .set(caller)
        .send({ ...kase, callReceivedAt: '2026-12-01T10:00:00' }),
      'callReceivedAt',
      /offset/,
    );
  });

  it('names the body, the path or the parameter when the HTTP layer cannot read them', async () => {
    await refused(
      owner.practice.post('/slots').set('content-type', 'application/json').send('"just a string"'),
      '(body)',
      /not JSON/,
    );
    await refused(owner.practice.post('/slots').set('content-type', 'application/json').send('{"start":'), '(body)', /not JSON/);
    await refused(
      owner.practice
        .post('/slots')
        .set('content-type', 'application/json')
        .serialize((raw: Buffer) => raw as unknown as string)
        .send(Buffer.from('{"bookingUrl":"https://a.example/\xff"}', 'latin1')),
      '(body)',
      /not valid UTF-8/,
    );
    await refused(owner.practice.get('/slots/%ED%A0%80'), '(path)', /percent-encoded/);
    await refused(owner.practice.get('/slots/not-a-uuid'), 'id', /must be a UUID/);
  });

  it('refuses a vendor Bundle with a javascript: booking URL or a latitude of 999 or "abc", storing nothing', async () => {
    const admin = scheduling.as(await adminToken());
    await admin
      .put('/vendors/bad-input-vendor')
      .send({ name: 'Bad input', practitionerRpps: GUIDE_EXAMPLE_RPPS, structureIds: [] })
      .expect(200);
    const vendor = scheduling.as(await vendorToken('bad-input-vendor'));
    const db = scheduling.app.get(DataSource);
    const slots = async () => (await db.query('SELECT count(*)::int AS n FROM scheduling.slot'))[0].n as number;
    const before = await slots();
    const day = new Date(Date.now() + 86400_000);
    const resources = (bundle: Bundle, type: string) =>
      bundle.entry!.map((e) => e.resource as unknown as Record<string, unknown>).filter((r) => r.resourceType === type);
    const withUrl = guideExampleBundle(day);
    resources(withUrl, 'Slot')[0].comment = 'javascript:alert(document.cookie)';
    const refusedUrl = await vendor.post('/fhir').set('content-type', 'application/fhir+json').send(JSON.stringify(withUrl));
    expect({
      status: refusedUrl.status,
      type: refusedUrl.body.resourceType,
      text: JSON.stringify(refusedUrl.body.issue),
    }).toMatchObject({ status: 400, type: 'OperationOutcome', text: expect.stringContaining('not javascript:') });
    for (const latitude of [999, 'abc']) {
      const withPosition = guideExampleBundle(day);
      const role = resources(withPosition, 'PractitionerRole')[0] as {
        contained: { resourceType: string; position?: unknown }[];
      };
      role.contained.find((c) => c.resourceType === 'Location')!.position = { latitude, longitude: 2.29 };
      const refused = await vendor.post('/fhir').set('content-type', 'application/fhir+json').send(JSON.stringify(withPosition));
      expect({ status: refused.status, text: JSON.stringify(refused.body.issue) }).toMatchObject({
        status: 400,
        text: expect.stringContaining('position.latitude'),
      });
    }
    expect(await slots()).toBe(before);
  });
});
