import { SEARCH_WINDOW_HOURS, WEEKLY_CAP } from '@sas/contracts';
import { WHOLE_TERRITORY } from '../facts/daily-rollup';
import { OUTCOME_CODES } from './definitions';
import { delaysFromFacts } from './fact-figures';
import type { GroupBy } from './figures.service';

/**
 * The figures' SQL over the daily rollups (facts/daily-rollup.ts), for the groups the
 * rollups hold (region, territory, commune); each family answers the rows, columns and
 * values its query over the facts answers. Parameters as the facts' queries: $1
 * granularity, $2 from, $3 to, $4 territories, $5 region; the query of the
 * weekly cap takes the contract's cap (WEEKLY_CAP) as one parameter more. Each family comes
 * with the parameters it takes.
 */
export function rollupFamilies(
  groupBy: GroupBy,
  params: unknown[],
  summableOnly = false,
): [sql: string, params: unknown[]][] | undefined {
  const group = GROUPS[groupBy];
  if (!group) return undefined;
  // r.territory itself (not NULLIF(r.territory, '')), so that the key's territory column bounds an index scan;
  // '' taken out of the list keeps the rows of an unknown territory out as NULLIF did.
  const territories = `${kept('r.territory')} AND ${group} IS NOT NULL`;
  // A region or a territory reads its territories' wholes; communes read their own rows.
  const where = `${territories} AND r.commune_code ${groupBy === 'commune' ? '<>' : '='} '${WHOLE_TERRITORY}'`;
  const from = (table: string) => `FROM indicators.${table} r WHERE ${periods} AND ${where}`;
  const select = `SELECT to_char(date_trunc($1, r.period::timestamp), 'YYYY-MM-DD') AS period, ${group} AS grp`;
  const byPeriod = `GROUP BY date_trunc($1, r.period::timestamp), 2`;
  type Family = string | [string, unknown[]];
  // The figures a sum of groups cannot give (distinct publishers, delays, weekly loads), left out on demand.
  const exact = (...these: Family[]) => (summableOnly ? [] : these);
  const families: Family[] = [
    `${select},
            COALESCE(sum(r.snp_slots), 0) AS snp_slots_published,
            COALESCE(sum(r.snp_seconds), 0) / 3600 AS snp_hours_published,
            COALESCE(sum(r.walk_in_slots), 0) AS walk_in_slots_published
       ${from('slot_rollup')} ${byPeriod} HAVING sum(r.slots) > 0`,
    ...exact(
      groupBy === 'commune'
        ? `${select}, count(DISTINCT r.publisher) AS practitioners_publishing_snp
       ${from('snp_publisher_rollup')} AND r.snp_slots > 0 ${byPeriod}`
        : publishersFromCounts(group, territories, groupBy === 'region'),
    ),
    `${select},
            sum(r.booked) AS snp_consultations_booked, sum(r.honoured) AS snp_consultations_honoured,
            sum(r.no_show) AS snp_consultations_no_show, sum(r.cancelled) AS snp_consultations_cancelled
       ${from('appointment_rollup')} ${byPeriod} HAVING sum(r.booked) > 0`,
    `${select},
            sum(r.orientations) AS orientations_total,
            COALESCE(sum(r.orientations) FILTER (WHERE r.reorientation), 0) AS reorientations,
            ${OUTCOME_CODES.map((code) => `COALESCE(sum(r.orientations) FILTER (WHERE r.outcome = '${code}'), 0) AS orientations_${code.replace(/-/g, '_')}`).join(', ')}
       ${from('orientation_rollup')} ${byPeriod} HAVING sum(r.orientations) > 0`,
    // A commune's delays are read from its facts (its month is a few rows; its wholes are not kept per minute).
    ...exact(
      groupBy === 'commune'
        ? delaysFromFacts({
            group: 'o.commune_code',
            where: `($4::text[] IS NULL OR o.territory = ANY($4::text[])) AND o.commune_code IS NOT NULL`,
          })
        : delaysFromRollups(group, territories),
      [weeklyLoads(groupBy, group, where, `$${params.length + 1}`), [...params, WEEKLY_CAP]],
    ),
    `${select}, sum(r.requests) AS snp_requests ${from('request_rollup')} ${byPeriod} HAVING sum(r.cases) > 0`,
  ];
  return families.map((family) => (typeof family === 'string' ? [family, params] : family));
}

