import { SEARCH_WINDOW_HOURS, WEEKLY_CAP } from '@sas/contracts';
import { periodStartByParam } from '../figures/periods';

/**
 * The figures of an area that its communes' figures cannot be summed into: a practitioner
 * publishing in two communes of an EPCI is one publisher of it, a median is not the sum of
 * medians, a practitioner's week is counted over the whole area. They are computed from the
 * fact rows, each commune mapped to its areas ($4 communes, $5 areas, element by element: a
 * commune in two CPTS perimeters counts in both). $1 granularity, $2 from, $3 to, $6 the cap.
 */
export const NOT_SUMMABLE = [
  'practitioners_publishing_snp',
  'delay_call_to_appointment_median_minutes',
  'delay_call_to_appointment_p90_minutes',
  'share_appointments_within_24h',
  'share_appointments_within_48h',
  'sas_consultations_per_practitioner_week_mean',
  'sas_consultations_per_practitioner_week_max',
  'practitioners_at_weekly_cap',
] as const;

const local = (column: string) => `(${column} AT TIME ZONE 'Europe/Paris')`;
const period = (column: string) => `to_char(${periodStartByParam(local(column))}, 'YYYY-MM-DD')`;
const inRange = (column: string) =>
  `${column} >= ($2::date::timestamp AT TIME ZONE 'Europe/Paris') AND ${column} < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`;
const areas = (column: string) => `JOIN unnest($4::text[], $5::text[]) AS m(commune, area) ON m.commune = ${column}`;

export const EXACT_AREA_FIGURES: string[] = [
  `SELECT ${period('s.start_at')} AS period, m.area AS grp,
          count(DISTINCT COALESCE(s.practitioner_id, s.owner_id)) FILTER (WHERE s.snp) AS practitioners_publishing_snp
     FROM indicators.slot_fact s ${areas('s.commune_code')}
    WHERE s.start_at IS NOT NULL AND ${inRange('s.start_at')}
    GROUP BY 1, 2`,
  `SELECT ${period('o.call_received_at')} AS period, m.area AS grp,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY o.delay_minutes) AS delay_call_to_appointment_median_minutes,
          percentile_cont(0.9) WITHIN GROUP (ORDER BY o.delay_minutes) AS delay_call_to_appointment_p90_minutes,
          avg((o.delay_minutes <= 1440)::int) AS share_appointments_within_24h,
          avg((o.delay_minutes <= ${SEARCH_WINDOW_HOURS * 60})::int) AS share_appointments_within_48h
     FROM indicators.orientation_fact o ${areas('o.commune_code')}
    WHERE o.delay_minutes IS NOT NULL AND ${inRange('o.call_received_at')}
    GROUP BY 1, 2`,
  `WITH weekly AS (
     SELECT date_trunc('week', ${local('a.start_at')}) AS week, m.area AS grp, a.practitioner_id, count(*) AS n
       FROM indicators.appointment_fact a ${areas('a.commune_code')}
      WHERE a.start_at IS NOT NULL AND a.booked_at IS NOT NULL AND a.cancelled_at IS NULL AND a.practitioner_id IS NOT NULL
        AND date_trunc('week', ${local('a.start_at')}) >= $2::date AND date_trunc('week', ${local('a.start_at')}) < $3::date + 1
      GROUP BY 1, 2, 3)
   SELECT to_char(${periodStartByParam('week')}, 'YYYY-MM-DD') AS period, grp,
          avg(n) AS sas_consultations_per_practitioner_week_mean,
          max(n) AS sas_consultations_per_practitioner_week_max,
          count(*) FILTER (WHERE n >= $6::int) AS practitioners_at_weekly_cap
     FROM weekly GROUP BY 1, 2`,
];

export const EXACT_CAP = WEEKLY_CAP;
