import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { RunningService, startService } from '../../../../test/support/running-service';
import { practitionerWithPlace, rpps, siret } from '../../../../test/support/scheduling-fixtures';
import { adminToken, practiceToken } from '../../../../test/support/tokens';
import { AppModule } from '../app.module';
import { OpeningRulesService } from './opening-rules.service';
import { addDays, frenchPublicHolidays, isoWeekday, parisLocalToUtc, utcToParisLocal } from '@sas/referentials';

/** A SIRET with its Luhn key, from a 13-digit stem. */

interface SlotRow {
  start_at: Date;
  status: string;
  practitioner_id: string | null;
}

describe('opening rules of the new shapes, through the HTTP API', () => {
  let scheduling: RunningService;
  let db: DataSource;
  const today = utcToParisLocal(new Date()).date;
  const tomorrow = addDays(today, 1);

  beforeAll(async () => {
    await useIsolatedEnvironment('rule-shapes');
    scheduling = await startService('scheduling', AppModule);
    db = scheduling.app.get(DataSource);
  });

  afterAll(() => scheduling?.close());

  const rule = (
    { practitionerId, structureId, placeId }: { practitionerId?: string; structureId?: string; placeId: string },
    shape: object,
  ) => ({
    practitionerId,
    structureId,
    placeId,
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    periods: [{ start: '09:00', end: '12:00' }],
    slotMinutes: 30,
    validFrom: '2020-01-06',
    visibility: ['SNP'],
    modes: ['AMB'],
    ...shape,
  });
  const slotsOfRule = async (ruleId: string): Promise<SlotRow[]> =>
    db.query(`SELECT start_at, status, practitioner_id FROM scheduling.slot WHERE opening_rule_id = $1 ORDER BY start_at`, [
      ruleId,
    ]);
  const local = (s: SlotRow) => utcToParisLocal(s.start_at);

  /** A structure with a place and four GPs, and a practice acting for all of them. */
  async function healthCentreWithFourGps() {
    const admin = scheduling.as(await adminToken());
    const number = siret(4_430_000_000_000 + Math.floor(Math.random() * 1e8));
    const structureId = (await admin.post('/structures').send({ siret: number, kind: 'msp', name: 'MSP de garde' }).expect(201))
      .body.id as string;
    const numbers = [0, 1, 2, 3].map(() => rpps(1_100_000_000 + Math.floor(Math.random() * 1e8)));
    const practice = scheduling.as(await practiceToken({ rpps: numbers, structures: [number] }));
    const gps: string[] = [];
    for (const n of numbers) {
      gps.push(
        (
          await practice
            .post('/practitioners')
            .send({ rpps: n, profession: 'general-practitioner', specialties: ['SM54'] })
            .expect(201)
        ).body.id,
      );
    }
    const placeId = (
      await practice.post('/places').send({ structureId, communeCode: '92044', latitude: 48.89, longitude: 2.29 }).expect(201)
    ).body.id as string;
    return { practice, structureId, placeId, gps };
  }

  it('opens a night period 20:00–02:00: the slots after midnight start on the next date', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const res = await owner.practice
      .post('/opening-rules')
      .send(rule(owner, { periods: [{ start: '20:00', end: '02:00' }], slotMinutes: 60 }))
      .expect(201);
    const slots = await slotsOfRule(res.body.id);
    expect(new Set(slots.map((s) => local(s).time))).toEqual(new Set(['20:00', '21:00', '22:00', '23:00', '00:00', '01:00']));
    const afterMidnight = slots.find((s) => local(s).date === addDays(tomorrow, 1) && local(s).time === '00:00')!;
    expect(afterMidnight.start_at).toEqual(parisLocalToUtc(addDays(tomorrow, 1), '00:00'));
  });

  it('opens on public holidays only', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const res = await owner.practice
      .post('/opening-rules')
      .send(rule(owner, { weekdays: [], publicHolidays: 'only' }))
      .expect(201);
    // The horizon may hold no holiday today: expand as if two days before the next one.
    const year = Number(today.slice(0, 4));
    const next = [...frenchPublicHolidays(year), ...frenchPublicHolidays(year + 1)].find((d) => d > addDays(today, 2))!;
    await scheduling.app.get(OpeningRulesService).expandAll(parisLocalToUtc(addDays(next, -2), '12:00'));
    const dates = new Set((await slotsOfRule(res.body.id)).map((s) => local(s).date));
    expect(dates.has(next)).toBe(true);
    const holidays = new Set([...frenchPublicHolidays(year), ...frenchPublicHolidays(year + 1)]);
    expect([...dates].filter((d) => !holidays.has(d))).toEqual([]);
  });

  it('opens every 2 weeks from its anchor', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const res = await owner.practice
      .post('/opening-rules')
      .send(rule(owner, { everyWeeks: 2, weekAnchor: today }))
      .expect(201);
    const mondayOf = (d: string) => addDays(d, 1 - isoWeekday(d));
    const weeks = new Set(
      (await slotsOfRule(res.body.id)).map(
        (s) => (Date.parse(mondayOf(local(s).date)) - Date.parse(mondayOf(today))) / (7 * 86400_000),
      ),
    );
    expect([...weeks].every((w) => w % 2 === 0)).toBe(true);
    expect(weeks.has(0) || weeks.has(2)).toBe(true);
  });

  it("shares a structure's half-days among 4 GPs in turn, and a GP's absence closes only their turns", async () => {
    const centre = await healthCentreWithFourGps();
    const res = await centre.practice
      .post('/opening-rules')
      .send(
        rule(
          { structureId: centre.structureId, placeId: centre.placeId },
          {
            periods: [
              { start: '08:00', end: '12:00' },
              { start: '14:00', end: '18:00' },
            ],
            slotMinutes: 240,
            rota: { practitionerIds: centre.gps, turn: 'period' },
          },
        ),
      )
      .expect(201);
    const slots = await slotsOfRule(res.body.id);
    expect(slots.length).toBeGreaterThanOrEqual(26);
    const turns = slots.map((s) => centre.gps.indexOf(s.practitioner_id!));
    turns.slice(1).forEach((turn, k) => expect(turn).toBe((turns[k] + 1) % 4));

    const absent = centre.gps[1];
    const patched = await centre.practice
      .patch(`/opening-rules/${res.body.id}`)
      .send({ addExceptions: [{ from: today, to: addDays(today, 30), practitionerId: absent, reason: 'leave' }] })
      .expect(200);
    const after = await slotsOfRule(res.body.id);
    const future = after.filter((s) => s.start_at > new Date());
    expect(patched.body.slotsWithdrawn).toBe(future.filter((s) => s.practitioner_id === absent).length);
    expect(future.filter((s) => s.status === 'withdrawn').every((s) => s.practitioner_id === absent)).toBe(true);
    expect(future.filter((s) => s.practitioner_id !== absent).every((s) => s.status === 'free')).toBe(true);
  });

  it('adds an absence to a rule: its free slots on those days are withdrawn, each with its event, the others kept', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const res = await owner.practice.post('/opening-rules').send(rule(owner, {})).expect(201);
    const [{ n: before }] = await db.query(`SELECT count(*)::int AS n FROM scheduling.outbox WHERE message_key = $1`, [
      owner.practitionerId,
    ]);
    const patched = await owner.practice
      .patch(`/opening-rules/${res.body.id}`)
      .send({ addExceptions: [{ from: tomorrow, to: addDays(tomorrow, 1), reason: 'congress' }] })
      .expect(200);
    expect(patched.body.slotsWithdrawn).toBe(12);
    const slots = await slotsOfRule(res.body.id);
    const absent = (s: SlotRow) => [tomorrow, addDays(tomorrow, 1)].includes(local(s).date);
    expect(slots.filter(absent).map((s) => s.status)).toEqual(Array(12).fill('withdrawn'));
    expect(new Set(slots.filter((s) => !absent(s)).map((s) => s.status))).toEqual(new Set(['free']));
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM scheduling.outbox WHERE message_key = $1`, [
      owner.practitionerId,
    ]);
    expect(n - before).toBe(12);
    const [{ exceptions }] = await db.query(
      `SELECT rule->'exceptions' AS exceptions FROM scheduling.opening_rule WHERE id = $1`,
      [res.body.id],
    );
    expect(exceptions).toEqual([{ from: tomorrow, to: addDays(tomorrow, 1), reason: 'congress' }]);
  });

  it('refuses an unsound absence with its field, changing nothing', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const res = await owner.practice.post('/opening-rules').send(rule(owner, {})).expect(201);
    const bad = await owner.practice
      .patch(`/opening-rules/${res.body.id}`)
      .send({ addExceptions: [{ from: addDays(tomorrow, 2), to: tomorrow }] })
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'addExceptions[0].to' })]);
    expect(new Set((await slotsOfRule(res.body.id)).map((s) => s.status))).toEqual(new Set(['free']));
    await owner.practice.patch(`/opening-rules/${res.body.id}`).send({ addExceptions: [] }).expect(400);
  });

  it('closes a whole place in bulk: every rule of the place loses its free slots in the range', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const morning = await owner.practice.post('/opening-rules').send(rule(owner, {})).expect(201);
    const evening = await owner.practice
      .post('/opening-rules')
      .send(rule(owner, { periods: [{ start: '18:00', end: '24:00' }], slotMinutes: 60 }))
      .expect(201);
    const closed = await owner.practice
      .post('/opening-rules/closures')
      .send({ placeId: owner.placeId, from: tomorrow, to: tomorrow, reason: 'works' })
      .expect(201);
    expect(closed.body).toEqual({ rules: 2, slotsWithdrawn: 6 + 6 });
    for (const id of [morning.body.id, evening.body.id]) {
      const slots = await slotsOfRule(id);
      expect(slots.filter((s) => local(s).date === tomorrow).every((s) => s.status === 'withdrawn')).toBe(true);
      expect(slots.filter((s) => local(s).date !== tomorrow).every((s) => s.status === 'free')).toBe(true);
    }
    const other = await practitionerWithPlace(scheduling);
    await other.practice
      .post('/opening-rules/closures')
      .send({ placeId: owner.placeId, from: tomorrow, to: tomorrow })
      .expect(403);
  });
});
