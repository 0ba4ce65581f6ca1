import { DataSource } from 'typeorm';
import { startBookingChain } from './support/all-services';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { eventually, RunningService } from './support/running-service';
import { practitionerWithPlace, slotBody } from './support/scheduling-fixtures';
import { adminToken, regulatorToken } from './support/tokens';

/**
 * The regulator rules of orientation hold in scheduling and matching too: a deactivated
 * account is refused there within seconds, a call-taker may neither search nor book, and a
 * regulator acts only on the appointments of its own territories.
 */
describe('regulators at scheduling and matching', () => {
  let scheduling: RunningService;
  let matching: RunningService;
  let orientation: RunningService;
  let owner: Awaited<ReturnType<typeof practitionerWithPlace>>;
  let minutes = 600;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const freeSlot = async () =>
    (
      await owner.practice
        .post('/slots')
        .send(slotBody(owner, (minutes += 30)))
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    await useIsolatedEnvironment('regulatorrules');
    ({ scheduling, matching, orientation } = await startBookingChain());
    owner = await practitionerWithPlace(scheduling, '92044');
  });

  afterAll(async () => {
    await Promise.all([orientation?.close(), scheduling?.close(), matching?.close()]);
    delete process.env.SCHEDULING_URL;
    delete process.env.MATCHING_URL;
  });

  it('refuses a deactivated account at scheduling and matching within seconds, and admits it again once reactivated', async () => {
    const token = await regulatorToken(['92'], 'snp-operator', 'rules-deactivated');
    const admin = bearer(await adminToken());
    await matching.http.get('/search').query({ commune: '92044' }).set(bearer(token)).expect(200);
    const booked = (
      await scheduling.http
        .post('/appointments')
        .set(bearer(token))
        .send({ slotId: await freeSlot() })
        .expect(201)
    ).body.id;
    const account = (
      await orientation.http
        .post('/regulators')
        .set(admin)
        .send({ localId: 'rules-deactivated', role: 'snp-operator', territories: ['92'] })
        .expect(201)
    ).body.id;

    const deactivatedAt = Date.now();
    await orientation.http.post(`/regulators/${account}/deactivate`).set(admin).expect(200);
    await eventually(
      async () => (await matching.http.get('/search').query({ commune: '92044' }).set(bearer(token))).status === 403 || undefined,
      10_000,
      'matching refusing',
    );
    await eventually(
      async () =>
        (
          await scheduling.http
            .post('/appointments')
            .set(bearer(token))
            .send({ slotId: await freeSlot() })
        ).status === 403 || undefined,
      10_000,
      'scheduling refusing',
    );
    const seconds = (Date.now() - deactivatedAt) / 1000;
    expect(seconds).toBeLessThan(10);
    const db = scheduling.app.get(DataSource);
    const before = await db.query(`SELECT status FROM scheduling.appointment WHERE id = $1`, [booked]);
    await scheduling.http.post(`/appointments/${booked}/cancel`).set(bearer(token)).send({ by: 'regulator' }).expect(403);
    expect(await db.query(`SELECT status FROM scheduling.appointment WHERE id = $1`, [booked])).toEqual(before);
    await orientation.http
      .get('/audit')
      .set(bearer(await regulatorToken(['92'], 'supervisor', 'rules-deactivated')))
      .expect(403);

    await orientation.http.post(`/regulators/${account}/reactivate`).set(admin).expect(200);
    await eventually(
      async () => (await matching.http.get('/search').query({ commune: '92044' }).set(bearer(token))).status === 200 || undefined,
      10_000,
      'matching admitting again',
    );
  });

  it('refuses a call-taker searching at matching or booking at scheduling', async () => {
    const callTaker = bearer(await regulatorToken(['92'], 'call-taker'));
    const search = await matching.http.get('/search').query({ commune: '92044' }).set(callTaker).expect(403);
    expect(search.body.message).toMatch(/call-taker may not search/);
    await matching.http.get('/search/practitioners-beyond-slots').query({ commune: '92044' }).set(callTaker).expect(403);
    const slotId = await freeSlot();
    const booking = await scheduling.http.post('/appointments').set(callTaker).send({ slotId }).expect(403);
    expect(booking.body.message).toMatch(/call-taker may not book/);
    expect((await scheduling.http.get(`/slots/${slotId}`).set(callTaker).expect(200)).body.status).toBe('free');
  });

  it('refuses a regulator of another territory the appointments of 92, and a booking for a territory it does not work for', async () => {
    const of92 = bearer(await regulatorToken(['92'], 'snp-operator'));
    const of75 = bearer(await regulatorToken(['75'], 'snp-operator'));
    const db = scheduling.app.get(DataSource);
    // A 92 slot for a 92 case: the 75 regulator may not book it, unless for a case of its own territory across the border.
    await scheduling.http
      .post('/appointments')
      .set(of75)
      .send({ slotId: await freeSlot() })
      .expect(403);
    await scheduling.http
      .post('/appointments')
      .set(of75)
      .send({ slotId: await freeSlot(), territory: '92' })
      .expect(403);
    const acrossBorder = (
      await scheduling.http
        .post('/appointments')
        .set(of75)
        .send({ slotId: await freeSlot(), territory: '75' })
        .expect(201)
    ).body;
    const [{ territory }] = await db.query(`SELECT territory FROM scheduling.appointment WHERE id = $1`, [acrossBorder.id]);
    expect(territory).toBe('75');

    const booked = (
      await scheduling.http
        .post('/appointments')
        .set(of92)
        .send({ slotId: await freeSlot() })
        .expect(201)
    ).body.id;
    const state = () => db.query(`SELECT status, slot_id FROM scheduling.appointment WHERE id = $1`, [booked]);
    const before = await state();
    for (const action of ['cancel', 'no-show', 'honoured', 'move']) {
      const res = await scheduling.http
        .post(`/appointments/${booked}/${action}`)
        .set(of75)
        .send(action === 'cancel' ? { by: 'regulator' } : action === 'move' ? { slotId: await freeSlot() } : {});
      expect({ action, status: res.status, message: res.body.message }).toEqual({
        action,
        status: 403,
        message: expect.stringMatching(/territory 92/),
      });
    }
    expect(await state()).toEqual(before);
    await scheduling.http.post(`/appointments/${booked}/cancel`).set(of92).send({ by: 'regulator' }).expect(200);
  });
});