/**
 * SNP publishers of a region or territories. A whole period reads its count kept per
 * territory, and a region the count of all territories together when every territory with
 * publishers in that period is one the filter keeps (else a publisher present in a territory
 * left out would count). Other periods, and those a range cuts, count the distinct publishers
 * of their rows, as before. Exact either way (rollup-equivalence.int-spec.ts).
 */
function publishersFromCounts(group: string, territories: string, region: boolean): string {
  const distinct = `CROSS JOIN LATERAL (
         SELECT ${group} AS grp, count(DISTINCT r.publisher) AS n
           FROM indicators.snp_publisher_rollup r
          WHERE r.grain = CASE WHEN s.whole THEN $1 ELSE 'day' END
            AND r.period >= GREATEST(s.p, $2::date) AND r.period < LEAST((s.p + ${span})::date, $3::date + 1)
            AND r.commune_code = '${WHOLE_TERRITORY}' AND r.territory <> '${WHOLE_TERRITORY}' AND ${territories} AND r.snp_slots > 0
          GROUP BY 1) x`;
  const own = region
    ? `SELECT a.period, $5::text AS grp, a.publishers FROM counted a
        WHERE ${regionMayReadWhole('a', 'counted')}`
    : `SELECT a.period, NULLIF(a.territory, '') AS grp, a.publishers FROM counted a
        WHERE a.territory NOT IN ('${WHOLE_TERRITORY}', '') AND ${kept('a.territory')}`;
  return `WITH series AS (
       SELECT p::date AS p, ${whole('p::date')} AS whole
         FROM generate_series(date_trunc($1, $2::date::timestamp), $3::date::timestamp, ${span}) p),
     counted AS (
       SELECT c.period, c.territory, c.publishers FROM indicators.snp_publisher_count c
        WHERE c.grain = $1 AND c.period BETWEEN $2::date AND $3::date AND ${whole('c.period')} AND c.publishers > 0),
     own AS MATERIALIZED (${own})
     SELECT to_char(o.period::timestamp, 'YYYY-MM-DD') AS period, o.grp, o.publishers AS practitioners_publishing_snp FROM own o
     UNION ALL
     SELECT to_char(s.p::timestamp, 'YYYY-MM-DD'), x.grp, x.n FROM series s ${distinct}
      WHERE NOT (s.whole AND ${region ? 'EXISTS (SELECT 1 FROM own o WHERE o.period = s.p)' : 'true'})`;
}

/**
 * The weekly loads (appointments per practitioner and week) of the groups, from the
 * practitioners' week rows. A territory holds one row per practitioner and week; a commune's
 * rows are summed per practitioner. A region reads, for a week, each practitioner's row in
 * all territories together when every territory with appointments that week is one the
 * filter keeps; otherwise (a caller's few territories) it sums the practitioner's rows of the
 * territories kept. `cap`: the parameter holding the contract's cap.
 */
