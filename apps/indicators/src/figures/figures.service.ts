import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { departementPopulation, departementsOfRegion, findCommune } from '@sas/referentials';
import { DataSource } from 'typeorm';
import { INDICATOR_NAMES, OUTCOME_CODES } from './definitions';
import { FiguresRange } from './figures-scope';
import { RESPONSE_RATE, WEEKLY_CAP, responseRate } from '@sas/contracts';
import { CONSULTATION_COUNTS, delaysFromFacts, weeklyLoadsFromFacts } from './fact-figures';
import { Granularity, inRange, parisLocal, periodByParam, periodStartByParam, ROLLUP_GRANULARITIES } from './periods';
import { rollupFamilies } from './rollup-figures';

export type { Granularity } from './periods';

export type GroupBy = 'territory' | 'region' | 'commune' | 'structure' | 'practitioner';

export interface FiguresQuery extends FiguresRange {
  /** The one territory asked for, if any (repeated in the answer's metadata). */
  territory?: string;
  granularity: Granularity;
  groupBy: GroupBy;
  /** With groupBy region: the region named in each row (its départements being the filter). */
  region?: string;
}

export type FiguresRow = { period: string } & Record<string, string | number | null>;

/** Where figures are computed from: the daily rollups where they hold the groups asked for, or the fact rows. */
export type FiguresSource = 'rollups' | 'facts';

/**
 * How each fact family is grouped. Demand (cases, orientations, bookings of a case) goes
 * by the patient's territory and commune; supply (slots, weekly load) by the place's.
 */
const GROUPS: Record<GroupBy, { slot: string; kase: string | null; appointment: string; load: string; orientation: string }> = {
  // One group for everything the territory filter keeps: the region, or a caller's territories.
  region: { slot: '$5::text', kase: '$5::text', appointment: '$5::text', load: '$5::text', orientation: '$5::text' },
  territory: {
    slot: 's.departement',
    kase: 'c.territory',
    appointment: 'COALESCE(c.territory, a.departement)',
    load: 'a.departement',
    orientation: 'o.territory',
  },
  commune: {
    slot: 's.commune_code',
    kase: 'c.commune_code',
    appointment: 'COALESCE(c.commune_code, a.commune_code)',
    load: 'a.commune_code',
    orientation: 'o.commune_code',
  },
  structure: {
    slot: 's.structure_id::text',
    kase: null,
    appointment: 'a.structure_id::text',
    load: 'a.structure_id::text',
    orientation: 'o.structure_id::text',
  },
  practitioner: {
    slot: 's.practitioner_id::text',
    kase: null,
    appointment: 'a.practitioner_id::text',
    load: 'a.practitioner_id::text',
    orientation: 'o.practitioner_id::text',
  },
};
const TERRITORY = {
  slot: 's.departement',
  kase: 'c.territory',
  appointment: 'COALESCE(c.territory, a.departement)',
  load: 'a.departement',
  orientation: 'o.territory',
};

// Grouped by the truncated timestamp, not its text: sorting timestamps is several times cheaper than collating strings.
const byPeriod = (column: string) => `GROUP BY ${periodStartByParam(parisLocal(column))}, 2`;
const outcomeColumn = (code: string) => `orientations_${code.replace(/-/g, '_')}`;

/**
 * The indicator figures, computed at query time from the daily rollups (region, territory
 * and commune groups) or the fact rows (structure and practitioner groups): both exact for
 * the facts received, and equal (rollup-equivalence.int-spec.ts).
 */
