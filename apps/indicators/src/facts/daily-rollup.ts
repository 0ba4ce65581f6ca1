/**
 * Daily rollups: the fact rows summed per Paris day (and per ISO week and month, so a
 * year of weeks reads 52 rows per group, not 366) × territory × commune, kept exact by
 * statement triggers on the fact tables. A trigger sees the rows a statement changed
 * (transition tables) and adds their new contribution minus their old one, in the same
 * transaction as the fact: whatever writes facts (the consumer, the rebuild's replay, a
 * bulk load) keeps the rollups equal to them, and a redelivered event that the inbox
 * skips changes neither. Figures that are not sums stay exact: distinct publishers are
 * kept as a row per publisher (its slot count). Every contribution placed by commune is also
 * added to its territory's whole (commune `*`), so that a region or a territory reads a row
 * per period instead of one per commune. Delays are counted per hour (to find which hour
 * holds a percentile's rank) and per minute (read only inside that hour), by territory.
 */

/** The rollup families, as SQL over a relation holding fact rows (a fact table or a transition table). */
export interface RollupFamily {
  table: string;
  /** Periods each contribution is added to: the day, its ISO week (Monday), its month (first day). */
  grains: readonly ('day' | 'week' | 'month')[];
  keys: { name: string; type: string }[];
  measures: { name: string; type: string }[];
  /** Rows `day, ...keys, ...measures` contributed by `facts` (alias f); `cases` is the case_fact rows to join, if any. */
  select(facts: string, cases: string): string;
  /** Each contribution also added to the whole of all territories (territory and commune `*`). */
  allTerritories?: boolean;
  /**
   * A table counting, per period and territory (`*`: all of them), the whole rows whose
   * measure is positive: the distinct keys present, kept by the statement that changes them.
   */
  counts?: { table: string; measure: string; column: string };
}

const ALL = ['day', 'week', 'month'] as const;
const localDay = (column: string) => `(${column} AT TIME ZONE 'Europe/Paris')::date`;
const text = (name: string) => ({ name, type: 'text' });
const count = (name: string) => ({ name, type: 'bigint' });
// Nullable dimensions are kept as '' (key columns cannot be null); readers turn '' back into null.
const WHERE = [text('territory'), text('commune_code')];
/** The commune code of a territory's whole: every contribution placed by commune is also added there. */
export const WHOLE_TERRITORY = '*';

const SLOT: RollupFamily = {
  table: 'slot_rollup',
  grains: ALL,
  keys: WHERE,
  measures: [count('slots'), count('snp_slots'), { name: 'snp_seconds', type: 'numeric' }, count('walk_in_slots')],
  select: (
    f,
  ) => `SELECT ${localDay('f.start_at')} AS day, COALESCE(f.departement, '') AS territory, COALESCE(f.commune_code, '') AS commune_code,
      1 AS slots, COALESCE(f.snp, false)::int AS snp_slots,
      CASE WHEN f.snp THEN COALESCE(extract(epoch FROM f.end_at - f.start_at), 0) ELSE 0 END AS snp_seconds, COALESCE(f.walk_in, false)::int AS walk_in_slots
    FROM ${f} f WHERE f.start_at IS NOT NULL`,
};

/**
 * Who published SNP slots where and when: distinct counts over any set of periods and places,
 * and, kept as they change, the number of publishers of each period in each territory and in
 * all of them (a region's count without reading a row per publisher).
 */
const PUBLISHER: RollupFamily = {
  table: 'snp_publisher_rollup',
  grains: ALL,
  keys: [...WHERE, { name: 'publisher', type: 'uuid' }],
  measures: [count('snp_slots')],
  allTerritories: true,
  counts: { table: 'snp_publisher_count', measure: 'snp_slots', column: 'publishers' },
  select: (
    f,
  ) => `SELECT ${localDay('f.start_at')} AS day, COALESCE(f.departement, '') AS territory, COALESCE(f.commune_code, '') AS commune_code,
      COALESCE(f.practitioner_id, f.owner_id) AS publisher, 1 AS snp_slots
    FROM ${f} f WHERE f.start_at IS NOT NULL AND f.snp`,
};

