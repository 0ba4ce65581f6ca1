import { feedIndicators } from './support/indicator-facts';
import { findCommune } from '@sas/referentials';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { Caller, eventually, RunningService, startService, waitUntilReady } from './support/running-service';
import { adminToken, biToken, tokenFor } from './support/tokens';
import { DataSource } from 'typeorm';
import { AppModule as SchedulingModule } from '../apps/scheduling/src/app.module';
import { PublishCptsPerimeters1765460000030 } from '../apps/scheduling/src/migrations/1765460000030-publish-cpts-perimeters';
import { AppModule } from '../apps/indicators/src/app.module';
import { MELUN, MGP, territoriesWeek } from './support/territories-week';

const DAY = { from: '2026-11-16', to: '2026-11-16' };
const fieldsOf = (body: { errors?: { field: string }[] }) => body.errors?.map((e) => e.field);

/**
 * EPCI and CPTS perimeters as territories, and origin–destination pairs, from real events
 * through Kafka: the bookings of territories-week.fixture.ts, and a CPTS registered in
 * scheduling whose cpts-registered event the indicators learn its perimeter from.
 */
describe('indicators by EPCI and CPTS perimeter, and origin–destination pairs', () => {
  let indicators: RunningService;
  let scheduling: RunningService;
  let bi: Caller;

  beforeAll(async () => {
    const { topicPrefix } = await useIsolatedEnvironment('territories');
    [indicators, scheduling] = await Promise.all([
      startService('indicators', AppModule),
      startService('scheduling', SchedulingModule),
    ]);
    await Promise.all([waitUntilReady(indicators), waitUntilReady(scheduling)]);
    bi = indicators.as(await biToken());
    await feedIndicators(indicators, territoriesWeek(), { prefix: topicPrefix, timeoutMs: 60_000 });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([indicators?.close(), scheduling?.close()]);
  });

  it('sums an EPCI over its communes, counting a practitioner publishing in two of them once', async () => {
    const res = await bi
      .get('/indicators')
      .query({ ...DAY, epci: MGP })
      .expect(200);
    expect(res.body.rows).toHaveLength(1);
    const [row] = res.body.rows;
    // Demand goes by the patient's commune: Levallois twice, Paris 12e once (Melun's patient seen in Paris is Melun's).
    expect(row).toMatchObject({ period: DAY.from, epci: MGP, snp_consultations_booked: 3, snp_consultations_honoured: 1 });
    // Supply by the place's: P1 in Levallois and Clichy, P3 in Paris 12e.
    expect(row).toMatchObject({ snp_slots_published: 4, practitioners_publishing_snp: 2 });
    const communes = await bi
      .get('/indicators')
      .query({ ...DAY, epci: MGP, groupBy: 'commune' })
      .expect(200);
    expect(communes.body.rows.map((r: { commune: string }) => r.commune).sort()).toEqual(['75112', '92024', '92044']);
    const levallois = findCommune('92044')!.population;
    expect(row.participating_practitioners_per_10k).toBeLessThan((2 * 10_000) / levallois);

    const grouped = await bi
      .get('/indicators')
      .query({ ...DAY, region: '11', groupBy: 'epci' })
      .expect(200);
    const byEpci = Object.fromEntries(grouped.body.rows.map((r: { epci: string }) => [r.epci, r]));
    expect(byEpci[MGP]).toMatchObject({ snp_consultations_booked: 3 });
    expect(byEpci[MELUN]).toMatchObject({
      snp_consultations_booked: 2,
      snp_consultations_honoured: 1,
      practitioners_publishing_snp: 1,
    });
  });

  it('reads an EPCI straddling départements as its communes in the reader’s territories only', async () => {
    const bi75 = indicators.as(await tokenFor({ role: 'bi', subject: 'bi-75', territories: ['75'] }));
    const res = await bi75
      .get('/indicators')
      .query({ ...DAY, epci: MGP })
      .expect(200);
    expect(res.body.rows).toEqual([
      expect.objectContaining({ epci: MGP, snp_consultations_booked: 1, practitioners_publishing_snp: 1 }),
    ]);
    const bi77 = indicators.as(await tokenFor({ role: 'bi', subject: 'bi-77', territories: ['77'] }));
    await bi77
      .get('/indicators')
      .query({ ...DAY, epci: MGP })
      .expect(403);
    const pairs = await bi77.get('/indicators/origin-destination').query(DAY).expect(200);
    expect(pairs.body.rows.map((r: { origin: string; destination: string }) => `${r.origin}>${r.destination}`).sort()).toEqual([
      '77288>75112',
      '77288>77288',
    ]);
  });

  it('learns a CPTS perimeter from its registration in scheduling and reads the CPTS as a territory', async () => {
    const admin = await adminToken();
    await scheduling
      .as(admin)
      .put('/cpts/cpts-levallois')
      .send({ name: 'CPTS Levallois-Perret', practitionerRpps: [], structureIds: [], communes: ['92044'] })
      .expect(200);
    const res = await eventually(
      async () => {
        const answer = await bi.get('/indicators').query({ ...DAY, cpts: 'cpts-levallois' });
        return answer.status === 200 ? answer : undefined;
      },
      30_000,
      'the CPTS perimeter learnt',
    );
    expect(res.body.rows).toEqual([
      expect.objectContaining({ cpts: 'cpts-levallois', snp_consultations_booked: 2, practitioners_publishing_snp: 1 }),
    ]);
    const grouped = await bi
      .get('/indicators')
      .query({ ...DAY, groupBy: 'cpts' })
      .expect(200);
    expect(grouped.body.rows.map((r: { cpts: string }) => r.cpts)).toEqual(['cpts-levallois']);
    // A new registration replaces the perimeter.
    await scheduling
      .as(admin)
      .put('/cpts/cpts-levallois')
      .send({ name: 'CPTS Levallois-Perret', practitionerRpps: [], structureIds: [], communes: ['92044', '92024'] })
      .expect(200);
    await eventually(
      async () => {
        const answer = await bi.get('/indicators').query({ ...DAY, cpts: 'cpts-levallois', groupBy: 'commune' });
        return answer.body.rows?.length === 2 ? true : undefined;
      },
      30_000,
      'the new perimeter',
    );
  });

  it('publishes the perimeters of CPTS registered before the event existed, once the migration runs', async () => {
    const db = scheduling.app.get(DataSource);
    await db.query(
      `INSERT INTO scheduling.cpts (id, name, practitioner_rpps, structure_ids, communes) VALUES ($1, $2, '{}', '{}', $3)`,
      ['cpts-melun', 'CPTS Melun', ['77288']],
    );
    const runner = db.createQueryRunner();
    try {
      await new PublishCptsPerimeters1765460000030().up(runner);
    } finally {
      await runner.release();
    }
    const res = await eventually(
      async () => {
        const answer = await bi.get('/indicators').query({ ...DAY, cpts: 'cpts-melun' });
        return answer.status === 200 ? answer : undefined;
      },
      30_000,
      'the migrated perimeter learnt',
    );
    expect(res.body.rows).toEqual([expect.objectContaining({ cpts: 'cpts-melun', snp_consultations_booked: 2 })]);
  });

  it('counts SAS bookings and honoured ones per origin and destination, at every level, top pairs first', async () => {
    const res = await bi.get('/indicators/origin-destination').query(DAY).expect(200);
    expect(res.body.rows).toEqual([
      { origin: '77288', destination: '77288', distanceBand: 'same-commune', booked: 1, honoured: 1 },
      { origin: '92044', destination: '92044', distanceBand: 'same-commune', booked: 1, honoured: 1 },
      { origin: '75112', destination: '75112', distanceBand: 'same-commune', booked: 1, honoured: 0 },
      { origin: '77288', destination: '75112', distanceBand: '20-50 km', booked: 1, honoured: 0 },
      { origin: '92044', destination: '92024', distanceBand: '0-5 km', booked: 1, honoured: 0 },
    ]);
    const epci = await bi
      .get('/indicators/origin-destination')
      .query({ ...DAY, level: 'epci' })
      .expect(200);
    expect(epci.body.rows).toEqual([
      { origin: MGP, destination: MGP, booked: 3, honoured: 1 },
      { origin: MELUN, destination: MELUN, booked: 1, honoured: 1 },
      { origin: MELUN, destination: MGP, booked: 1, honoured: 0 },
    ]);
    const top = await bi
      .get('/indicators/origin-destination')
      .query({ ...DAY, level: 'departement', limit: 1 })
      .expect(200);
    expect(top.body.rows).toEqual([{ origin: '92', destination: '92', booked: 2, honoured: 1 }]);
    const melun = await bi
      .get('/indicators/origin-destination.csv')
      .query({ ...DAY, epci: MELUN })
      .expect(200);
    expect(melun.text).toBe(
      'origin,destination,distanceBand,booked,honoured\r\n77288,77288,same-commune,1,1\r\n77288,75112,20-50 km,1,0\r\n',
    );
  });

  it.each([
    ['/indicators', { epci: '999999999' }, 'epci'],
    ['/indicators', { epci: '2000' }, 'epci'],
    ['/indicators', { cpts: 'not registered!' }, 'cpts'],
    ['/indicators', { cpts: 'cpts-unknown' }, 'cpts'],
    ['/indicators', { epci: MGP, groupBy: 'territory' }, 'groupBy'],
    ['/indicators', { groupBy: 'epci' }, 'groupBy'],
    ['/indicators/origin-destination', { level: 'iris' }, 'level'],
    ['/indicators/origin-destination', { limit: 0 }, 'limit'],
    ['/indicators/origin-destination', { epci: '123456789' }, 'epci'],
  ])('answers %s with %j 400 naming %s', async (path, query, field) => {
    const res = await bi
      .get(path)
      .query({ ...DAY, ...query })
      .expect(400);
    expect(fieldsOf(res.body)).toEqual([field]);
  });
});
