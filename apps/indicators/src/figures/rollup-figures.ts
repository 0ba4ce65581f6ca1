import { SEARCH_WINDOW_HOURS, WEEKLY_CAP } from '@sas/contracts';
import { OUTCOME_CODES } from './definitions';
import type { GroupBy } from './figures.service';

/**
 * The figures' SQL over the daily rollups (facts/daily-rollup.ts), for the groups the
 * rollups hold (region, territory, commune); each family answers the rows, columns and
 * values its query over the facts answers. Parameters as the facts' queries: $1
 * granularity, $2 from, $3 to, $4 territories, $5 region; the query of the
 * weekly cap takes the contract's cap (WEEKLY_CAP) as one parameter more. Each family comes
 * with the parameters it takes.
 */
export function rollupFamilies(groupBy: GroupBy, params: unknown[]): [sql: string, params: unknown[]][] | undefined {
  const group = GROUPS[groupBy];
  if (!group) return undefined;
  const capParam = `$${params.length + 1}`;
  const where = `($4::text[] IS NULL OR NULLIF(r.territory, '') = ANY($4::text[])) AND ${group} IS NOT NULL`;
  const from = (table: string) => `FROM indicators.${table} r WHERE ${periods} AND ${where}`;
  const select = `SELECT to_char(date_trunc($1, r.period::timestamp), 'YYYY-MM-DD') AS period, ${group} AS grp`;
  const byPeriod = `GROUP BY date_trunc($1, r.period::timestamp), 2`;
  const families: (string | [string, unknown[]])[] = [
    `${select},
            COALESCE(sum(r.snp_slots), 0) AS snp_slots_published,
            COALESCE(sum(r.snp_seconds), 0) / 3600 AS snp_hours_published,
            COALESCE(sum(r.walk_in_slots), 0) AS walk_in_slots_published
       ${from('slot_rollup')} ${byPeriod} HAVING sum(r.slots) > 0`,
    `${select}, count(DISTINCT r.publisher) AS practitioners_publishing_snp
       ${from('snp_publisher_rollup')} AND r.snp_slots > 0 ${byPeriod}`,
    `${select},
            sum(r.booked) AS snp_consultations_booked, sum(r.honoured) AS snp_consultations_honoured,
            sum(r.no_show) AS snp_consultations_no_show, sum(r.cancelled) AS snp_consultations_cancelled
       ${from('appointment_rollup')} ${byPeriod} HAVING sum(r.booked) > 0`,
    `${select},
            sum(r.orientations) AS orientations_total,
            COALESCE(sum(r.orientations) FILTER (WHERE r.reorientation), 0) AS reorientations,
            ${OUTCOME_CODES.map((code) => `COALESCE(sum(r.orientations) FILTER (WHERE r.outcome = '${code}'), 0) AS orientations_${code.replace(/-/g, '_')}`).join(', ')}
       ${from('orientation_rollup')} ${byPeriod} HAVING sum(r.orientations) > 0`,
    delaysFromFacts(FACT_GROUPS[groupBy]!),
    [
      `WITH weekly AS (
       SELECT r.period AS week, ${group} AS grp, r.practitioner_id, sum(r.appointments) AS n
         FROM indicators.weekly_load_rollup r
        WHERE r.grain = 'week' AND r.period >= $2::date AND r.period < $3::date + 1 AND ${where}
        GROUP BY 1, 2, 3 HAVING sum(r.appointments) > 0)
     SELECT to_char(date_trunc($1, week::timestamp), 'YYYY-MM-DD') AS period, grp,
            avg(n) AS sas_consultations_per_practitioner_week_mean,
            max(n) AS sas_consultations_per_practitioner_week_max,
            count(*) FILTER (WHERE n >= ${capParam}::int) AS practitioners_at_weekly_cap
       FROM weekly GROUP BY date_trunc($1, week::timestamp), 2`,
      [...params, WEEKLY_CAP],
    ],
    `${select}, sum(r.requests) AS snp_requests ${from('request_rollup')} ${byPeriod} HAVING sum(r.cases) > 0`,
  ];
  return families.map((family) => (typeof family === 'string' ? [family, params] : family));
}

/**
 * Median, p90 and shares of the delays, from the orientation facts of the range: counted per
 * minute and day they were more rows than the facts at full scale (bench:dashboard).
 */
function delaysFromFacts(group: string): string {
  return `SELECT to_char(date_trunc($1, (o.call_received_at AT TIME ZONE 'Europe/Paris')), 'YYYY-MM-DD') AS period, ${group} AS grp,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY o.delay_minutes) AS delay_call_to_appointment_median_minutes,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY o.delay_minutes) AS delay_call_to_appointment_p90_minutes,
          avg((o.delay_minutes <= 1440)::int) AS share_appointments_within_24h,
          avg((o.delay_minutes <= ${SEARCH_WINDOW_HOURS * 60})::int) AS share_appointments_within_48h
     FROM indicators.orientation_fact o
    WHERE o.delay_minutes IS NOT NULL
      AND o.call_received_at >= ($2::date::timestamp AT TIME ZONE 'Europe/Paris') AND o.call_received_at < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')
      AND ($4::text[] IS NULL OR o.territory = ANY($4::text[])) AND ${group} IS NOT NULL
    GROUP BY date_trunc($1, (o.call_received_at AT TIME ZONE 'Europe/Paris')), 2`;
}
const FACT_GROUPS: Partial<Record<GroupBy, string>> = { region: '$5::text', territory: 'o.territory', commune: 'o.commune_code' };

const GROUPS: Partial<Record<GroupBy, string>> = {
  region: '$5::text',
  territory: `NULLIF(r.territory, '')`,
  commune: `NULLIF(r.commune_code, '')`,
};

/**
 * The rows of the periods asked for: a whole period inside [from, to] from its own rows
 * (a week, a month), a period the range cuts from its days inside the range.
 */
const span = `('1 ' || $1)::interval`;
const whole = (start: string) => `(${start} >= $2::date AND (${start} + ${span})::date - 1 <= $3::date)`;
const periods = `((r.grain = $1 AND ${whole('r.period')})
   OR (r.grain = 'day' AND r.period BETWEEN $2::date AND $3::date AND NOT ${whole('date_trunc($1, r.period::timestamp)::date')}))`;
