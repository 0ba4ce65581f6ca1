/* eslint-disable @typescript-eslint/no-explicit-any -- the checks read JSON answers */
import { DataSource } from 'typeorm';
import { AppModule as MatchingModule } from '../../apps/matching/src/app.module';
import { AppModule as SchedulingModule } from '../../apps/scheduling/src/app.module';
import { useIsolatedEnvironment } from '../support/isolated-environment';
import { Caller, eventually, RunningService, startService, waitUntilReady } from '../support/running-service';
import { rpps } from '../support/scheduling-fixtures';
import { adminToken, practiceToken, regulatorToken } from '../support/tokens';
import { startTokenServer } from './oauth-token-server';

/**
 * The SAS pulls from a vendor's FHIR server: here another scheduling deployment (its own
 * database and topic prefix), whose `GET /fhir/Slot` is the guide's search.
 */
describe('pulling slots from an agenda vendor (INT_R01) over real HTTP', () => {
  let vendorSide: RunningService;
  let sas: RunningService;
  let matching: RunningService;
  let tokenServer: Awaited<ReturnType<typeof startTokenServer>>;
  let admin: Caller;
  const practitioners: { rpps: string; practice: Caller; practitionerId: string; placeId: string; slotId?: string }[] = [];
  const stem = 3_000_000_000 + Math.floor(Math.random() * 1e8);
  const slotStart = (i: number) => new Date(Math.ceil(Date.now() / 3600_000) * 3600_000 + (2 + (i % 20)) * 3600_000);

  beforeAll(async () => {
    process.env.SAS_PULL_SECRET = 'not-a-real-secret-1';
    await useIsolatedEnvironment('vendor_side');
    vendorSide = await startService('scheduling', SchedulingModule);
    for (let i = 0; i < 60; i++) {
      const number = rpps(stem + i);
      const practice = vendorSide.as(await practiceToken({ rpps: [number] }));
      const practitioner = await practice
        .post('/practitioners')
        .send({ rpps: number, profession: 'general-practitioner', specialties: ['SM54'] })
        .expect(201);
      const place = await practice
        .post('/places')
        .send({
          practitionerId: practitioner.body.id,
          communeCode: '92044',
          addressLine: '10 rue Voltaire',
          postalCode: '92300',
          city: 'Levallois-Perret',
          latitude: 48.8939,
          longitude: 2.2879,
        })
        .expect(201);
      const start = slotStart(i);
      const slot = await practice
        .post('/slots')
        .send({
          practitionerId: practitioner.body.id,
          placeId: place.body.id,
          start: start.toISOString(),
          end: new Date(start.getTime() + 20 * 60_000).toISOString(),
          visibility: ['SNP'],
          modes: ['AMB'],
        })
        .expect(201);
      practitioners.push({
        rpps: number,
        practice,
        practitionerId: practitioner.body.id,
        placeId: place.body.id,
        slotId: slot.body.id,
      });
    }
    tokenServer = await startTokenServer({ id: 'sas-idf', secret: process.env.SAS_PULL_SECRET }, () => regulatorToken(['92']));

    await useIsolatedEnvironment('vendor_pull_sas');
    [sas, matching] = await Promise.all([startService('scheduling', SchedulingModule), startService('matching', MatchingModule)]);
    await Promise.all([waitUntilReady(sas), waitUntilReady(matching)]);
    admin = sas.as(await adminToken());
  }, 180_000);

  afterAll(async () => {
    await Promise.all([sas?.close(), matching?.close()]);
    await vendorSide?.close();
    await tokenServer?.close();
  });

  const endpoint = () => ({
    baseUrl: `http://127.0.0.1:${vendorSide.app.getHttpServer().address().port}/fhir`,
    flows: ['INT_R01'],
    auth: {
      kind: 'oauth2-client-credentials',
      tokenUrl: tokenServer.url,
      clientId: 'sas-idf',
      clientSecretEnv: 'SAS_PULL_SECRET',
    },
    pollIntervalSeconds: 3600,
  });

  it('pulls 60 practitioners in 3 searches of at most 25, and matching finds the slots', async () => {
    const registered = await admin
      .put('/vendors/agenda-voisin')
      .send({ name: 'Agenda voisin', practitionerRpps: practitioners.map((p) => p.rpps), structureIds: [], endpoint: endpoint() })
      .expect(200);
    expect(JSON.stringify(registered.body)).not.toContain(process.env.SAS_PULL_SECRET);
    const report = (await admin.post('/vendors/agenda-voisin/poll').expect(200)).body;
    expect(report).toMatchObject({ requests: 3, failedQueries: 0, slotsReceived: 60 });

    const pulled = new Set<string>(
      (
        await sas.app.get(DataSource).query(`SELECT id FROM scheduling.slot WHERE vendor = 'agenda-voisin' AND status = 'free'`)
      ).map((r: any) => r.id),
    );
    expect(pulled.size).toBe(60);
    const searcher = matching.as(await regulatorToken(['92']));
    // The search answers at most 20; every one of them is a pulled slot (the SAS holds no other).
    const found = await eventually(
      async () => {
        const res = await searcher.get('/search').query({ commune: '92044', limit: 100 }).expect(200);
        return res.body.results.length >= 20 ? res.body.results : undefined;
      },
      20_000,
      'the pulled slots in matching',
    );
    expect(found.every((s: any) => pulled.has(s.slotId))).toBe(true);
  });

  it.each([
    ['an http URL outside localhost', { endpoint: { baseUrl: 'http://fhir.vendor.example/fhir' } }, 'endpoint.baseUrl'],
    ['an unknown flow', { endpoint: { flows: ['INT_R09'] } }, 'endpoint.flows[0]'],
    ['an RPPS with a wrong key', { practitionerRpps: ['10000000001'] }, 'practitionerRpps[0]'],
    ['missing credentials', { endpoint: { auth: undefined } }, 'endpoint.auth'],
  ])('refuses a registration with %s: 400 naming the field, nothing stored', async (_, change: any, field) => {
    const body = {
      name: 'Refusé',
      practitionerRpps: [practitioners[0].rpps],
      structureIds: [],
      ...change,
      endpoint: { ...endpoint(), ...change.endpoint },
    };
    const res = await admin.put('/vendors/refused-vendor').send(body).expect(400);
    expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    await admin.get('/vendors/refused-vendor').expect(404);
  });

  it('a slot booked at the vendor disappears after the next poll; nothing else changes', async () => {
    const target = practitioners[7];
    await vendorSide
      .as(await regulatorToken(['92']))
      .post('/appointments')
      .send({ slotId: target.slotId })
      .expect(201);
    const report = (await admin.post('/vendors/agenda-voisin/poll').expect(200)).body;
    expect(report).toMatchObject({ requests: 3, failedQueries: 0, slotsReceived: 59 });
    const fhir = sas.as(await adminToken());
    const search = await fhir
      .get('/fhir/Slot')
      .query({
        start: [`ge${new Date().toISOString()}`, `le${new Date(Date.now() + 48 * 3600_000).toISOString()}`],
        status: 'free',
        'schedule.actor:Practitioner.identifier': `urn:oid:1.2.250.1.71.4.2.1|8${target.rpps}`,
      })
      .expect(200);
    expect(JSON.parse(search.text).total).toBe(0);
  });
});
