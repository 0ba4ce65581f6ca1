import { Webhook } from 'standardwebhooks';
import { startBookingChain } from './support/all-services';
import { AppModule as SchedulingModule } from '../apps/scheduling/src/app.module';
import { DataSource } from 'typeorm';
import { OutcomeReminderJob } from '../apps/scheduling/src/notifications/outcome-reminder.job';
import { WebhookPruningJob } from '../apps/scheduling/src/notifications/webhook-pruning.job';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { eventually, RunningService, startService, waitUntilReady } from './support/running-service';
import { practitionerWithPlace, slotBody } from './support/scheduling-fixtures';
import testPatient from './support/test-patient.json';
import { adminToken, regulatorToken, vendorToken } from './support/tokens';
import { Received, RECEIVER_CERT, WebhookReceiver } from './support/webhook-receiver/webhook-receiver';

type Practice = Awaited<ReturnType<typeof practitionerWithPlace>>;

/**
 * Practices registered for webhooks hear of the bookings into their agenda at once, signed
 * as Standard Webhooks says (checked by the `standardwebhooks` package, an implementation
 * independent of ours), over real HTTPS to a server with a self-signed certificate that
 * scheduling trusts through WEBHOOK_CA_FILE. The retry schedule is shortened to seconds.
 */
describe('webhook notifications to practices', () => {
  let scheduling: RunningService;
  let matching: RunningService;
  let orientation: RunningService;
  let receiver: WebhookReceiver;
  let regulator: string;
  let operator: string;
  const settings = {
    WEBHOOK_CA_FILE: RECEIVER_CERT,
    WEBHOOK_DELIVERY_INTERVAL_MS: '100',
    WEBHOOK_RETRY_FIRST_DELAY_MS: '200',
    WEBHOOK_RETRY_MAX_DELAY_MS: '800',
    WEBHOOK_RETRY_WINDOW_MS: '3000',
  };
  let minutes = 120;

  const register = async (practice: Practice, path: string, events?: string[]) =>
    (
      await practice.practice
        .post('/webhooks')
        .send({ url: receiver.url(path), events })
        .expect(201)
    ).body as {
      id: string;
      secret: string;
    };
  const publishSlot = async (practice: Practice) =>
    (
      await practice.practice
        .post('/slots')
        .send({ ...slotBody(practice, (minutes += 30)), modes: ['AMB'] })
        .expect(201)
    ).body.id as string;
  const bookDirectly = async (slotId: string) =>
    (await scheduling.http.post('/appointments').set('authorization', `Bearer ${regulator}`).send({ slotId }).expect(201)).body
      .id as string;
  const receivedOf = (path: string, type: string, appointmentId: string) =>
    receiver.on(path).filter((r) => {
      const body = JSON.parse(r.body) as { type: string; data: { appointmentId: string } };
      return body.type === type && body.data.appointmentId === appointmentId;
    });
  const waitFor = (path: string, type: string, appointmentId: string, timeoutMs = 10_000) =>
    eventually(async () => receivedOf(path, type, appointmentId)[0], timeoutMs, `${type} at ${path}`);
  const verified = (secret: string, received: Received) =>
    new Webhook(secret).verify(received.body, received.headers) as {
      type: string;
      timestamp: string;
      data: Record<string, unknown>;
    };

  beforeAll(async () => {
    Object.assign(process.env, settings);
    receiver = await WebhookReceiver.start();
    await useIsolatedEnvironment('webhooks');
    ({ scheduling, matching, orientation } = await startBookingChain());
    regulator = await regulatorToken(['92'], 'gp-regulator', 'webhooks-gp');
    operator = await regulatorToken(['92'], 'snp-operator', 'webhooks-snp');
  });

  afterAll(async () => {
    await Promise.all([orientation?.close(), scheduling?.close(), matching?.close()]);
    await receiver?.close();
    for (const variable of [...Object.keys(settings), 'SCHEDULING_URL', 'MATCHING_URL']) delete process.env[variable];
  });

  it('delivers a signed appointment-booked within 2 s of a booking made through orientation, without the patient', async () => {
    const practice = await practitionerWithPlace(scheduling, '92044');
    const endpoint = await register(practice, '/ok/booked');
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const slotId = await publishSlot(practice);
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    await eventually(
      async () => {
        const res = await matching.http.get('/search').set(as(operator)).query({ commune: '92044', limit: 100 });
        return res.body.results?.some((r: { slotId: string }) => r.slotId === slotId) ? true : undefined;
      },
      10_000,
      'the slot in search',
    );
    const kase = (
      await orientation.http
        .post('/cases')
        .set(as(regulator))
        .send({
          territory: '92',
          channel: '15',
          communeCode: '92044',
          ageBand: '26-45',
          reasonCategory: 'fever',
          hasTreatingDoctor: false,
          patientContact: { name: testPatient.name, phone: testPatient.phone },
        })
        .expect(201)
    ).body.id as string;
    await orientation.http.post(`/cases/${kase}/triage`).set(as(regulator)).send({ lifeThreatening: false }).expect(200);
    await orientation.http
      .post(`/cases/${kase}/assessment`)
      .set(as(regulator))
      .send({ consultationNeeded: true, urgency: 'within-48h', mode: 'AMB' })
      .expect(200);
    await orientation.http.post(`/cases/${kase}/search`).set(as(operator)).send({}).expect(200);
    const oriented = await orientation.http
      .post(`/cases/${kase}/orientation`)
      .set(as(operator))
      .send({ outcome: 'snp-consultation', slotId })
      .expect(200);
    const booked = Date.now();
    const appointmentId = oriented.body.appointmentId as string;

    const received = await waitFor('/ok/booked', 'appointment-booked', appointmentId, 2_000);
    expect(received.at - booked).toBeLessThan(2_000);
    expect(Math.abs(Number(received.headers['webhook-timestamp']) * 1000 - received.at)).toBeLessThan(5_000);
    const body = verified(endpoint.secret, received);
    expect(body).toMatchObject({
      type: 'appointment-booked',
      data: {
        appointmentId,
        slotId,
        practitionerId: practice.practitionerId,
        practitionerRpps: practice.rpps,
        placeId: practice.placeId,
        communeCode: '92044',
        mode: 'AMB',
      },
    });
    for (const needle of testPatient.needles) expect(received.body).not.toContain(needle);
    expect(received.body).not.toContain(kase);
    // Signed with that endpoint's secret only.
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(received.body, received.headers),
    ).toThrow();

    // The owner reads the log (no secret in it, nor in the listing); another practice may not.
    const log = await eventually(async () => {
      const res = await practice.practice.get(`/webhooks/${endpoint.id}/deliveries`).expect(200);
      return res.body.deliveries[0]?.state === 'delivered' ? res.body : undefined;
    });
    expect(log.deliveries[0]).toMatchObject({
      id: received.headers['webhook-id'],
      type: 'appointment-booked',
      attempts: [{ attempt: 1, statusCode: 204 }],
    });
    const listing = await practice.practice.get('/webhooks').expect(200);
    expect(listing.body.endpoints).toEqual([expect.objectContaining({ id: endpoint.id, url: receiver.url('/ok/booked') })]);
    expect(JSON.stringify([log, listing.body])).not.toContain(endpoint.secret.slice(6));
    const other = await practitionerWithPlace(scheduling, '92044');
    await other.practice.get(`/webhooks/${endpoint.id}/deliveries`).expect(403);
    expect((await other.practice.get('/webhooks').expect(200)).body.endpoints).toEqual([]);
  });

  it('tells of moves the practices of both slots, and of a cancellation the agenda that holds it, by subscribed type', async () => {
    const first = await practitionerWithPlace(scheduling, '92044');
    const second = await practitionerWithPlace(scheduling, '92044');
    const a = await register(first, '/ok/first');
    const b = await register(second, '/ok/second');
    await register(second, '/ok/second-bookings', ['appointment-booked']);
    const appointmentId = await bookDirectly(await publishSlot(first));
    const target = await publishSlot(second);
    await scheduling.http
      .post(`/appointments/${appointmentId}/move`)
      .set('authorization', `Bearer ${regulator}`)
      .send({ slotId: target })
      .expect(200);
    for (const [path, secret] of [
      ['/ok/first', a.secret],
      ['/ok/second', b.secret],
    ])
      expect(verified(secret, await waitFor(path, 'appointment-moved', appointmentId)).data).toMatchObject({
        slotId: target,
        practitionerId: second.practitionerId,
        placeId: second.placeId,
        previous: { placeId: first.placeId },
      });
    await scheduling.http
      .post(`/appointments/${appointmentId}/cancel`)
      .set('authorization', `Bearer ${regulator}`)
      .send({ by: 'patient' })
      .expect(200);
    expect(verified(b.secret, await waitFor('/ok/second', 'appointment-cancelled', appointmentId)).data).toMatchObject({
      slotId: target,
      cancelledBy: 'patient',
      slotReleased: true,
    });
    expect(verified(a.secret, await waitFor('/ok/first', 'appointment-booked', appointmentId)).type).toBe('appointment-booked');
    expect(receivedOf('/ok/first', 'appointment-cancelled', appointmentId)).toEqual([]);
    expect(receiver.on('/ok/second-bookings')).toEqual([]);
  });

  it('tells the practice of each future appointment a retirement of its place keeps, signed, without the patient', async () => {
    const practice = await practitionerWithPlace(scheduling, '92044');
    const { secret } = await register(practice, '/ok/retired', ['appointment-kept-after-retirement']);
    const kept = await bookDirectly(await publishSlot(practice));
    await publishSlot(practice); // free: withdrawn by the retirement, nobody is told of it
    await practice.practice.post(`/places/${practice.placeId}/retire`).send({}).expect(200);
    const notice = verified(secret, await waitFor('/ok/retired', 'appointment-kept-after-retirement', kept));
    expect(notice.data).toMatchObject({ appointmentId: kept, placeId: practice.placeId, retired: 'place' });
    expect(receiver.on('/ok/retired')).toHaveLength(1);
  });

  it('retries a failing endpoint with growing delays, the same message each time, then disables it with the reason', async () => {
    const practice = await practitionerWithPlace(scheduling, '92044');
    const endpoint = await register(practice, '/fail/down');
    const appointmentId = await bookDirectly(await publishSlot(practice));
    const disabled = await eventually(
      async () => {
        const res = await practice.practice.get('/webhooks').expect(200);
        const mine = res.body.endpoints.find((e: { id: string }) => e.id === endpoint.id);
        return mine?.disabledAt ? mine : undefined;
      },
      20_000,
      'the endpoint disabled',
    );
    expect(disabled.disabledReason).toMatch(/^delivery [0-9a-f-]{36} failed for 3 s over \d+ attempts \(last: HTTP 500\)$/);

    const attempts = receivedOf('/fail/down', 'appointment-booked', appointmentId);
    expect(attempts.length).toBeGreaterThanOrEqual(4);
    expect(new Set(attempts.map((r) => r.headers['webhook-id'])).size).toBe(1);
    for (const attempt of attempts) verified(endpoint.secret, attempt);
    const gaps = attempts.slice(1).map((r, i) => r.at - attempts[i].at);
    // 200, 400, then 800 ms (capped); each at least its delay, later ones at least as long as the first.
    expect(gaps[0]).toBeGreaterThanOrEqual(180);
    expect(gaps[1]).toBeGreaterThanOrEqual(380);
    expect(Math.max(...gaps.slice(2))).toBeGreaterThanOrEqual(780);

    const log = (await practice.practice.get(`/webhooks/${endpoint.id}/deliveries`).expect(200)).body;
    expect(log.endpoint).toMatchObject({ id: endpoint.id, disabledReason: disabled.disabledReason });
    expect(log.deliveries).toHaveLength(1);
    expect(log.deliveries[0]).toMatchObject({ type: 'appointment-booked', state: 'failed' });
    expect(log.deliveries[0].attempts).toHaveLength(attempts.length);
    expect(log.deliveries[0].attempts.every((a: { statusCode: number }) => a.statusCode === 500)).toBe(true);
    expect(JSON.stringify(log)).not.toContain(endpoint.secret.slice(6));

    const metrics = await scheduling.http
      .get('/metrics')
      .set('authorization', `Bearer ${await adminToken()}`)
      .expect(200);
    expect(metrics.text).toMatch(/^sas_webhook_attempts_total\{outcome="failed"\} 1$/m);
    expect(metrics.text).toMatch(new RegExp(`^sas_webhook_attempts_total\\{outcome="retrying"\\} ${attempts.length - 1}$`, 'm'));

    // A disabled endpoint is owed nothing more.
    const later = await bookDirectly(await publishSlot(practice));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(receivedOf('/fail/down', 'appointment-booked', later)).toEqual([]);
    expect((await practice.practice.get(`/webhooks/${endpoint.id}/deliveries`).expect(200)).body.deliveries).toHaveLength(1);
  });

  it('reminds the practice once of an appointment past its end without an outcome after the delay, not of one reported', async () => {
    const practice = await practitionerWithPlace(scheduling, '92044');
    const endpoint = await register(practice, '/ok/reminders', ['appointment-outcome-missing']);
    const forgotten = await bookDirectly(await publishSlot(practice));
    const reported = await bookDirectly(await publishSlot(practice));
    await practice.practice.post(`/appointments/${reported}/honoured`).expect(200);
    const job = scheduling.app.get(OutcomeReminderJob);
    // Not yet: the slots end within hours; then a day and a half later, past the 24 h after their end.
    expect(await job.remindDue(new Date(Date.now() + 3_600_000))).toBe(0);
    const later = new Date(Date.now() + 36 * 3_600_000);
    expect(await job.remindDue(later)).toBeGreaterThanOrEqual(1);
    const reminder = verified(endpoint.secret, await waitFor('/ok/reminders', 'appointment-outcome-missing', forgotten));
    expect(reminder.data).toMatchObject({
      appointmentId: forgotten,
      practitionerId: practice.practitionerId,
      outcomes: ['honoured', 'no-show'],
    });
    expect(await job.remindDue(later)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receivedOf('/ok/reminders', 'appointment-outcome-missing', forgotten)).toHaveLength(1);
    expect(receivedOf('/ok/reminders', 'appointment-outcome-missing', reported)).toEqual([]);
  });

  it('prunes settled deliveries past their retention with their attempts, never a pending one', async () => {
    const practice = await practitionerWithPlace(scheduling, '92044');
    const kept = await register(practice, '/ok/prune');
    const failing = await register(practice, '/fail/prune');
    const appointmentId = await bookDirectly(await publishSlot(practice));
    await waitFor('/ok/prune', 'appointment-booked', appointmentId);
    const db = scheduling.app.get(DataSource);
    const deliveriesOf = async (endpointId: string) =>
      (await db.query(`SELECT id, state FROM scheduling.webhook_delivery WHERE endpoint_id = $1`, [endpointId])) as {
        id: string;
        state: string;
      }[];
    // The failing endpoint's delivery is still being retried (a 3 s window here).
    const [pending] = await eventually(async () => {
      const rows = await deliveriesOf(failing.id);
      return rows.length ? rows : undefined;
    }, 2_000);
    const job = scheduling.app.get(WebhookPruningJob);
    expect(await job.pruneDue(new Date())).toBe(0);
    expect(await job.pruneDue(new Date(Date.now() + 31 * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect(await deliveriesOf(kept.id)).toEqual([]);
    expect((await practice.practice.get(`/webhooks/${kept.id}/deliveries`).expect(200)).body.deliveries).toEqual([]);
    const [stillThere] = await deliveriesOf(failing.id);
    expect(stillThere?.id).toBe(pending.id);
    const [{ orphans }] = (await db.query(
      `SELECT count(*)::int AS orphans FROM scheduling.webhook_attempt a
        WHERE NOT EXISTS (SELECT 1 FROM scheduling.webhook_delivery d WHERE d.id = a.delivery_id)`,
    )) as { orphans: number }[];
    expect(orphans).toBe(0);
  });

  it('refuses, naming the field, what is not an https URL of the caller’s own agenda, storing nothing; deletes on request', async () => {
    const practice = await practitionerWithPlace(scheduling, '92044');
    const other = await practitionerWithPlace(scheduling, '92044');
    const cases: [object, number, { field: string; reason: string } | undefined][] = [
      [{ url: 'http://127.0.0.1/hook' }, 400, { field: 'url', reason: 'must be an https URL' }],
      [{ url: 'https://u:p@127.0.0.1/hook' }, 400, { field: 'url', reason: 'must not carry credentials' }],
      [{ url: `https://x.fr/${'a'.repeat(2100)}` }, 400, undefined],
      [{ url: receiver.url('/ok/x'), events: ['appointment-honoured'] }, 400, undefined],
      [{ url: receiver.url('/ok/x'), secret: 'whsec_mine' }, 400, undefined],
      [{ url: receiver.url('/ok/x'), identifiers: [other.rpps] }, 403, undefined],
    ];
    for (const [body, status, error] of cases) {
      const res = await practice.practice.post('/webhooks').send(body);
      expect({ body, status: res.status }).toEqual({ body, status });
      if (error) expect(res.body.errors).toEqual([error]);
      if (status === 400) expect(res.body.errors?.[0]?.field ?? '').toMatch(/^(url|events|secret)/);
    }
    expect((await practice.practice.get('/webhooks').expect(200)).body.endpoints).toEqual([]);

    const endpoint = await register(practice, '/ok/deleted');
    await other.practice.delete(`/webhooks/${endpoint.id}`).expect(403);
    await practice.practice.delete(`/webhooks/${endpoint.id}`).expect(204);
    await practice.practice.get(`/webhooks/${endpoint.id}/deliveries`).expect(404);
    expect((await practice.practice.get('/webhooks').expect(200)).body.endpoints).toEqual([]);
  });

  it("sends a vendor's endpoint the notices of the practitioners an admin registered it for, and no other", async () => {
    const covered = await practitionerWithPlace(scheduling, '92044');
    const uncovered = await practitionerWithPlace(scheduling, '92044');
    const admin = `Bearer ${await adminToken()}`;
    await scheduling.http
      .put('/vendors/webhook-vendor')
      .set('authorization', admin)
      .send({ name: 'Agenda Test', practitionerRpps: [covered.rpps], structureIds: [] })
      .expect(200);
    const vendor = scheduling.as(await vendorToken('webhook-vendor'));
    const endpoint = (
      await vendor
        .post('/webhooks')
        .send({ url: receiver.url('/ok/vendor') })
        .expect(201)
    ).body;
    expect(endpoint.owner).toEqual({ vendorId: 'webhook-vendor' });
    await vendor
      .post('/webhooks')
      .send({ url: receiver.url('/ok/vendor'), identifiers: [covered.rpps] })
      .expect(400);
    const mine = await bookDirectly(await publishSlot(covered));
    const theirs = await bookDirectly(await publishSlot(uncovered));
    expect(verified(endpoint.secret, await waitFor('/ok/vendor', 'appointment-booked', mine)).data).toMatchObject({
      practitionerRpps: covered.rpps,
    });
    await scheduling
      .as(await vendorToken('another-vendor'))
      .get(`/webhooks/${endpoint.id}/deliveries`)
      .expect(403);
    await covered.practice.get(`/webhooks/${endpoint.id}/deliveries`).expect(403);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receivedOf('/ok/vendor', 'appointment-booked', theirs)).toEqual([]);
  });

  // Last: it restarts scheduling.
  it('loses nothing across a restart: a booking not yet handled when scheduling stops is delivered, once, by the next start', async () => {
    const practice = await practitionerWithPlace(scheduling, '92044');
    const endpoint = await register(practice, '/ok/restart');
    const admin = `Bearer ${await adminToken()}`;
    // Held in Kafka: the group does not consume until scheduling starts again.
    await scheduling.http.post('/consumers/pause?group=scheduling-webhook-notices').set('authorization', admin).expect(200);
    const appointmentId = await bookDirectly(await publishSlot(practice));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receivedOf('/ok/restart', 'appointment-booked', appointmentId)).toEqual([]);
    await scheduling.close();

    scheduling = await startService('scheduling', SchedulingModule);
    await waitUntilReady(scheduling);
    const received = await waitFor('/ok/restart', 'appointment-booked', appointmentId, 20_000);
    verified(endpoint.secret, received);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receivedOf('/ok/restart', 'appointment-booked', appointmentId)).toHaveLength(1);
  });
});