/** SNP supply by day and hour of the slot start (the weekday × hour breakdown reads days only). */
const HOUR: RollupFamily = {
  table: 'snp_hour_rollup',
  grains: ['day'],
  keys: [text('territory'), { name: 'hour', type: 'smallint' }],
  measures: [count('snp_slots'), { name: 'snp_seconds', type: 'numeric' }],
  select: (f) => `SELECT ${localDay('f.start_at')} AS day, COALESCE(f.departement, '') AS territory,
      extract(hour FROM (f.start_at AT TIME ZONE 'Europe/Paris'))::smallint AS hour,
      1 AS snp_slots, COALESCE(extract(epoch FROM f.end_at - f.start_at), 0) AS snp_seconds
    FROM ${f} f WHERE f.start_at IS NOT NULL AND f.snp`,
};

/** Bookings by day of booking, placed by the patient's territory and commune (the case's, else the appointment's). */
const APPOINTMENT: RollupFamily = {
  table: 'appointment_rollup',
  grains: ALL,
  keys: WHERE,
  measures: [count('booked'), count('honoured'), count('no_show'), count('cancelled')],
  select: (f, cases) => `SELECT ${localDay('f.booked_at')} AS day, COALESCE(c.territory, f.departement, '') AS territory,
      COALESCE(c.commune_code, f.commune_code, '') AS commune_code,
      1 AS booked, (f.honoured_at IS NOT NULL)::int AS honoured, (f.no_show_at IS NOT NULL)::int AS no_show,
      (f.cancelled_at IS NOT NULL AND f.honoured_at IS NULL AND f.no_show_at IS NULL)::int AS cancelled
    FROM ${f} f LEFT JOIN ${cases} c ON c.case_id = f.case_id WHERE f.booked_at IS NOT NULL`,
};

/**
 * Appointments not cancelled per practitioner and ISO week of their start (the weekly cap);
 * also per practitioner in all territories together, with the number of practitioners
 * holding appointments in each territory and week, so that a region reads a practitioner's
 * week as one row instead of summing the rows of each territory.
 */
const LOAD: RollupFamily = {
  table: 'weekly_load_rollup',
  grains: ['week'],
  keys: [...WHERE, { name: 'practitioner_id', type: 'uuid' }],
  measures: [count('appointments')],
  allTerritories: true,
  counts: { table: 'weekly_load_count', measure: 'appointments', column: 'practitioners' },
  select: (
    f,
  ) => `SELECT ${localDay('f.start_at')} AS day, COALESCE(f.departement, '') AS territory, COALESCE(f.commune_code, '') AS commune_code,
      f.practitioner_id, 1 AS appointments
    FROM ${f} f WHERE f.start_at IS NOT NULL AND f.booked_at IS NOT NULL AND f.cancelled_at IS NULL AND f.practitioner_id IS NOT NULL`,
};

const REQUEST: RollupFamily = {
  table: 'request_rollup',
  grains: ALL,
  keys: WHERE,
  measures: [count('cases'), count('requests')],
  select: (f) => `SELECT ${localDay('f.call_received_at')} AS day, f.territory, COALESCE(f.commune_code, '') AS commune_code,
      1 AS cases, COALESCE(f.consultation_needed, false)::int AS requests
    FROM ${f} f WHERE f.call_received_at IS NOT NULL`,
};

const ORIENTATION: RollupFamily = {
  table: 'orientation_rollup',
  grains: ALL,
  keys: [...WHERE, text('outcome'), { name: 'reorientation', type: 'boolean' }],
  measures: [count('orientations')],
  select: (f) =>
    `SELECT ${localDay('f.oriented_at')} AS day, f.territory, f.commune_code, f.outcome, f.reorientation, 1 AS orientations FROM ${f} f`,
};

