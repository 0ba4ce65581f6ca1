import { INestApplication } from '@nestjs/common';
import { signDevelopmentToken } from '@sas/auth';
import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { Service, startAllServices } from './support/all-services';
import { eventually, RunningService } from './support/running-service';
import { practitionerWithPlace, slotBody } from './support/scheduling-fixtures';
import { adminToken, biToken, practiceToken, regulatorToken, tokenFor, vendorToken } from './support/tokens';

/**
 * Every endpoint of the four services × every kind of caller → the expected status, and
 * nothing changed by a refused request. Allowed callers get neither 401 nor 403 (their
 * request may still be invalid or conflict); callers without a valid token get 401; the
 * others 403. Regulators come in every function (GP regulator, SNP operator, call-taker,
 * supervisor), in the data's territory (92) or another (75), with an active or a
 * deactivated account: the same rules hold in scheduling and matching as in orientation.
 */
type Who =
  | 'none'
  | 'expired'
  | 'wrongKey'
  | 'practice'
  | 'otherPractice'
  | 'secretariat'
  | 'coordinator'
  | 'vendor'
  | 'otherVendor'
  | 'regulator'
  | 'snpOperator'
  | 'callTaker'
  | 'supervisor'
  | 'otherTerritory'
  | 'deactivated'
  | 'deactivatedSupervisor'
  | 'bi'
  | 'admin'
  | 'service';
const EVERYONE: Who[] = [
  'none',
  'expired',
  'wrongKey',
  'practice',
  'otherPractice',
  'secretariat',
  'coordinator',
  'vendor',
  'otherVendor',
  'regulator',
  'snpOperator',
  'callTaker',
  'supervisor',
  'otherTerritory',
  'deactivated',
  'deactivatedSupervisor',
  'bi',
  'admin',
  'service',
];
const UNAUTHENTICATED: Who[] = ['none', 'expired', 'wrongKey'];
interface Row {
  service: Service;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The route as the router declares it, and the concrete path called. */
  route: string;
  path: string;
  body?: object;
  allow: Who[] | 'public';
}

