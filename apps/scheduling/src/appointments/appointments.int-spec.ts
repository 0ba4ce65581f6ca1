import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { Caller, RunningService, startService } from '../../../../test/support/running-service';
import { practitionerWithPlace, slotBody } from '../../../../test/support/scheduling-fixtures';
import { regulatorToken } from '../../../../test/support/tokens';
import { AppModule } from '../app.module';
import { SlotExpiryJob } from '../slots/slot-expiry.job';

describe('appointments (scheduling against PostgreSQL and Kafka)', () => {
  let scheduling: RunningService;
  let db: DataSource;
  let regulator: Caller;
  const practiceOf = new Map<string, Caller>();

  beforeAll(async () => {
    await useIsolatedEnvironment('appointments');
    scheduling = await startService('scheduling', AppModule);
    db = scheduling.app.get(DataSource);
    regulator = scheduling.as(await regulatorToken(['92'], 'snp-operator', 'regulator-r1'));
  });

  afterAll(() => scheduling?.close());

  async function freeSlot(inMinutes = 60) {
    const owner = await practitionerWithPlace(scheduling);
    const res = await owner.practice.post('/slots').send(slotBody(owner, inMinutes)).expect(201);
    practiceOf.set(res.body.id, owner.practice);
    return res.body.id as string;
  }

  const eventsOf = async (type: string, slotId: string) =>
    Number(
      (
        await db.query(
          `SELECT count(*) AS n FROM scheduling.outbox WHERE headers->>'ce_type' = $1 AND payload::jsonb->>'slotId' = $2`,
          [type, slotId],
        )
      )[0].n,
    );

  it('lets exactly one of 50 concurrent bookings of a slot win, with one appointment-booked event', async () => {
    const slotId = await freeSlot();
    const regulators = await Promise.all(
      Array.from({ length: 50 }, (_, i) => regulatorToken(['92'], 'snp-operator', `regulator-${i}`)),
    );
    const attempts = await Promise.all(regulators.map((token) => scheduling.as(token).post('/appointments').send({ slotId })));
    const statuses = attempts.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(attempts.find((r) => r.status === 409)!.body).toMatchObject({ reason: 'slot-booked' });
    expect(await eventsOf('fr.sas.appointment-booked.v1', slotId)).toBe(1);
    expect(await eventsOf('fr.sas.slot-withdrawn.v1', slotId)).toBe(1);
    const [{ n }] = await db.query(`SELECT count(*) AS n FROM scheduling.appointment WHERE slot_id = $1`, [slotId]);
    expect(Number(n)).toBe(1);
  });

  it('frees the slot again on cancellation, so it can be booked anew', async () => {
    const slotId = await freeSlot();
    const booked = await regulator.post('/appointments').send({ slotId, mode: 'VR' }).expect(201);
    await regulator.post(`/appointments/${booked.body.id}/cancel`).send({ by: 'patient' }).expect(200);
    expect((await regulator.get(`/slots/${slotId}`)).body).toMatchObject({ status: 'free', revision: 3 });
    expect(await eventsOf('fr.sas.slot-updated.v1', slotId)).toBe(1);
    await regulator.post('/appointments').send({ slotId }).expect(201);
    await regulator.post(`/appointments/${booked.body.id}/cancel`).send({ by: 'patient' }).expect(409);
  });

  it('records honoured and no-show outcomes once', async () => {
    const [a, b] = [await freeSlot(), await freeSlot()];
    const first = await regulator.post('/appointments').send({ slotId: a }).expect(201);
    const second = await regulator.post('/appointments').send({ slotId: b }).expect(201);
    await regulator.post(`/appointments/${first.body.id}/honoured`).expect(200);
    await regulator.post(`/appointments/${second.body.id}/no-show`).expect(200);
    const again = await regulator.post(`/appointments/${first.body.id}/no-show`).expect(409);
    expect(again.body.reason).toBe('appointment-honoured');
    expect(await eventsOf('fr.sas.appointment-honoured.v1', a)).toBe(1);
    expect(await eventsOf('fr.sas.appointment-no-show.v1', b)).toBe(1);
  });

  it('moves a booking to another free slot and releases the first', async () => {
    const [from, to] = [await freeSlot(), await freeSlot(120)];
    const booked = await regulator.post('/appointments').send({ slotId: from }).expect(201);
    const moved = await regulator.post(`/appointments/${booked.body.id}/move`).send({ slotId: to }).expect(200);
    expect(moved.body).toMatchObject({ id: booked.body.id, slotId: to, status: 'booked' });
    expect((await regulator.get(`/slots/${from}`)).body.status).toBe('free');
    expect((await regulator.get(`/slots/${to}`)).body.status).toBe('booked');
  });

  it('refuses to book a withdrawn, booked-elsewhere or unknown slot with the reason', async () => {
    const [withdrawn, elsewhere] = [await freeSlot(), await freeSlot()];
    await practiceOf.get(withdrawn)!.delete(`/slots/${withdrawn}`).expect(200);
    await practiceOf.get(elsewhere)!.post(`/slots/${elsewhere}/booked-elsewhere`).expect(200);
    expect((await regulator.post('/appointments').send({ slotId: withdrawn }).expect(409)).body.reason).toBe('slot-withdrawn');
    expect((await regulator.post('/appointments').send({ slotId: elsewhere }).expect(409)).body.reason).toBe(
      'slot-booked-elsewhere',
    );
    await regulator.post('/appointments').send({ slotId: '6f1c2d7e-8a9b-4c3d-9e8f-7a6b5c4d3e2f' }).expect(404);
  });

  it('expires free slots whose start has passed and refuses to book them', async () => {
    const slotId = await freeSlot(1);
    const expired = await scheduling.app.get(SlotExpiryJob).expireDue(new Date(Date.now() + 5 * 60_000));
    expect(expired).toBeGreaterThanOrEqual(1);
    expect((await regulator.get(`/slots/${slotId}`)).body.status).toBe('expired');
    expect((await regulator.post('/appointments').send({ slotId }).expect(409)).body.reason).toBe('slot-expired');
  });
});