/** Delays from the call to the appointment, by territory: counts per hour of delay, (60·(h−1), 60·h] minutes. */
const DELAY_HOUR: RollupFamily = {
  table: 'delay_hour_rollup',
  grains: ALL,
  keys: [text('territory'), { name: 'hour', type: 'integer' }],
  measures: [count('delays')],
  select: (
    f,
  ) => `SELECT ${localDay('f.call_received_at')} AS day, f.territory, ${delayHour('f.delay_minutes')} AS hour, 1 AS delays
    FROM ${f} f WHERE f.delay_minutes IS NOT NULL`,
};

/** The same delays per minute: read only inside the hours that hold the percentiles' ranks. */
const DELAY_MINUTE: RollupFamily = {
  table: 'delay_minute_rollup',
  grains: ALL,
  // The hour before the minute: a percentile's lookup reads one hour of one period by the key's prefix.
  keys: [text('territory'), { name: 'hour', type: 'integer' }, { name: 'minute', type: 'integer' }],
  measures: [count('delays')],
  select: (f) => `SELECT ${localDay('f.call_received_at')} AS day, f.territory, ${delayHour('f.delay_minutes')} AS hour,
      f.delay_minutes AS minute, 1 AS delays
    FROM ${f} f WHERE f.delay_minutes IS NOT NULL`,
};

/** The hour of delay holding a number of minutes: hour h holds (60·(h−1), 60·h], so "within 24 h" is hours ≤ 24. */
export const delayHour = (minutes: string) => `ceil(${minutes} / 60.0)::int`;

export const ROLLUP_FAMILIES = { SLOT, PUBLISHER, HOUR, APPOINTMENT, LOAD, REQUEST, ORIENTATION, DELAY_HOUR, DELAY_MINUTE };
export const ROLLUP_TABLES = Object.values(ROLLUP_FAMILIES).flatMap((f) => [f.table, ...(f.counts ? [f.counts.table] : [])]);

/** Fact rows: a relation, or appointment rows with the case rows to place them by. */
export type RollupSource = string | { facts: string; cases: string };

/**
 * Adds to a family's rollup what the `added` rows contribute and subtracts what the
 * `removed` ones did, in one statement. Rows whose sums fall to zero stay (readers skip
 * groups without facts), so that a statement never has to find and delete them. Rows are
 * written in key order, so that concurrent transactions lock shared rows in one order.
 */