@Injectable()
export class FiguresService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * `summableOnly`: leave out the figures a sum of groups cannot give (distinct publishers of
   * the rollups, delays, weekly loads), for a caller that adds the groups up and computes
   * those itself (the EPCI and CPTS perimeters).
   */
  async compute(query: FiguresQuery, source: FiguresSource = 'rollups', summableOnly = false): Promise<FiguresRow[]> {
    const g = GROUPS[query.groupBy];
    // $5 only when a query names it: PostgreSQL refuses a parameter no statement uses.
    const params = [
      query.granularity,
      query.from,
      query.to,
      query.territories ?? null,
      ...(query.groupBy === 'region' ? [query.region] : []),
    ];
    const where = (family: keyof typeof TERRITORY, group: string) =>
      `($4::text[] IS NULL OR ${TERRITORY[family]} = ANY($4::text[])) AND ${group} IS NOT NULL`;
    // Half-years and years are not kept in the rollups: they are read from the facts.
    const rollups =
      source === 'rollups' && ROLLUP_GRANULARITIES.includes(query.granularity)
        ? rollupFamilies(query.groupBy, params, summableOnly)
        : undefined;
    const families: Promise<Record<string, unknown>[]>[] = rollups?.map(([sql, values]) => this.db.query(sql, values)) ?? [
      this.db.query(
        `SELECT ${periodByParam('s.start_at')} AS period, ${g.slot} AS grp,
                count(DISTINCT COALESCE(s.practitioner_id, s.owner_id)) FILTER (WHERE s.snp) AS practitioners_publishing_snp,
                count(*) FILTER (WHERE s.snp) AS snp_slots_published,
                COALESCE(sum(extract(epoch FROM s.end_at - s.start_at)) FILTER (WHERE s.snp), 0) / 3600 AS snp_hours_published,
                count(*) FILTER (WHERE s.walk_in) AS walk_in_slots_published
           FROM indicators.slot_fact s
          WHERE s.start_at IS NOT NULL AND ${inRange('s.start_at')} AND ${where('slot', g.slot)}
          ${byPeriod('s.start_at')}`,
        params,
      ),
      this.db.query(
        `SELECT ${periodByParam('a.booked_at')} AS period, ${g.appointment} AS grp,
                ${CONSULTATION_COUNTS}
           FROM indicators.appointment_fact a LEFT JOIN indicators.case_fact c ON c.case_id = a.case_id
          WHERE a.booked_at IS NOT NULL AND ${inRange('a.booked_at')} AND ${where('appointment', g.appointment)}
          ${byPeriod('a.booked_at')}`,
        params,
      ),
      this.db.query(
        `SELECT ${periodByParam('o.oriented_at')} AS period, ${g.orientation} AS grp,
                count(*) AS orientations_total,
                count(*) FILTER (WHERE o.reorientation) AS reorientations,
                ${OUTCOME_CODES.map((code) => `count(*) FILTER (WHERE o.outcome = '${code}') AS ${outcomeColumn(code)}`).join(', ')}
           FROM indicators.orientation_fact o
          WHERE ${inRange('o.oriented_at')} AND ${where('orientation', g.orientation)}
          ${byPeriod('o.oriented_at')}`,
        params,
      ),
      ...(summableOnly
        ? []
        : [
            this.db.query(delaysFromFacts({ group: g.orientation, where: where('orientation', g.orientation) }), params),
            this.db.query(
              weeklyLoadsFromFacts({ group: g.load, where: where('load', g.load) }, `$${params.length + 1}`),
              // The cap is the contract's (WEEKLY_CAP), passed as a parameter after the others.
              [...params, WEEKLY_CAP],
            ),
          ]),
    ];
    if (g.kase && !rollups) {
      families.push(
        this.db.query(
          `SELECT ${periodByParam('c.call_received_at')} AS period, ${g.kase} AS grp, count(*) FILTER (WHERE c.consultation_needed) AS snp_requests
             FROM indicators.case_fact c
            WHERE c.call_received_at IS NOT NULL AND ${inRange('c.call_received_at')} AND ${where('kase', g.kase)}
            ${byPeriod('c.call_received_at')}`,
          params,
        ),
      );
    }
    const rows = new Map<string, FiguresRow>();
    for (const family of await Promise.all(families)) {
      for (const { period: p, grp, ...figures } of family) {
        const key = `${p}|${grp}`;
        if (!rows.has(key)) rows.set(key, emptyRow(String(p), query.groupBy, String(grp), g.kase !== null));
        const row = rows.get(key)!;
        for (const [name, value] of Object.entries(figures)) row[name] = value === null ? null : Number(value);
      }
    }
    return [...rows.values()]
      .map((row) => derive(row, populationOf(row, query)))
      .sort((a, b) => (a.period + a[query.groupBy]).localeCompare(b.period + b[query.groupBy]));
  }
}

/** A row of a group and period with nothing counted (`key`: the group's column, a GroupBy or an area's kind). */
export function emptyRow(periodStart: string, key: string, group: string, hasRequests = true): FiguresRow {
  const row: FiguresRow = { period: periodStart, [key]: group };
  for (const name of INDICATOR_NAMES) row[name] = /median|p90|share_|rate|_mean|per_10k/.test(name) ? null : 0;
  if (!hasRequests) row.snp_requests = null;
  return row;
}

/** Rates and per-10,000 figures from the counts of the same row and its group's population. */
export function derive(row: FiguresRow, population: number): FiguresRow {
  const n = (name: string) => Number(row[name] ?? 0);
  const ratio = (a: number, b: number) => (b > 0 ? round(a / b) : null);
  const rate = responseRate(n(RESPONSE_RATE.numerator), row.snp_requests === null ? null : n(RESPONSE_RATE.denominator));
  row[RESPONSE_RATE.name] = rate === null ? null : round(rate);
  row.booking_rate = row.snp_requests === null ? null : ratio(n('snp_consultations_booked'), n('snp_requests'));
  row.no_show_rate = ratio(n('snp_consultations_no_show'), n('snp_consultations_honoured') + n('snp_consultations_no_show'));
  row.participating_practitioners_per_10k =
    population > 0 ? round((n('practitioners_publishing_snp') * 10_000) / population) : null;
  row.snp_hours_per_10k = population > 0 ? round((n('snp_hours_published') * 10_000) / population) : null;
  for (const name of [
    'snp_hours_published',
    'delay_call_to_appointment_median_minutes',
    'delay_call_to_appointment_p90_minutes',
    'share_appointments_within_24h',
    'share_appointments_within_48h',
    'sas_consultations_per_practitioner_week_mean',
  ]) {
    if (row[name] !== null) row[name] = round(Number(row[name]));
  }
  return row;
}

function populationOf(row: FiguresRow, query: FiguresQuery): number {
  switch (query.groupBy) {
    case 'territory':
      return departementPopulation(String(row.territory));
    case 'region':
      return (query.territories ?? departementsOfRegion(String(row.region)).map((d) => d.code)).reduce(
        (sum, code) => sum + departementPopulation(code),
        0,
      );
    case 'commune':
      return findCommune(String(row.commune))?.population ?? 0;
    // A practitioner or a structure has no population of its own: no per-10,000 figure.
    case 'practitioner':
    case 'structure':
      return 0;
  }
}

/** A figure to four decimals, as every rate and share is served. */
export function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