describe('access control: every endpoint × every caller', () => {
  const services = {} as Record<Service, RunningService>;
  const tokens = {} as Record<Who, string | undefined>;
  const rows: Row[] = [];

  beforeAll(async () => {
    await useIsolatedEnvironment('access');
    Object.assign(services, await startAllServices());

    // A practice with a place, a free slot, a booked slot and an opening rule; another practice; a vendor covering the first.
    const mine = await practitionerWithPlace(services.scheduling, '92044');
    const other = await practitionerWithPlace(services.scheduling, '92044');
    // A second practitioner of the same practice, with its place, for the retirement rows.
    const retiree = await practitionerWithPlace(services.scheduling, '92044');
    Object.assign(tokens, {
      none: undefined,
      expired: await tokenFor({ role: 'admin', ttlSeconds: -60 }),
      wrongKey: await signDevelopmentToken({ role: 'admin' }, new Uint8Array(32).fill(9)),
      practice: await practiceToken({ rpps: [mine.rpps, retiree.rpps] }),
      otherPractice: await practiceToken({ rpps: [other.rpps] }),
      // A secretariat acting for the first practice; the coordinator of a CPTS it is a member of.
      secretariat: await tokenFor({
        role: 'secretariat',
        subject: 'matrix-secretariat',
        practitionerRpps: [mine.rpps, retiree.rpps],
      }),
      coordinator: await tokenFor({ role: 'cpts-coordinator', subject: 'matrix-coordinator', cptsId: 'matrix-cpts' }),
      vendor: await vendorToken('matrix-vendor'),
      otherVendor: await vendorToken('other-vendor'),
      regulator: await regulatorToken(['92'], 'gp-regulator', 'matrix-gp'),
      supervisor: await regulatorToken(['92'], 'supervisor', 'matrix-supervisor'),
      otherTerritory: await regulatorToken(['75'], 'gp-regulator', 'matrix-75'),
      snpOperator: await regulatorToken(['92'], 'snp-operator', 'matrix-snp'),
      callTaker: await regulatorToken(['92'], 'call-taker', 'matrix-arm'),
      deactivated: await regulatorToken(['92'], 'gp-regulator', 'matrix-deactivated'),
      deactivatedSupervisor: await regulatorToken(['92'], 'supervisor', 'matrix-deactivated-supervisor'),
      bi: await biToken(),
      admin: await adminToken(),
      service: await tokenFor({ role: 'service', subject: 'service:matrix' }),
    });
    const as = (who: Who) => (tokens[who] ? { authorization: `Bearer ${tokens[who]}` } : {});
    const s = services.scheduling.http;
    await s
      .put('/vendors/matrix-vendor')
      .set(as('admin'))
      .send({ name: 'Matrix', practitionerRpps: [mine.rpps], structureIds: [] })
      .expect(200);
    await s
      .put('/cpts/matrix-cpts')
      .set(as('admin'))
      .send({ name: 'CPTS Matrix', practitionerRpps: [mine.rpps], structureIds: [], communes: ['92044'] })
      .expect(200);
    const slot = (await s.post('/slots').set(as('practice')).send(slotBody(mine, 600)).expect(201)).body.id;
    const bookedSlot = (await s.post('/slots').set(as('practice')).send(slotBody(mine, 700)).expect(201)).body.id;
    const appointment = (await s.post('/appointments').set(as('regulator')).send({ slotId: bookedSlot }).expect(201)).body.id;
    const rule = (await s.post('/opening-rules').set(as('practice')).send(ruleBody(mine, '2030-01-07')).expect(201)).body.id;
    const structure = (
      await s
        .post('/structures')
        .set(as('admin'))
        .send({ siret: '44200000000012', kind: STRUCTURE_KIND, name: 'MSP des Tilleuls' })
        .expect(201)
    ).body.id;
    const o = services.orientation.http;
    const kase = (
      await o
        .post('/cases')
        .set(as('regulator'))
        .send({
          territory: '92',
          channel: '116117',
          communeCode: '92044',
          ageBand: '26-45',
          reasonCategory: 'fever',
          hasTreatingDoctor: false,
        })
        .expect(201)
    ).body.id;
    // Two accounts deactivated by an admin in orientation; scheduling and matching learn it from orientation's event.
    for (const [localId, role] of [
      ['matrix-deactivated', 'gp-regulator'],
      ['matrix-deactivated-supervisor', 'supervisor'],
    ]) {
      const id = (
        await o
          .post('/regulators')
          .set(as('admin'))
          .send({ localId, role, territories: ['92'] })
          .expect(201)
      ).body.id;
      await o.post(`/regulators/${id}/deactivate`).set(as('admin')).expect(200);
    }
    for (const [service, probe] of [
      [services.scheduling, `/slots/${slot}`],
      [services.matching, '/coverage?departement=92'],
    ] as const) {
      await eventually(
        async () => ((await service.http.get(probe).set(as('deactivated'))).status === 403 ? true : undefined),
        20_000,
        'deactivation known',
      );
    }
    const account = (
      await o
        .post('/regulators')
        .set(as('admin'))
        .send({ localId: 'matrix-target', role: 'call-taker', territories: ['92'] })
        .expect(201)
    ).body.id;

    // The other practice's webhook endpoint: its agenda has no appointment, so nothing is delivered while the matrix runs.
    const webhook = (await s.post('/webhooks').set(as('otherPractice')).send({ url: 'https://127.0.0.1:9/matrix' }).expect(201))
      .body.id;

    const slotFields = slotBody(mine, 900);
    const add = (service: Service, method: Row['method'], route: string, allow: Row['allow'], path = route, body?: object) =>
      rows.push({ service, method, route, path, body, allow });
    // Any active regulator; those who may search and book (not a call-taker); those of the data's territory among them.
    const REGULATORS: Who[] = ['regulator', 'snpOperator', 'callTaker', 'supervisor', 'otherTerritory'];
    const BOOKERS: Who[] = ['regulator', 'snpOperator', 'supervisor', 'otherTerritory'];
    const BOOKERS_92: Who[] = ['regulator', 'snpOperator', 'supervisor'];
    // scheduling
    add('scheduling', 'get', '/health/live', 'public');
    add('scheduling', 'get', '/health/ready', 'public');
    add('scheduling', 'post', '/practitioners', ['practice', 'admin'], '/practitioners', {
      rpps: mine.rpps,
      profession: 'general-practitioner',
    });
    add('scheduling', 'get', '/practitioners/:id', ['practice', ...REGULATORS, 'admin'], `/practitioners/${mine.practitionerId}`);
    add('scheduling', 'post', '/structures', ['admin'], '/structures', {
      siret: '44200000000020',
      kind: STRUCTURE_KIND,
      name: 'Centre de santé',
    });
    add('scheduling', 'get', '/structures/:id', [...REGULATORS, 'admin'], `/structures/${structure}`);
    add('scheduling', 'post', '/places', ['practice'], '/places', { practitionerId: mine.practitionerId, communeCode: '92044' });
    add('scheduling', 'get', '/places/:id', ['practice', ...REGULATORS, 'admin'], `/places/${mine.placeId}`);
    // Keeping the directory current: the owner or an admin (the practice owns no structure here).
    add('scheduling', 'patch', '/practitioners/:id', ['practice', 'admin'], `/practitioners/${mine.practitionerId}`, {
      familyName: 'Matrix',
    });
    add('scheduling', 'patch', '/structures/:id', ['admin'], `/structures/${structure}`, {
      name: 'MSP des Tilleuls (Levallois)',
    });
    add('scheduling', 'patch', '/places/:id', ['practice', 'admin'], `/places/${mine.placeId}`, { phone: '01 47 57 00 00' });
    add('scheduling', 'post', '/places/:id/retire', ['practice', 'admin'], `/places/${retiree.placeId}/retire`);
    add(
      'scheduling',
      'post',
      '/practitioners/:id/retire',
      ['practice', 'admin'],
      `/practitioners/${retiree.practitionerId}/retire`,
    );
    add('scheduling', 'post', '/slots', ['practice'], '/slots', slotFields);
    add('scheduling', 'post', '/slots/batch', ['practice'], '/slots/batch', { slots: [slotBody(mine, 1000)] });
    add('scheduling', 'get', '/slots/:id', ['practice', 'coordinator', ...REGULATORS], `/slots/${slot}`);
    add('scheduling', 'patch', '/slots/:id', ['practice'], `/slots/${slot}`, { modes: ['AMB'] });
    add('scheduling', 'post', '/slots/:id/booked-elsewhere', ['practice', 'vendor'], `/slots/${slot}/booked-elsewhere`);
    add('scheduling', 'delete', '/slots/:id', ['practice'], `/slots/${slot}`);
    add('scheduling', 'post', '/opening-rules', ['practice'], '/opening-rules', ruleBody(mine, '2030-02-04'));
    add('scheduling', 'patch', '/opening-rules/:id', ['practice'], `/opening-rules/${rule}`, {
      addExceptions: [{ from: '2030-01-08', to: '2030-01-08', reason: 'training' }],
    });
    add('scheduling', 'post', '/opening-rules/closures', ['practice'], '/opening-rules/closures', {
      placeId: mine.placeId,
      from: '2030-01-09',
      to: '2030-01-09',
    });
    add('scheduling', 'delete', '/opening-rules/:id', ['practice'], `/opening-rules/${rule}`);
    add('scheduling', 'post', '/appointments', BOOKERS, '/appointments', { slotId: '00000000-0000-4000-8000-000000000000' });
    add('scheduling', 'get', '/appointments/:id', ['practice', 'coordinator', ...REGULATORS], `/appointments/${appointment}`);
    add('scheduling', 'post', '/appointments/:id/move', BOOKERS_92, `/appointments/${appointment}/move`, {
      slotId: '00000000-0000-4000-8000-000000000000',
    });
    add('scheduling', 'post', '/appointments/:id/honoured', ['practice', ...BOOKERS_92], `/appointments/${appointment}/honoured`);
    add('scheduling', 'post', '/appointments/:id/no-show', ['practice', ...BOOKERS_92], `/appointments/${appointment}/no-show`);
    // A day's outcomes: an own appointment with a reason only a no-show has → 400 after the access checks (nothing recorded).
    add('scheduling', 'post', '/appointments/outcomes', ['practice', ...BOOKERS_92], '/appointments/outcomes', {
      outcomes: [{ appointmentId: appointment, outcome: 'honoured', reason: 'other' }],
    });
    add(
      'scheduling',
      'post',
      '/appointments/:id/cancel',
      ['practice', ...BOOKERS_92, 'service'],
      `/appointments/${appointment}/cancel`,
      { by: 'patient' },
    );
    add('scheduling', 'get', '/fhir/Slot', [...REGULATORS, 'admin'], '/fhir/Slot?status=free');
    add('scheduling', 'get', '/fhir/Slot/:id', [...REGULATORS, 'admin'], '/fhir/Slot/00000000-0000-4000-8000-000000000000');
    add('scheduling', 'get', '/fhir/Schedule', [...REGULATORS, 'admin'], '/fhir/Schedule?_has:Slot:schedule:status=free');
    add(
      'scheduling',
      'get',
      '/fhir/Schedule/:id',
      [...REGULATORS, 'admin'],
      '/fhir/Schedule/00000000-0000-4000-8000-000000000000',
    );
    add('scheduling', 'get', '/fhir/Practitioner', [...REGULATORS, 'admin'], '/fhir/Practitioner?identifier=810000000009');
    add(
      'scheduling',
      'get',
      '/fhir/Practitioner/:id',
      [...REGULATORS, 'admin'],
      '/fhir/Practitioner/00000000-0000-4000-8000-000000000000',
    );
    add('scheduling', 'get', '/fhir/metadata', 'public');
    add('scheduling', 'get', '/fhir/*path', 'public', '/fhir/Patient');
    // An empty feed concerns no practitioner: any vendor may send it (refusals for others' practitioners: fhir.int-spec).
    add('scheduling', 'post', '/fhir', ['vendor', 'otherVendor'], '/fhir', {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [],
    });
    // A vendor's appointment reports (INT_R03); an incomplete one is refused with 400 (refusals: vendor-appointments.int-spec).
    add('scheduling', 'post', '/fhir/Appointment', ['vendor', 'otherVendor'], '/fhir/Appointment', {
      resourceType: 'Appointment',
    });
    add('scheduling', 'put', '/fhir/Appointment', ['vendor', 'otherVendor'], '/fhir/Appointment?identifier=urn:oid:1.2.3|1', {
      resourceType: 'Appointment',
    });
    add('scheduling', 'put', '/vendors/:id', ['admin'], '/vendors/matrix-vendor', {
      name: 'Matrix',
      practitionerRpps: [mine.rpps],
      structureIds: [],
    });
    add('scheduling', 'get', '/vendors/:id', ['vendor', 'admin'], '/vendors/matrix-vendor');
    add('scheduling', 'post', '/vendors/:id/poll', ['admin'], '/vendors/matrix-vendor/poll');
    add('scheduling', 'get', '/audit', ['supervisor', 'admin'], '/audit');
    const WEBHOOK_OWNERS: Who[] = ['practice', 'otherPractice', 'vendor', 'otherVendor'];
    add('scheduling', 'post', '/webhooks', WEBHOOK_OWNERS, '/webhooks', { url: 'https://127.0.0.1:9/matrix' });
    add('scheduling', 'get', '/webhooks', WEBHOOK_OWNERS);
    add('scheduling', 'get', '/webhooks/:id/deliveries', ['otherPractice'], `/webhooks/${webhook}/deliveries`);
    add('scheduling', 'delete', '/webhooks/:id', ['otherPractice'], `/webhooks/${webhook}`);
    // The practice side's agenda views and calendar feeds (each reader sees its own), and CPTS.
    const AGENDA_READERS: Who[] = ['practice', 'otherPractice', 'secretariat', 'coordinator'];
    add('scheduling', 'get', '/slots', AGENDA_READERS, '/slots?status=free');
    add('scheduling', 'get', '/appointments', AGENDA_READERS, '/appointments?status=booked');
    add('scheduling', 'post', '/agenda/feeds', AGENDA_READERS, '/agenda/feeds', { view: 'appointments' });
    add('scheduling', 'get', '/agenda/feeds', AGENDA_READERS);
    // Nobody's feed: 404 for every reader admitted.
    add('scheduling', 'delete', '/agenda/feeds/:id', AGENDA_READERS, '/agenda/feeds/00000000-0000-4000-8000-000000000000');
    add('scheduling', 'get', '/agenda/calendar/:file', 'public', `/agenda/calendar/${'x'.repeat(43)}.ics`);
    add('scheduling', 'put', '/cpts/:id', ['admin'], '/cpts/matrix-cpts', {
      name: 'CPTS Matrix',
      practitionerRpps: [mine.rpps],
      structureIds: [],
      communes: ['92044'],
    });
    add('scheduling', 'get', '/cpts/:id', ['admin', 'coordinator'], '/cpts/matrix-cpts');
    add(
      'scheduling',
      'get',
      '/cpts/:id/figures',
      ['admin', 'coordinator'],
      '/cpts/matrix-cpts/figures?from=2026-11-01T00:00:00Z&to=2026-11-08T00:00:00Z',
    );
    add('scheduling', 'get', '/metrics', ['admin']);
    // matching
    add('matching', 'get', '/health/live', 'public');
    add('matching', 'get', '/health/ready', 'public');
    add('matching', 'get', '/search', BOOKERS, '/search?commune=92044');
    add('matching', 'post', '/search', BOOKERS, '/search', { commune: '92044' });
    add('matching', 'get', '/search/practitioners-beyond-slots', BOOKERS, '/search/practitioners-beyond-slots?commune=92044');
    add('matching', 'get', '/coverage', [...REGULATORS, 'bi', 'admin'], '/coverage?departement=92');
    add('matching', 'get', '/metrics', ['admin']);
    // orientation
    add('orientation', 'get', '/health/live', 'public');
    add('orientation', 'get', '/health/ready', 'public');
    add('orientation', 'post', '/regulators', ['admin'], '/regulators', {
      localId: 'matrix-new',
      role: 'call-taker',
      territories: ['92'],
    });
    add('orientation', 'get', '/regulators', ['supervisor', 'admin'], '/regulators?territory=92');
    add('orientation', 'get', '/regulators/:id', ['supervisor', 'admin'], `/regulators/${account}`);
    add('orientation', 'put', '/regulators/:id/identity', ['supervisor', 'admin'], `/regulators/${account}/identity`, {
      email: 'matrix@sas.test',
    });
    add('orientation', 'post', '/regulators/:id/deactivate', ['admin'], `/regulators/${account}/deactivate`);
    add('orientation', 'post', '/regulators/:id/reactivate', ['admin'], `/regulators/${account}/reactivate`);
    const CASE_READERS: Who[] = ['regulator', 'snpOperator', 'callTaker', 'supervisor'];
    add('orientation', 'get', '/hub/messages', ['supervisor', 'admin'], '/hub/messages?territory=92');
    const caseBody = {
      territory: '92',
      channel: '15',
      communeCode: '92044',
      ageBand: '26-45',
      reasonCategory: 'fever',
      hasTreatingDoctor: false,
    };
    add('orientation', 'post', '/cases', ['regulator', 'callTaker', 'supervisor'], '/cases', caseBody);
    add('orientation', 'get', '/cases', CASE_READERS, '/cases?territory=92');
    add('orientation', 'get', '/cases/:id', CASE_READERS, `/cases/${kase}`);
    add('orientation', 'get', '/cases/:id/contact', CASE_READERS, `/cases/${kase}/contact`);
    // The patient of a practice's appointment: scheduling decides whose it is (this one has no case → 404 for its practice).
    add('orientation', 'get', '/appointments/:id/patient', ['practice'], `/appointments/${appointment}/patient`);
    add('orientation', 'post', '/cases/:id/triage', ['regulator', 'callTaker', 'supervisor'], `/cases/${kase}/triage`, {
      lifeThreatening: false,
    });
    add('orientation', 'post', '/cases/:id/assessment', ['regulator', 'supervisor'], `/cases/${kase}/assessment`, {
      consultationNeeded: false,
    });
    add('orientation', 'post', '/cases/:id/treating-doctor-attempt', BOOKERS_92, `/cases/${kase}/treating-doctor-attempt`, {
      result: 'unreachable',
    });
    add('orientation', 'post', '/cases/:id/search', BOOKERS_92, `/cases/${kase}/search`, {});
    add('orientation', 'post', '/cases/:id/orientation', BOOKERS_92, `/cases/${kase}/orientation`, { outcome: 'medical-advice' });
    add('orientation', 'get', '/pre-triage/reasons', [...REGULATORS, 'bi', 'admin'], '/pre-triage/reasons');
    add('orientation', 'get', '/pre-triage/protocols/:territory', [...CASE_READERS, 'admin'], '/pre-triage/protocols/92');
    add('orientation', 'put', '/pre-triage/protocols/:territory/:reason', ['admin'], '/pre-triage/protocols/92/sick-leave', {
      outcome: 'treating-doctor',
    });
    add('orientation', 'delete', '/pre-triage/protocols/:territory/:reason', ['admin'], '/pre-triage/protocols/92/sick-leave');
    add('orientation', 'get', '/audit', ['supervisor', 'admin'], '/audit');
    add('orientation', 'get', '/metrics', ['admin']);
    // indicators
    add('indicators', 'get', '/health/live', 'public');
    add('indicators', 'get', '/health/ready', 'public');
    // Supervisors read their territories' indicators (the dashboard's readers: BI, admins, supervisors).
    add('indicators', 'get', '/indicators', ['bi', 'admin', 'supervisor'], '/indicators?from=2026-11-01&to=2026-11-07');
    add('indicators', 'get', '/indicators.csv', ['bi', 'admin', 'supervisor'], '/indicators.csv?from=2026-11-01&to=2026-11-07');
    add('indicators', 'get', '/indicators/definitions', ['bi', 'admin', 'supervisor']);
    add('indicators', 'get', '/indicators/scope', ['bi', 'admin', 'supervisor']);
    add(
      'indicators',
      'get',
      '/indicators/snp-hours-by-weekday-hour',
      ['bi', 'admin', 'supervisor'],
      '/indicators/snp-hours-by-weekday-hour?from=2026-11-01&to=2026-11-07',
    );
    add(
      'indicators',
      'get',
      '/indicators/origin-destination',
      ['bi', 'admin', 'supervisor'],
      '/indicators/origin-destination?from=2026-11-01&to=2026-11-07',
    );
    add(
      'indicators',
      'get',
      '/indicators/origin-destination.csv',
      ['bi', 'admin', 'supervisor'],
      '/indicators/origin-destination.csv?from=2026-11-01&to=2026-11-07',
    );
    for (const path of [
      '/indicators/breakdowns',
      '/indicators/breakdowns.csv',
      '/indicators/slot-utilisation',
      '/indicators/slot-utilisation.csv',
    ])
      add('indicators', 'get', path, ['bi', 'admin', 'supervisor'], `${path}?from=2026-11-01&to=2026-11-07`);
    add('indicators', 'get', '/dashboard', 'public');
    add('indicators', 'get', '/dashboard/config.json', 'public');
    add('indicators', 'get', '/dashboard/communes.json', 'public');
    add('indicators', 'get', '/dashboard/assets/:name', 'public', '/dashboard/assets/main.js');
    add('indicators', 'get', '/indicators/event-counts', ['bi', 'admin'], '/indicators/event-counts?day=2026-11-01');
    // The insurer's payment export: every territory's practitioners, so no regulator (supervisors are scoped).
    add('indicators', 'get', '/indicators/payments', ['bi', 'admin'], '/indicators/payments?month=2026-11');
    add('indicators', 'get', '/indicators/payments.csv', ['bi', 'admin'], '/indicators/payments.csv?month=2026-11');
    add('indicators', 'post', '/indicators/rebuild', ['admin']);
    add('indicators', 'get', '/metrics', ['admin']);
    add('indicators', 'get', '/contracts/asyncapi.json', 'public');
    add('indicators', 'get', '/contracts/schemas', 'public');
    add('indicators', 'get', '/contracts/schemas/:event', 'public', '/contracts/schemas/slot-published');
    // A secretariat may do whatever the practice it acts for may (PRACTICE_SIDE).
    for (const row of rows)
      if (Array.isArray(row.allow) && row.allow.includes('practice') && !row.allow.includes('secretariat'))
        row.allow.push('secretariat');
    for (const service of ['scheduling', 'matching', 'orientation', 'indicators'] as Service[]) {
      add(service, 'get', '/consumers', ['admin']);
      // Resuming consumers that run is harmless; pausing them would stop the services under test.
      add(service, 'post', '/consumers/resume', ['admin']);
      add(service, 'post', '/consumers/pause', ['admin'], '/consumers/pause?group=no-such-group');
    }
  });

  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s?.close()));
    delete process.env.SCHEDULING_URL;
    delete process.env.MATCHING_URL;
  });

  const send = (row: Row, who: Who) => {
    let test = services[row.service].http[row.method](row.path);
    if (tokens[who]) test = test.set('authorization', `Bearer ${tokens[who]}`);
    return row.body ? test.send(row.body) : test;
  };

  /**
   * Every row of every table the services write on requests, one digest per table. Outboxes
   * count by event id (the relay marks rows published meanwhile); inboxes and the indicators
   * facts are fed from Kafka in the background, so they change only if an outbox does.
   */
  const snapshot = async () => {
    const db = services.scheduling.app.get(DataSource);
    const tables: { schema: string; name: string }[] = await db.query(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_schema IN ('scheduling', 'matching', 'orientation') AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations', 'inbox')`,
    );
    const digests: Record<string, string> = {};
    for (const t of tables) {
      const rows = t.name === 'outbox' ? `(SELECT event_id FROM "${t.schema}".outbox)` : `"${t.schema}"."${t.name}"`;
      const [{ digest }] = await db.query(
        `SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS digest FROM ${rows} r`,
      );
      digests[`${t.schema}.${t.name}`] = digest;
    }
    return digests;
  };

  it('lists every route the services declare', () => {
    for (const service of Object.keys(services) as Service[]) {
      const declared = routesOf(services[service].app).filter((r) => !r.includes(' /docs'));
      const covered = rows.filter((r) => r.service === service).map((r) => `${r.method.toUpperCase()} ${r.route}`);
      expect({ service, missing: declared.filter((r) => !covered.includes(r)) }).toEqual({ service, missing: [] });
    }
  });

  it('refuses the callers an endpoint does not admit (401 without a valid token, 403 otherwise), changing nothing', async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    for (const row of rows) {
      if (row.allow === 'public') continue;
      for (const who of EVERYONE.filter((w) => !(row.allow as Who[]).includes(w))) {
        const res = await send(row, who);
        const expected = UNAUTHENTICATED.includes(who) ? 401 : 403;
        if (res.status !== expected)
          wrong.push(`${row.service} ${row.method.toUpperCase()} ${row.path} as ${who}: ${res.status}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('admits the callers an endpoint lists, and anyone on public endpoints', async () => {
    const wrong: string[] = [];
    for (const row of rows) {
      for (const who of row.allow === 'public' ? EVERYONE : row.allow) {
        const res = await send(row, who);
        if (res.status === 401 || res.status === 403)
          wrong.push(
            `${row.service} ${row.method.toUpperCase()} ${row.path} as ${who}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  });
});

const STRUCTURE_KIND = 'msp';

const ruleBody = (owner: { practitionerId: string; placeId: string }, validFrom: string) => ({
  practitionerId: owner.practitionerId,
  placeId: owner.placeId,
  weekdays: [1],
  periods: [{ start: '08:00', end: '09:00' }],
  slotMinutes: 20,
  validFrom,
  visibility: ['SNP'],
  modes: ['AMB'],
});

/** The routes an app's HTTP router declares, as `METHOD /path`. */
function routesOf(app: INestApplication): string[] {
  const instance = app.getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (instance.router ?? instance._router)!.stack;
  return stack
    .filter((l) => l.route)
    .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`));
}
interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}