export function rollupDelta(schema: string, family: RollupFamily, added?: RollupSource, removed?: RollupSource): string {
  const keys = family.keys.map((k) => k.name);
  const measures = family.measures.map((m) => m.name);
  const rows = (source: RollupSource) =>
    typeof source === 'string' ? family.select(source, `${schema}.case_fact`) : family.select(source.facts, source.cases);
  const parts = [
    added && `SELECT 1 AS sign, a.* FROM (${rows(added)}) a`,
    removed && `SELECT -1 AS sign, r.* FROM (${rows(removed)}) r`,
  ];
  const grains = family.grains.map((g) => `('${g}')`).join(', ');
  // A family placed by commune adds each contribution to the commune and to its territory's whole
  // (level 1), and some to the whole of all territories (level 2).
  const byCommune = keys.includes('commune_code');
  const key = (k: string) =>
    k === 'commune_code' && byCommune
      ? `CASE WHEN w.level > 0 THEN '${WHOLE_TERRITORY}' ELSE c.${k} END`
      : k === 'territory' && family.allTerritories
        ? `CASE WHEN w.level = 2 THEN '${WHOLE_TERRITORY}' ELSE c.${k} END`
        : `c.${k}`;
  const levels = family.allTerritories ? '(0), (1), (2)' : '(0), (1)';
  const wholes = byCommune ? ` CROSS JOIN (VALUES ${levels}) w(level)` : '';
  const order = `ORDER BY 1, 2, ${keys.map((_, i) => i + 3).join(', ')}`;
  const contribution = `SELECT g.grain, date_trunc(g.grain, c.day::timestamp)::date AS period, ${keys.map((k) => `${key(k)} AS ${k}`).join(', ')},
           ${measures.map((m) => `sum(c.sign * c.${m}) AS ${m}`).join(', ')}
      FROM (${parts.filter(Boolean).join(' UNION ALL ')}) c CROSS JOIN (VALUES ${grains}) g(grain)${wholes}
     GROUP BY 1, 2, ${keys.map((_, i) => i + 3).join(', ')}
    HAVING ${measures.map((m) => `sum(c.sign * c.${m}) <> 0`).join(' OR ')}`;
  const upsert = (
    rows: string,
  ) => `INSERT INTO ${schema}.${family.table} AS t (grain, period, ${[...keys, ...measures].join(', ')})
    ${rows} ${order}
    ON CONFLICT (grain, period, ${keys.join(', ')}) DO UPDATE SET ${measures.map((m) => `${m} = t.${m} + excluded.${m}`).join(', ')}`;
  if (!family.counts) return upsert(contribution);
  // The rows as they are after the upsert, and what it added: a row is counted when its measure
  // turns positive, uncounted when it falls back to zero. Matched by grouping, not by a join:
  // the transition tables have no statistics, and a nested loop over thousands of rows each
  // side cost seconds per statement.
  const { table, measure, column } = family.counts;
  const all = `grain, period, ${keys.join(', ')}`;
  const whole = `WHERE commune_code = '${WHOLE_TERRITORY}'`;
  const turned = `sum((k.after > 0)::int - (k.after - k.added > 0)::int)`;
  return `WITH d AS (${contribution}),
    up AS (${upsert('SELECT * FROM d')} RETURNING t.grain, t.period, ${keys.map((k) => `t.${k}`).join(', ')}, t.${measure})
    INSERT INTO ${schema}.${table} AS n (grain, period, territory, ${column})
    SELECT k.grain, k.period, k.territory, ${turned}
      FROM (SELECT ${all}, sum(after) AS after, sum(added) AS added
              FROM (SELECT ${all}, ${measure} AS after, 0 AS added FROM up ${whole}
                    UNION ALL SELECT ${all}, 0, ${measure} FROM d ${whole}) u
             GROUP BY ${all}) k
     GROUP BY 1, 2, 3 HAVING ${turned} <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (grain, period, territory) DO UPDATE SET ${column} = n.${column} + excluded.${column}`;
}

export function rollupTableDdl(schema: string, family: RollupFamily): string {
  const keys = family.keys.map((k) => `${k.name} ${k.type} NOT NULL`);
  const measures = family.measures.map((m) => `${m.name} ${m.type} NOT NULL`);
  // IF NOT EXISTS: the first rollups' migration creates the families of the code it runs with.
  const ddl = `CREATE TABLE IF NOT EXISTS ${schema}.${family.table} (
    grain text NOT NULL, period date NOT NULL, ${[...keys, ...measures].join(', ')},
    PRIMARY KEY (grain, period, ${family.keys.map((k) => k.name).join(', ')}))`;
  if (!family.counts) return ddl;
  // Two statements in one query (no parameters): the migrations create each family with one call.
  return `${ddl};
    CREATE TABLE IF NOT EXISTS ${schema}.${family.counts.table} (grain text NOT NULL, period date NOT NULL,
      territory text NOT NULL, ${family.counts.column} bigint NOT NULL, PRIMARY KEY (grain, period, territory))`;
}

/** Every rollup recomputed from the fact tables (after a bulk load written with the triggers disabled). */
export function refillRollups(schema: string): string[] {
  return [
    `TRUNCATE ${ROLLUP_TABLES.map((t) => `${schema}.${t}`).join(', ')}`,
    ...Object.values(ROLLUP_FAMILIES).map((f) => rollupDelta(schema, f, `${schema}.${sourceOf(f)}`)),
  ];
}

export function sourceOf(family: RollupFamily): string {
  if (family === SLOT || family === PUBLISHER || family === HOUR) return 'slot_fact';
  if (family === APPOINTMENT || family === LOAD) return 'appointment_fact';
  if (family === REQUEST) return 'case_fact';
  // ORIENTATION, DELAY_HOUR, DELAY_MINUTE
  return 'orientation_fact';
}
