import { SEARCH_WINDOW_HOURS } from '@sas/contracts';
import { inRange, parisLocal, periodByParam, periodStartByParam } from './periods';

/**
 * Figures over the fact rows: the consultations' counts, the delays' percentiles and shares,
 * and the weekly loads (appointments per practitioner and ISO week). Used by the figures of
 * any group read from the facts (structures, practitioners, half-years, communes' delays),
 * the breakdowns and the EPCI and CPTS perimeters. `group`: the SQL of a row's group; `join`:
 * rows joined to place each fact (an area's communes); `where`: which facts count.
 * Parameters: $1 granularity, $2 from, $3 to, and the others `group`, `join` and `where` name.
 */
export interface FactGroup {
  group: string;
  join?: string;
  where: string;
}

/**
 * The consultations booked, honoured, missed and cancelled among appointment rows `a` (a
 * cancellation after an outcome does not count as one).
 */
export const CONSULTATION_COUNTS = `count(*) AS snp_consultations_booked,
          count(*) FILTER (WHERE a.honoured_at IS NOT NULL) AS snp_consultations_honoured,
          count(*) FILTER (WHERE a.no_show_at IS NOT NULL) AS snp_consultations_no_show,
          count(*) FILTER (WHERE a.cancelled_at IS NOT NULL AND a.honoured_at IS NULL AND a.no_show_at IS NULL) AS snp_consultations_cancelled`;

/** Median, p90 and shares within 24 and 48 hours of the delays call → appointment, by period of the call. */
export function delaysFromFacts({ group, join = '', where }: FactGroup): string {
  return `SELECT ${periodByParam('o.call_received_at')} AS period, ${group} AS grp,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY o.delay_minutes) AS delay_call_to_appointment_median_minutes,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY o.delay_minutes) AS delay_call_to_appointment_p90_minutes,
          avg((o.delay_minutes <= 1440)::int) AS share_appointments_within_24h,
          avg((o.delay_minutes <= ${SEARCH_WINDOW_HOURS * 60})::int) AS share_appointments_within_48h
     FROM indicators.orientation_fact o ${join}
    WHERE o.delay_minutes IS NOT NULL AND ${inRange('o.call_received_at')} AND ${where}
    -- grouped by the truncated timestamp, not its text: sorting timestamps is several times cheaper than collating strings
    GROUP BY ${periodStartByParam(parisLocal('o.call_received_at'))}, 2`;
}

/**
 * Mean and maximum weekly load, and the practitioners at the weekly cap (`cap`: the parameter
 * holding the contract's WEEKLY_CAP), of the weeks starting in the range, by period of the week.
 */
export function weeklyLoadsFromFacts({ group, join = '', where }: FactGroup, cap: string): string {
  const week = `date_trunc('week', ${parisLocal('a.start_at')})`;
  return `WITH weekly AS (
     SELECT ${week} AS week, ${group} AS grp, a.practitioner_id, count(*) AS n
       FROM indicators.appointment_fact a ${join}
      WHERE a.start_at IS NOT NULL AND a.booked_at IS NOT NULL AND a.cancelled_at IS NULL AND a.practitioner_id IS NOT NULL
        AND ${week} >= $2::date AND ${week} < $3::date + 1
        -- the same weeks start within [from, to + 7 days): a range the start_at index serves
        AND a.start_at >= ($2::date::timestamp AT TIME ZONE 'Europe/Paris') AND a.start_at < (($3::date + 7)::timestamp AT TIME ZONE 'Europe/Paris')
        AND ${where}
      GROUP BY 1, 2, 3)
   SELECT to_char(${periodStartByParam('week')}, 'YYYY-MM-DD') AS period, grp,
          avg(n) AS sas_consultations_per_practitioner_week_mean,
          max(n) AS sas_consultations_per_practitioner_week_max,
          count(*) FILTER (WHERE n >= ${cap}::int) AS practitioners_at_weekly_cap
     FROM weekly GROUP BY 1, 2`;
}