function weeklyLoads(groupBy: GroupBy, group: string, placed: string, cap: string): string {
  const weeks = `r.grain = 'week' AND r.period >= $2::date AND r.period < $3::date + 1`;
  // `placed`: the territories kept and the communes' or wholes' rows; never the rows of all
  // territories together, which a region reads on its own below.
  const where = `${placed} AND r.territory <> '${WHOLE_TERRITORY}'`;
  const summed = (also: string) => `SELECT r.period AS week, ${group} AS grp, sum(r.appointments) AS n
           FROM indicators.weekly_load_rollup r WHERE ${weeks} AND ${where}${also}
          GROUP BY r.period, ${group}, r.practitioner_id HAVING sum(r.appointments) > 0`;
  const figures = `SELECT to_char(date_trunc($1, week::timestamp), 'YYYY-MM-DD') AS period, grp,
            avg(n) AS sas_consultations_per_practitioner_week_mean,
            max(n) AS sas_consultations_per_practitioner_week_max,
            count(*) FILTER (WHERE n >= ${cap}::int) AS practitioners_at_weekly_cap
       FROM weekly GROUP BY date_trunc($1, week::timestamp), 2`;
  if (groupBy === 'territory')
    return `WITH weekly AS (SELECT r.period AS week, ${group} AS grp, r.appointments AS n
           FROM indicators.weekly_load_rollup r WHERE ${weeks} AND ${where} AND r.appointments > 0)
     ${figures}`;
  if (groupBy !== 'region') return `WITH weekly AS (${summed('')}) ${figures}`;
  return `WITH counted AS (
       SELECT c.period, c.territory FROM indicators.weekly_load_count c
        WHERE c.grain = 'week' AND c.period >= $2::date AND c.period < $3::date + 1 AND c.practitioners > 0),
     whole AS (
       SELECT a.period FROM counted a WHERE ${regionMayReadWhole('a', 'counted')}),
     -- the other weeks with appointments, named (not "NOT IN whole"), so that their rows are looked up by the key
     partial AS (SELECT period FROM counted WHERE territory <> '${WHOLE_TERRITORY}' EXCEPT SELECT period FROM whole),
     weekly AS (
       SELECT r.period AS week, ${group} AS grp, r.appointments AS n
         FROM indicators.weekly_load_rollup r
        WHERE ${weeks} AND r.period IN (SELECT period FROM whole) AND r.territory = '${WHOLE_TERRITORY}'
          AND r.commune_code = '${WHOLE_TERRITORY}' AND r.appointments > 0
       UNION ALL
       ${summed(' AND r.period IN (SELECT period FROM partial)')})
     ${figures}`;
}

/**
 * Median, p90 and shares of the delays of a region or territories, from the delays counted
 * per hour and minute: the hours give the totals, the shares and which hour holds each rank
 * percentile_cont interpolates between; the minutes are read inside those hours only.
 * Equal to percentile_cont over the facts (rollup-equivalence.int-spec.ts).
 */
