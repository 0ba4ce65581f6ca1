import { feedIndicators } from '../../../../test/support/indicator-facts';
import { addDays, utcToParisLocal } from '@sas/referentials';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { Caller, RunningService, startService, waitUntilReady } from '../../../../test/support/running-service';
import { biToken, tokenFor } from '../../../../test/support/tokens';
import { AppModule } from '../app.module';
import { breakdownEvents } from './breakdowns.dataset';

const WEEK = { from: '2026-11-09', to: '2026-11-15', granularity: 'week' };
type Row = Record<string, unknown>;
const byGroup = (rows: Row[], group: string) => Object.fromEntries(rows.map((r) => [String(r[group]), r]));

describe('breakdowns and slot utilisation: facts from real events through Kafka, exact under duplicates and disorder', () => {
  let indicators: RunningService;
  let bi: Caller;
  const today = utcToParisLocal(new Date()).date;
  // Two days from now, on the minute: a slot still free.
  const futureStart = new Date(Math.floor((Date.now() + 2 * 86_400_000) / 60_000) * 60_000).toISOString();

  const get = async (path: string, query: Record<string, string>, caller = bi) =>
    (await caller.get(path).query(query).expect(200)).body as { rows: Row[]; metadata: Row };

  beforeAll(async () => {
    await useIsolatedEnvironment('breakdowns');
    indicators = await startService('indicators', AppModule);
    await waitUntilReady(indicators);
    bi = indicators.as(await biToken());
    const events = breakdownEvents(futureStart);
    const stats = await feedIndicators(indicators, events, { prefix: process.env.KAFKA_TOPIC_PREFIX!, seed: 11 });
    expect(stats.handled).toBe(events.length);
    expect(stats.deadLettered).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await indicators?.close();
  });

  it('tells what became of the published SNP slots, per territory: via the SAS, elsewhere, lost, withdrawn, free', async () => {
    const { rows } = await get('/indicators/slot-utilisation', WEEK);
    const t = byGroup(rows, 'territory');
    expect(t['92']).toEqual({
      period: '2026-11-09',
      territory: '92',
      snp_slots_published: 7,
      snp_slots_booked_via_sas: 2,
      snp_slots_booked_elsewhere: 1,
      snp_slots_expired: 3,
      snp_slots_withdrawn: 1,
      snp_slots_free: 0,
      share_booked_via_sas: 0.2857,
      share_booked_elsewhere: 0.1429,
      share_expired: 0.4286,
      share_withdrawn: 0.1429,
      share_free: 0,
    });
    expect(t['75']).toMatchObject({ snp_slots_published: 1, snp_slots_booked_via_sas: 1, share_booked_via_sas: 1 });
    const ahead = await get('/indicators/slot-utilisation', { from: today, to: addDays(today, 3), territory: '92' });
    expect(ahead.rows.reduce((n, r) => n + Number(r.snp_slots_free), 0)).toBe(1);
    expect(ahead.rows.reduce((n, r) => n + Number(r.snp_slots_published), 0)).toBe(1);
  });

  it('breaks orientations and consultations down by channel, with each group’s share', async () => {
    const { rows, metadata } = await get('/indicators/breakdowns', { ...WEEK, groupBy: 'channel' });
    expect(metadata).toMatchObject({ groupBy: 'channel', granularity: 'week' });
    const c = byGroup(rows, 'channel');
    expect(c['116117']).toMatchObject({ orientations_total: 3, orientations_share: 0.6, snp_consultations_booked: 2 });
    expect(c['116117']).toMatchObject({
      snp_consultations_honoured: 1,
      snp_consultations_cancelled: 1,
      snp_consultations_booked_share: 0.5,
    });
    expect(c['15']).toMatchObject({ orientations_total: 1, snp_consultations_booked: 1 });
    expect(c['other']).toMatchObject({ orientations_total: 1, snp_consultations_booked: 1 });
  });

  it('reads mode, urgency, profession, PDSA period and hour of day; a family that does not record a dimension answers null', async () => {
    const mode = byGroup((await get('/indicators/breakdowns', { ...WEEK, groupBy: 'mode' })).rows, 'mode');
    expect(mode.HH).toMatchObject({ orientations_total: 1, snp_consultations_booked: 1, snp_consultations_honoured: 1 });
    expect(mode.AMB).toMatchObject({ orientations_total: 2, snp_consultations_booked: 2 });
    expect(mode.VR).toMatchObject({ orientations_total: 1, snp_consultations_booked: 1 });
    expect(mode.null).toMatchObject({ orientations_total: 1, snp_consultations_booked: 0 });

    const urgency = byGroup((await get('/indicators/breakdowns', { ...WEEK, groupBy: 'urgency' })).rows, 'urgency');
    expect(urgency['same-day']).toMatchObject({ orientations_total: 3, snp_consultations_booked: null });

    const profession = byGroup((await get('/indicators/breakdowns', { ...WEEK, groupBy: 'profession' })).rows, 'profession');
    expect(profession.nurse).toMatchObject({ orientations_total: 2, orientations_share: 0.4, snp_consultations_booked: 2 });
    expect(profession['general-practitioner']).toMatchObject({ orientations_total: 2, snp_consultations_booked: 2 });

    // Calls at 21:00 on Monday and 14:00 on Saturday are in the PDSA; consultations by their start:
    // 20:30 on Tuesday, and 10:00 on Wednesday 11 November, a public holiday.
    const pdsa = byGroup((await get('/indicators/breakdowns', { ...WEEK, groupBy: 'pdsaPeriod' })).rows, 'pdsaPeriod');
    expect(pdsa.in).toMatchObject({ orientations_total: 2, snp_consultations_booked: 2 });
    expect(pdsa.outside).toMatchObject({ orientations_total: 3, snp_consultations_booked: 2 });

    const hours = byGroup((await get('/indicators/breakdowns', { ...WEEK, groupBy: 'hourOfDay' })).rows, 'hourOfDay');
    // Calls at 10:00 and 10:10; the consultation of 75 starts at 10:00.
    expect(hours['10']).toMatchObject({ orientations_total: 2, snp_consultations_booked: 1 });
    expect(hours['11']).toMatchObject({ orientations_total: 1, snp_consultations_booked: 1 });
  });

  it('filters: home visits, and the patients of 66 and over (the contract’s bands split at 65/66)', async () => {
    const home = await get('/indicators/breakdowns', { ...WEEK, groupBy: 'ageBand', mode: 'HH' });
    expect(home.rows).toEqual([
      expect.objectContaining({ ageBand: '66-75', orientations_total: 1, snp_consultations_booked: 1 }),
    ]);
    const older = await get('/indicators/breakdowns', { ...WEEK, ageBand: '66-75,76-85,86+' });
    expect(older.rows).toEqual([
      expect.objectContaining({
        territory: '92',
        orientations_total: 3,
        snp_consultations_booked: 2,
        snp_consultations_honoured: 1,
      }),
    ]);
  });

  it('groups by half-year and year', async () => {
    const half = await get('/indicators/breakdowns', { from: '2026-11-01', to: '2026-11-30', granularity: 'half-year' });
    expect(half.rows.map((r) => r.period)).toEqual(['2026-07-01', '2026-07-01']);
    const year = await get('/indicators/slot-utilisation', { from: '2026-11-01', to: '2026-11-30', granularity: 'year' });
    expect(year.rows.map((r) => [r.period, r.territory, r.snp_slots_published])).toEqual([
      ['2026-01-01', '75', 1],
      ['2026-01-01', '92', 7],
    ]);
  });

  it('answers CSV', async () => {
    const csv = await bi.get('/indicators/slot-utilisation.csv').query(WEEK).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(/^period,territory,snp_slots_published,snp_slots_booked_via_sas,/);
    const accept = await bi
      .get('/indicators/breakdowns')
      .set('accept', 'text/csv')
      .query({ ...WEEK, groupBy: 'mode' })
      .expect(200);
    expect(accept.text.split('\r\n')[0]).toBe(
      'period,mode,orientations_total,orientations_share,snp_consultations_booked,snp_consultations_booked_share,snp_consultations_honoured,snp_consultations_no_show,snp_consultations_cancelled',
    );
  });

  it.each([
    [{ mode: 'XX' }, 'mode', 'XX is not one of: AMB, HH, VR'],
    [{ ageBand: '60+' }, 'ageBand', '60+ is not one of'],
    [{ channel: '116117,fax' }, 'channel', 'fax is not one of'],
    [{ hourOfDay: '24' }, 'hourOfDay', '24 is not one of'],
    [{ profession: 'Nurse!' }, 'profession', 'Nurse! is not one of'],
    [{ groupBy: 'colour' }, 'groupBy', ''],
    [{ granularity: 'quarter' }, 'granularity', ''],
  ])('refuses %j with a 400 naming the field', async (bad, field, reason) => {
    const res = await bi
      .get('/indicators/breakdowns')
      .query({ ...WEEK, ...bad })
      .expect(400);
    expect(JSON.stringify(res.body)).toContain(field);
    expect(JSON.stringify(res.body)).toContain(reason);
  });

  it('keeps a BI token of one territory to its own', async () => {
    const only75 = indicators.as(await tokenFor({ role: 'bi', subject: 'bi-75', territories: ['75'] }));
    const utilisation = await get('/indicators/slot-utilisation', WEEK, only75);
    expect(utilisation.rows.map((r) => r.territory)).toEqual(['75']);
    const breakdown = await get('/indicators/breakdowns', { ...WEEK, groupBy: 'channel' }, only75);
    expect(breakdown.rows).toEqual([expect.objectContaining({ channel: 'other', orientations_total: 1, orientations_share: 1 })]);
    await only75
      .get('/indicators/slot-utilisation')
      .query({ ...WEEK, territory: '92' })
      .expect(403);
    await only75
      .get('/indicators/breakdowns')
      .query({ ...WEEK, territory: '92' })
      .expect(403);
  });
});
