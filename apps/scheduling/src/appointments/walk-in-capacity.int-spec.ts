import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { Caller, RunningService, startService } from '../../../../test/support/running-service';
import { practitionerWithPlace, slotBody } from '../../../../test/support/scheduling-fixtures';
import { regulatorToken } from '../../../../test/support/tokens';
import { AppModule } from '../app.module';

describe('walk-in openings with a capacity (scheduling against PostgreSQL)', () => {
  let scheduling: RunningService;
  let db: DataSource;
  let regulator: Caller;

  beforeAll(async () => {
    await useIsolatedEnvironment('walk-in');
    scheduling = await startService('scheduling', AppModule);
    db = scheduling.app.get(DataSource);
    regulator = scheduling.as(await regulatorToken(['92'], 'snp-operator', 'walk-in-r1'));
  });

  afterAll(() => scheduling?.close());

  async function walkInSlot(capacity: number, inMinutes = 60) {
    const owner = await practitionerWithPlace(scheduling);
    const res = await owner.practice
      .post('/slots')
      .send({ ...slotBody(owner, inMinutes, 240), appointmentType: 'WALKIN', capacity })
      .expect(201);
    return res.body.id as string;
  }

  const eventsOf = async (type: string, slotId: string): Promise<Record<string, unknown>[]> =>
    (
      await db.query(
        `SELECT payload::jsonb AS payload FROM scheduling.outbox
          WHERE headers->>'ce_type' = $1 AND payload::jsonb->>'slotId' = $2 ORDER BY id`,
        [type, slotId],
      )
    ).map((r: { payload: Record<string, unknown> }) => r.payload);

  it('takes exactly 10 of 11 concurrent bookings of a walk-in opening of 10 places', async () => {
    const slotId = await walkInSlot(10);
    const regulators = await Promise.all(
      Array.from({ length: 11 }, (_, i) => regulatorToken(['92'], 'snp-operator', `walk-in-${i}`)),
    );
    const attempts = await Promise.all(regulators.map((token) => scheduling.as(token).post('/appointments').send({ slotId })));
    const statuses = attempts.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(1);
    expect(attempts.find((r) => r.status === 409)!.body).toMatchObject({ reason: 'slot-booked' });
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM scheduling.appointment WHERE slot_id = $1 AND status = 'booked'`,
      [slotId],
    );
    expect(n).toBe(10);
    expect((await regulator.get(`/slots/${slotId}`)).body).toMatchObject({
      status: 'booked',
      capacity: 10,
      taken: 10,
      revision: 11,
    });
    expect(await eventsOf('fr.sas.appointment-booked.v1', slotId)).toHaveLength(10);
    // Nine bookings leave it on the free list with one place less each; the tenth takes it off.
    const updates = await eventsOf('fr.sas.slot-updated.v1', slotId);
    expect(updates.map((p) => p.remainingCapacity).sort((a, b) => Number(b) - Number(a))).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(await eventsOf('fr.sas.slot-withdrawn.v1', slotId)).toEqual([
      expect.objectContaining({ reason: 'booked', revision: 11 }),
    ]);
  });

  it('gives a place back on cancellation: a full opening returns to the free list', async () => {
    const slotId = await walkInSlot(2);
    const first = await regulator.post('/appointments').send({ slotId }).expect(201);
    await regulator.post('/appointments').send({ slotId }).expect(201);
    await regulator.post('/appointments').send({ slotId }).expect(409);
    await regulator.post(`/appointments/${first.body.id}/cancel`).send({ by: 'patient' }).expect(200);
    expect((await regulator.get(`/slots/${slotId}`)).body).toMatchObject({ status: 'free', taken: 1 });
    const updates = await eventsOf('fr.sas.slot-updated.v1', slotId);
    expect(updates[updates.length - 1]).toMatchObject({ capacity: 2, remainingCapacity: 1 });
    await regulator.post('/appointments').send({ slotId }).expect(201);
  });

  it('moves a booking onto a walk-in opening and off it again, a place taken then given back', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const ordinary = (await owner.practice.post('/slots').send(slotBody(owner, 600)).expect(201)).body.id as string;
    const slotId = await walkInSlot(3);
    const booked = await regulator.post('/appointments').send({ slotId: ordinary }).expect(201);
    await regulator.post(`/appointments/${booked.body.id}/move`).send({ slotId }).expect(200);
    expect((await regulator.get(`/slots/${slotId}`)).body).toMatchObject({ status: 'free', taken: 1 });
    expect((await regulator.get(`/slots/${ordinary}`)).body).toMatchObject({ status: 'free' });
    await regulator.post(`/appointments/${booked.body.id}/move`).send({ slotId: ordinary }).expect(200);
    expect((await regulator.get(`/slots/${slotId}`)).body).toMatchObject({ status: 'free', taken: 0 });
    const [{ shares }] = await db.query(`SELECT shares_slot AS shares FROM scheduling.appointment WHERE id = $1`, [
      booked.body.id,
    ]);
    expect(shares).toBe(false);
  });

  it('refuses a capacity on a slot that is not a walk-in opening, naming the field', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const res = await owner.practice
      .post('/slots')
      .send({ ...slotBody(owner), capacity: 10 })
      .expect(400);
    expect(JSON.stringify(res.body)).toContain('capacity');
  });

  it('opens walk-in slots with a capacity from an opening rule', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const res = await owner.practice
      .post('/opening-rules')
      .send({
        practitionerId: owner.practitionerId,
        placeId: owner.placeId,
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        periods: [{ start: '18:00', end: '24:00' }],
        slotMinutes: 120,
        validFrom: '2020-01-06',
        visibility: ['SNP'],
        modes: ['AMB'],
        appointmentType: 'WALKIN',
        capacity: 12,
      })
      .expect(201);
    const rows = await db.query(`SELECT DISTINCT capacity, taken FROM scheduling.slot WHERE opening_rule_id = $1`, [res.body.id]);
    expect(rows).toEqual([{ capacity: 12, taken: 0 }]);
  });

  it('lets its practice resize a walk-in opening: raised when full it returns to the free list, lowered to the places taken it leaves it, never below', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const slotId = (
      await owner.practice
        .post('/slots')
        .send({ ...slotBody(owner, 60, 240), appointmentType: 'WALKIN', capacity: 2 })
        .expect(201)
    ).body.id as string;
    await regulator.post('/appointments').send({ slotId }).expect(201);
    await regulator.post('/appointments').send({ slotId }).expect(201);
    expect((await regulator.get(`/slots/${slotId}`)).body).toMatchObject({ status: 'booked', capacity: 2, taken: 2 });

    const raised = await owner.practice.patch(`/slots/${slotId}`).send({ capacity: 4 }).expect(200);
    expect(raised.body).toMatchObject({ status: 'free', capacity: 4, taken: 2 });
    const updates = await eventsOf('fr.sas.slot-updated.v1', slotId);
    expect(updates[updates.length - 1]).toMatchObject({ capacity: 4, remainingCapacity: 2 });
    await regulator.post('/appointments').send({ slotId }).expect(201);

    const below = await owner.practice.patch(`/slots/${slotId}`).send({ capacity: 2 }).expect(409);
    expect(below.body).toMatchObject({ reason: 'capacity-below-taken', field: 'capacity', taken: 3 });
    const full = await owner.practice.patch(`/slots/${slotId}`).send({ capacity: 3 }).expect(200);
    expect(full.body).toMatchObject({ status: 'booked', capacity: 3, taken: 3 });
    expect(await eventsOf('fr.sas.slot-withdrawn.v1', slotId)).toHaveLength(2);
    await regulator.post('/appointments').send({ slotId }).expect(409);

    for (const capacity of [1, 501, 'ten']) {
      const bad = await owner.practice.patch(`/slots/${slotId}`).send({ capacity }).expect(400);
      expect(JSON.stringify(bad.body)).toContain('capacity');
    }
    const single = await owner.practice.post('/slots').send(slotBody(owner, 600)).expect(201);
    const notWalkIn = await owner.practice.patch(`/slots/${single.body.id}`).send({ capacity: 5 }).expect(400);
    expect(JSON.stringify(notWalkIn.body)).toContain('capacity');
    expect((await regulator.get(`/slots/${slotId}`)).body).toMatchObject({ status: 'booked', capacity: 3, taken: 3 });
  });
});