function delaysFromRollups(group: string, where: string): string {
  const position = (fraction: number, total: string) => `${fraction}::float8 * (${total} - 1)::float8`;
  return `WITH hours AS (
       SELECT date_trunc($1, r.period::timestamp) AS p, ${group} AS grp, r.hour, sum(r.delays) AS n
         FROM indicators.delay_hour_rollup r WHERE ${periods} AND ${where}
        GROUP BY 1, 2, 3 HAVING sum(r.delays) > 0),
     totals AS (
       SELECT p, grp, sum(n) AS total, COALESCE(sum(n) FILTER (WHERE hour <= 24), 0) AS within_24h,
              COALESCE(sum(n) FILTER (WHERE hour <= ${SEARCH_WINDOW_HOURS}), 0) AS within_48h
         FROM hours GROUP BY 1, 2),
     running AS (SELECT h.*, sum(h.n) OVER (PARTITION BY h.p, h.grp ORDER BY h.hour) - h.n AS before FROM hours h),
     ranks AS (
       SELECT t.p, t.grp, q.fraction, q.rank
         FROM totals t CROSS JOIN LATERAL (VALUES
              (0.5, floor(${position(0.5, 't.total')})), (0.5, ceil(${position(0.5, 't.total')})),
              (0.9, floor(${position(0.9, 't.total')})), (0.9, ceil(${position(0.9, 't.total')}))) q(fraction, rank)),
     -- Each hour holding a rank, once (a median's two ranks are nearly always in one hour).
     holding AS MATERIALIZED (
       SELECT DISTINCT h.p, h.grp, h.hour, h.before, ${whole('h.p::date')} AS whole
         FROM ranks k JOIN running h ON h.p = k.p AND h.grp = k.grp AND k.rank >= h.before AND k.rank < h.before + h.n),
     -- The minutes of those hours, with the count of delays up to and before each one over the whole period.
     minutes AS MATERIALIZED (
       SELECT x.p, x.grp, m.minute, x.before + sum(m.n) OVER (PARTITION BY x.p, x.grp, x.hour ORDER BY m.minute) AS upto, m.n
         FROM holding x CROSS JOIN LATERAL (
              SELECT r.minute, sum(r.delays) AS n
                -- the rows of period x.p: its own row when whole, else its days inside the range, each
                -- named by an equality so that the key's (grain, period, territory, hour) prefix bounds
                -- every lookup (a range of periods would read every territory's and hour's minutes)
                FROM indicators.delay_minute_rollup r
               WHERE r.grain = CASE WHEN x.whole THEN $1 ELSE 'day' END
                 AND r.period = ANY(ARRAY(SELECT generate_series(
                       CASE WHEN x.whole THEN x.p ELSE GREATEST(x.p, $2::date::timestamp) END,
                       CASE WHEN x.whole THEN x.p ELSE LEAST(x.p + ${span} - interval '1 day', $3::date::timestamp) END,
                       interval '1 day')::date))
                 AND ${where} AND ${group} = x.grp AND r.hour = x.hour
               GROUP BY r.minute HAVING sum(r.delays) > 0) m),
     -- The minute holding each rank: the delays before it are at most the rank, those up to it more.
     valued AS (
       SELECT k.p, k.grp, k.fraction, m.minute
         FROM ranks k JOIN minutes m ON m.p = k.p AND m.grp = k.grp AND m.upto - m.n <= k.rank AND m.upto > k.rank),
     percentiles AS (SELECT p, grp, fraction, min(minute) AS lo, max(minute) AS hi FROM valued GROUP BY 1, 2, 3)
     SELECT to_char(t.p, 'YYYY-MM-DD') AS period, t.grp,
            ${[0.5, 0.9]
              .map(
                (
                  fraction,
                ) => `(SELECT lo::float8 + (hi::float8 - lo::float8) * (${position(fraction, 't.total')} - floor(${position(fraction, 't.total')}))
                 FROM percentiles x WHERE x.p = t.p AND x.grp = t.grp AND x.fraction = ${fraction}) AS delay_call_to_appointment_${fraction === 0.5 ? 'median' : 'p90'}_minutes`,
              )
              .join(', ')},
            t.within_24h::numeric / t.total AS share_appointments_within_24h,
            t.within_48h::numeric / t.total AS share_appointments_within_48h
       FROM totals t`;
}

/** Whether a territory is one the caller keeps ($4, none: all); '' (an unknown territory) never is. */
const kept = (territory: string) => `($4::text[] IS NULL OR ${territory} = ANY(array_remove($4::text[], '')))`;

/**
 * Whether the row `row` of `counted` (period, territory of a count table) is a period's whole of
 * all territories that a region may read: every territory counted in that period is one the
 * caller keeps (else what a territory left out holds would count).
 */
const regionMayReadWhole = (row: string, counted: string) =>
  `${row}.territory = '${WHOLE_TERRITORY}' AND NOT EXISTS (SELECT 1 FROM ${counted} o
     WHERE o.period = ${row}.period AND o.territory <> '${WHOLE_TERRITORY}' AND NOT ${kept('o.territory')})`;

const GROUPS: Partial<Record<GroupBy, string>> = {
  region: '$5::text',
  territory: `NULLIF(r.territory, '')`,
  commune: `NULLIF(r.commune_code, '')`,
};

/**
 * The rows of the periods asked for: a whole period inside [from, to] from its own rows
 * (a week, a month), a period the range cuts from its days inside the range. Both start
 * inside [from, to]: said first, as two grains and a range of periods, so that the
 * (grain, period, …) keys serve the read instead of a scan of every row (the OR alone
 * bounds neither column).
 */
const span = `('1 ' || $1)::interval`;
const whole = (start: string) => `(${start} >= $2::date AND (${start} + ${span})::date - 1 <= $3::date)`;
const periods = `r.grain IN ($1, 'day') AND r.period BETWEEN $2::date AND $3::date AND ((r.grain = $1 AND ${whole('r.period')})
   OR (r.grain = 'day' AND r.period BETWEEN $2::date AND $3::date AND NOT ${whole('date_trunc($1, r.period::timestamp)::date')}))`;
