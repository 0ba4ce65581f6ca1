import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { RunningService, startService } from '../../../../test/support/running-service';
import { practitionerWithPlace } from '../../../../test/support/scheduling-fixtures';
import { AppModule } from '../app.module';
import { OpeningRulesService } from './opening-rules.service';
import { parisLocalToUtc, utcToParisLocal } from '@sas/referentials';

describe('opening rules (scheduling against PostgreSQL)', () => {
  let scheduling: RunningService;
  let db: DataSource;

  beforeAll(async () => {
    await useIsolatedEnvironment('rules');
    scheduling = await startService('scheduling', AppModule);
    db = scheduling.app.get(DataSource);
  });

  afterAll(() => scheduling?.close());

  const everyDay = ({ practitionerId, placeId }: { practitionerId: string; placeId: string }) => ({
    practitionerId,
    placeId,
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    periods: [{ start: '09:00', end: '12:00' }],
    slotMinutes: 30,
    validFrom: '2020-01-01',
    visibility: ['SNP'],
    modes: ['AMB'],
  });

  const slotsOfRule = async (ruleId: string) =>
    db.query(`SELECT start_at, status FROM scheduling.slot WHERE opening_rule_id = $1 ORDER BY start_at`, [ruleId]);

  it('opens the slots of the next 14 days at the local hours, each with its event, and only once', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const res = await owner.practice.post('/opening-rules').send(everyDay(owner)).expect(201);
    const slots = await slotsOfRule(res.body.id);
    expect(res.body.slotsCreated).toBe(slots.length);
    expect(slots.length).toBeGreaterThanOrEqual(13 * 6);
    expect(slots.length).toBeLessThanOrEqual(15 * 6);
    expect(new Set(slots.map((s: { start_at: Date }) => utcToParisLocal(s.start_at).time))).toEqual(
      new Set(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']),
    );
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM scheduling.outbox WHERE message_key = $1`, [
      owner.practitionerId,
    ]);
    expect(n).toBe(slots.length);

    await scheduling.app.get(OpeningRulesService).expandAll(new Date());
    expect(await slotsOfRule(res.body.id)).toHaveLength(slots.length);
  });

  it('extends the horizon day by day', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const res = await owner.practice.post('/opening-rules').send(everyDay(owner)).expect(201);
    const before = (await slotsOfRule(res.body.id)).length;
    await scheduling.app.get(OpeningRulesService).expandAll(new Date(Date.now() + 86400_000));
    expect((await slotsOfRule(res.body.id)).length).toBe(before + 6);
  });

  it('skips rule slots that overlap a slot published by hand', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const tomorrow = utcToParisLocal(new Date(Date.now() + 86400_000)).date;
    await owner.practice
      .post('/slots')
      .send({
        practitionerId: owner.practitionerId,
        placeId: owner.placeId,
        start: parisLocalToUtc(tomorrow, '09:15').toISOString(),
        end: parisLocalToUtc(tomorrow, '09:45').toISOString(),
        visibility: ['PUBLIC'],
        modes: ['AMB'],
      })
      .expect(201);
    const res = await owner.practice.post('/opening-rules').send(everyDay(owner)).expect(201);
    const times = (await slotsOfRule(res.body.id))
      .map((s: { start_at: Date }) => utcToParisLocal(s.start_at))
      .filter((l: { date: string }) => l.date === tomorrow)
      .map((l: { time: string }) => l.time);
    expect(times).toEqual(['10:00', '10:30', '11:00', '11:30']);
  });

  it('withdraws the free slots of a rule that ends', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const res = await owner.practice.post('/opening-rules').send(everyDay(owner)).expect(201);
    const ended = await owner.practice.delete(`/opening-rules/${res.body.id}`).expect(200);
    expect(ended.body.slotsWithdrawn).toBe(res.body.slotsCreated);
    expect(new Set((await slotsOfRule(res.body.id)).map((s: { status: string }) => s.status))).toEqual(new Set(['withdrawn']));
  });

  it('refuses an unsound rule with the field of each problem, storing nothing', async () => {
    const owner = await practitionerWithPlace(scheduling);
    const res = await owner.practice
      .post('/opening-rules')
      .send({ ...everyDay(owner), periods: [{ start: '12:00', end: '12:00' }], validUntil: '2019-01-01' })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['periods[0].end', 'validUntil']),
    );
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM scheduling.opening_rule WHERE place_id = $1`, [owner.placeId]);
    expect(n).toBe(0);
  });
});
