import { WEEKLY_CAP } from '@sas/contracts';
import { delaysFromFacts, FactGroup, weeklyLoadsFromFacts } from '../figures/fact-figures';
import { inRange, periodByParam } from '../figures/periods';

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

const placed = (column: string): FactGroup => ({
  group: 'm.area',
  join: `JOIN unnest($4::text[], $5::text[]) AS m(commune, area) ON m.commune = ${column}`,
  where: 'true',
});

/** The statements, each with its parameters, from those of the areas ($1–$5). */
export function exactAreaFigures(params: unknown[]): [sql: string, params: unknown[]][] {
  const slots = placed('s.commune_code');
  return [
    [
      `SELECT ${periodByParam('s.start_at')} AS period, ${slots.group} AS grp,
          count(DISTINCT COALESCE(s.practitioner_id, s.owner_id)) FILTER (WHERE s.snp) AS practitioners_publishing_snp
         FROM indicators.slot_fact s ${slots.join}
        WHERE s.start_at IS NOT NULL AND ${inRange('s.start_at')}
        GROUP BY 1, 2`,
      params,
    ],
    [delaysFromFacts(placed('o.commune_code')), params],
    [weeklyLoadsFromFacts(placed('a.commune_code'), '$6'), [...params, WEEKLY_CAP]],
  ];
}
