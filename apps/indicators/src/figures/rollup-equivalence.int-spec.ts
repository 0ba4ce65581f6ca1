import { ORIENTATION_OUTCOMES } from '@sas/contracts';
import { initializeServiceDataSource, serviceDataSourceOptions } from '@sas/persistence';
import { departementsOfRegion } from '@sas/referentials';
import { seededRandom } from '@sas/simulation';
import { DataSource } from 'typeorm';
import { useIsolatedEnvironment } from '../../../../test/support/isolated-environment';
import { refillRollups, ROLLUP_TABLES } from '../facts/daily-rollup';
import { INDICATORS_MIGRATIONS } from '../migrations/indicators-migrations';
import { FiguresQuery, FiguresService, GroupBy } from './figures.service';
import { HourlySupplyService } from './hourly-supply.service';
import { between, FIRST_DAY, LAST_DAY, pick, Random, simulatedEvents, writeInRandomBatches } from './rollup-equivalence.dataset';

const REGION = departementsOfRegion('11').map((d) => d.code);

/** A random query of the kind GET /indicators and the dashboard make: any range, granularity, group and territories. */
function randomQuery(random: Random): FiguresQuery {
  const span = Math.floor((Date.parse(LAST_DAY) - Date.parse(FIRST_DAY)) / 86_400_000);
  const day = (offset: number) => new Date(Date.parse(FIRST_DAY) + offset * 86_400_000).toISOString().slice(0, 10);
  const start = between(random, -3, span);
  const from = day(start);
  const to = day(start + pick(random, [0, 1, 6, 13, 30, 45, 90, 200]) + between(random, 0, 3));
  const groupBy = pick<GroupBy>(random, ['territory', 'territory', 'region', 'region', 'commune']);
  const some = REGION.filter(() => random() < 0.4);
  const territories =
    groupBy === 'region'
      ? some.length && random() < 0.5
        ? some
        : REGION
      : pick(random, [undefined, undefined, ['92'], some.length ? some : ['75']]);
  return {
    from,
    to,
    territories,
    granularity: pick(random, ['day', 'week', 'month'] as const),
    groupBy,
    ...(groupBy === 'region' ? { region: '11' } : {}),
  };
}

describe('daily rollups give every indicator exactly as the facts do', () => {
  let db: DataSource;
  let figures: FiguresService;
  let hourly: HourlySupplyService;

  beforeAll(async () => {
    const { databaseUrl } = await useIsolatedEnvironment('rollups');
    const migrations = INDICATORS_MIGRATIONS;
    db = await initializeServiceDataSource(
      new DataSource(
        serviceDataSourceOptions({ config: { url: databaseUrl, schema: 'indicators', poolSize: 4 }, entities: [], migrations }),
      ),
    );
    figures = new FiguresService(db);
    hourly = new HourlySupplyService(db);
    // Revisions, moves, cancellations and late cases, shuffled and committed in batches as the consumer does.
    await writeInRandomBatches(db, simulatedEvents(seededRandom(26)), seededRandom(62));
  }, 120_000);

  afterAll(async () => {
    await db?.destroy();
  });

  it('answers 150 random queries (ranges cutting weeks and months, across DST and the year end) with the same rows', async () => {
    const random = seededRandom(2026);
    let rows = 0;
    for (let i = 0; i < 150; i++) {
      const query = randomQuery(random);
      const fromFacts = await figures.compute(query, 'facts');
      const fromRollups = await figures.compute(query, 'rollups');
      expect({ query, rows: fromRollups }).toEqual({ query, rows: fromFacts });
      rows += fromFacts.length;
    }
    // The dataset is not empty where the queries look: they compared thousands of rows.
    expect(rows).toBeGreaterThan(2000);
  });

  it('answers the SNP hours by weekday and hour as the facts do', async () => {
    const random = seededRandom(7);
    for (let i = 0; i < 30; i++) {
      const { from, to, territories } = randomQuery(random);
      expect(await hourly.compute({ from, to, territories }, 'rollups')).toEqual(
        await hourly.compute({ from, to, territories }, 'facts'),
      );
    }
  });

  it('holds, after every revision, move and late case, what a fresh aggregation of the facts gives', async () => {
    const snapshot = async () => {
      const tables: Record<string, unknown[]> = {};
      for (const table of ROLLUP_TABLES) {
        const measures = (
          await db.query(
            `SELECT column_name FROM information_schema.columns WHERE table_schema = 'indicators' AND table_name = $1 AND data_type IN ('bigint', 'numeric')`,
            [table],
          )
        ).map((c: { column_name: string }) => c.column_name);
        // As JSON: sums of seconds compare as numbers, whatever scale the additions left.
        tables[table] = await db.query(
          `SELECT row_to_json(t) AS r FROM indicators.${table} t WHERE ${measures.map((m: string) => `${m} <> 0`).join(' OR ')} ORDER BY t::text`,
        );
        expect(tables[table].length).toBeGreaterThan(0);
      }
      return tables;
    };
    const maintained = await snapshot();
    for (const statement of refillRollups('indicators')) await db.query(statement);
    expect(await snapshot()).toEqual(maintained);
  });

  it('counts the publishers and weekly loads of a region as the facts do, with and without every territory, practitioners in several of them included', async () => {
    // The cases the kept counts and wholes must not double: a publisher with SNP slots in two
    // territories on one day, a practitioner with appointments in two territories in one week.
    const [{ n }] = await db.query(`SELECT count(*) AS n FROM (SELECT period, publisher FROM indicators.snp_publisher_rollup
       WHERE grain = 'day' AND commune_code = '*' AND territory <> '*' AND snp_slots > 0 GROUP BY 1, 2 HAVING count(*) > 1) x`);
    expect(Number(n)).toBeGreaterThan(0);
    const [{ loads }] =
      await db.query(`SELECT count(*) AS loads FROM (SELECT period, practitioner_id FROM indicators.weekly_load_rollup
       WHERE commune_code = '*' AND territory <> '*' AND appointments > 0 GROUP BY 1, 2 HAVING count(*) > 1) x`);
    expect(Number(loads)).toBeGreaterThan(0);
    for (const granularity of ['day', 'week', 'month'] as const) {
      for (const territories of [undefined, REGION, ['75', '92', '93']]) {
        const query: FiguresQuery = { from: FIRST_DAY, to: LAST_DAY, granularity, groupBy: 'region', region: '11', territories };
        expect(await figures.compute(query, 'rollups')).toEqual(await figures.compute(query, 'facts'));
      }
    }
  });

  it('groups by an outcome of every kind and by delays on both sides of 24 h and 48 h', async () => {
    const [row] = await figures.compute({
      from: FIRST_DAY,
      to: LAST_DAY,
      granularity: 'month',
      groupBy: 'region',
      region: '11',
      territories: REGION,
    });
    expect(row).toBeDefined();
    const all = await figures.compute({ from: '2026-10-01', to: '2026-10-31', granularity: 'month', groupBy: 'territory' });
    const sum = (name: string) => all.reduce((s, r) => s + Number(r[name] ?? 0), 0);
    for (const outcome of ORIENTATION_OUTCOMES) expect(sum(`orientations_${outcome.replace(/-/g, '_')}`)).toBeGreaterThan(0);
    expect(all.some((r) => Number(r.share_appointments_within_24h) > 0 && Number(r.share_appointments_within_48h) < 1)).toBe(
      true,
    );
  });
});
