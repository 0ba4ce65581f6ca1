import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FiguresRange } from '../figures/figures-scope';
import { CONSULTATION_COUNTS } from '../figures/fact-figures';
import { round } from '../figures/figures.service';
import { BreakdownGroup, columnOf, DimensionName } from './breakdown-dimensions';
import { Granularity, inRange, periodOf } from '../figures/periods';

export interface BreakdownQuery extends FiguresRange {
  granularity: Granularity;
  groupBy: BreakdownGroup;
  /** Each dimension filtered on, with the values kept. */
  filters: Partial<Record<DimensionName, string[]>>;
}

export type BreakdownRow = { period: string } & Record<string, string | number | null>;

export const ORIENTATION_FIGURES = ['orientations_total', 'orientations_share'] as const;
export const CONSULTATION_FIGURES = [
  'snp_consultations_booked',
  'snp_consultations_booked_share',
  'snp_consultations_honoured',
  'snp_consultations_no_show',
  'snp_consultations_cancelled',
] as const;
export const BREAKDOWN_FIGURES = [...ORIENTATION_FIGURES, ...CONSULTATION_FIGURES];

type Family = 'orientation' | 'consultation';

/**
 * Orientations and consultations by a dimension and filters, read from the fact rows: a
 * month of a département at full scale (some 40,000 orientations) answers in under a tenth
 * of a second through the (territory, time) and booking time indexes (bench:breakdowns),
 * and the rollups hold none of these dimensions (adding them there would multiply every
 * rollup row by each dimension's values).
 */
@Injectable()
export class BreakdownsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async compute(query: BreakdownQuery): Promise<BreakdownRow[]> {
    const families = (['orientation', 'consultation'] as const).filter((f) => this.applies(f, query));
    const rows = new Map<string, BreakdownRow>();
    for (const answer of await Promise.all(families.map((f) => this.read(f, query)))) {
      for (const { period, grp, ...figures } of answer) {
        const group = grp === null ? null : String(grp);
        const key = `${String(period)}|${group}`;
        if (!rows.has(key)) rows.set(key, emptyRow(String(period), query.groupBy, group, families));
        const row = rows.get(key)!;
        for (const [name, value] of Object.entries(figures)) row[name] = Number(value);
      }
    }
    return withShares([...rows.values()], families).sort(
      (a, b) =>
        a.period.localeCompare(b.period) || String(a[query.groupBy] ?? '~').localeCompare(String(b[query.groupBy] ?? '~')),
    );
  }

  /** A family is read when it records the group and every dimension filtered on. */
  private applies(family: Family, query: BreakdownQuery): boolean {
    const used: BreakdownGroup[] = [query.groupBy, ...(Object.keys(query.filters) as DimensionName[])];
    return used.every((d) => columnOf(d, family) !== null);
  }

  private read(family: Family, query: BreakdownQuery): Promise<Record<string, unknown>[]> {
    const params: unknown[] = [query.territories ?? null, query.from, query.to];
    const filters = Object.entries(query.filters).map(([name, values]) => {
      params.push(values);
      return `${columnOf(name as DimensionName, family)} = ANY($${params.length}::text[])`;
    });
    const group = columnOf(query.groupBy, family)!;
    const territory = columnOf('territory', family)!;
    const where = [`($1::text[] IS NULL OR ${territory} = ANY($1::text[]))`, ...filters].join(' AND ');
    if (family === 'orientation')
      return this.db.query(
        `SELECT ${periodOf('o.oriented_at', query.granularity)} AS period, ${group} AS grp, count(*) AS orientations_total
           FROM indicators.orientation_fact o LEFT JOIN indicators.case_fact c ON c.case_id = o.case_id
          WHERE ${inRange('o.oriented_at')} AND ${where}
          GROUP BY 1, 2`,
        params,
      );
    return this.db.query(
      `SELECT ${periodOf('a.booked_at', query.granularity)} AS period, ${group} AS grp,
              ${CONSULTATION_COUNTS}
         FROM indicators.appointment_fact a
         LEFT JOIN indicators.case_fact c ON c.case_id = a.case_id
         LEFT JOIN indicators.slot_fact s ON s.slot_id = a.slot_id
        WHERE a.booked_at IS NOT NULL AND ${inRange('a.booked_at')} AND ${where}
        GROUP BY 1, 2`,
      params,
    );
  }
}

/** Figures of a family not read are null (not recorded by it); of a family read, 0 until counted. */
function emptyRow(period: string, groupBy: BreakdownGroup, group: string | null, families: readonly Family[]): BreakdownRow {
  const row: BreakdownRow = { period, [groupBy]: group };
  for (const name of ORIENTATION_FIGURES) row[name] = families.includes('orientation') ? 0 : null;
  for (const name of CONSULTATION_FIGURES) row[name] = families.includes('consultation') ? 0 : null;
  return row;
}

/** Each group's share of its period's orientations and bookings (with the same filters). */
function withShares(rows: BreakdownRow[], families: readonly Family[]): BreakdownRow[] {
  const totals = new Map<string, { orientations: number; booked: number }>();
  for (const row of rows) {
    const t = totals.get(row.period) ?? { orientations: 0, booked: 0 };
    t.orientations += Number(row.orientations_total ?? 0);
    t.booked += Number(row.snp_consultations_booked ?? 0);
    totals.set(row.period, t);
  }
  const share = (n: number, total: number) => (total > 0 ? round(n / total) : null);
  for (const row of rows) {
    const t = totals.get(row.period)!;
    if (families.includes('orientation')) row.orientations_share = share(Number(row.orientations_total), t.orientations);
    if (families.includes('consultation'))
      row.snp_consultations_booked_share = share(Number(row.snp_consultations_booked), t.booked);
  }
  return rows;
}
