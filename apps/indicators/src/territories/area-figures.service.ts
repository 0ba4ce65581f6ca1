import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { departementOfCommune } from '@sas/referentials';
import { DataSource } from 'typeorm';
import { INDICATOR_NAMES } from '../figures/definitions';
import { FiguresRange } from '../figures/figures-scope';
import { derive, emptyRow, FiguresRow, FiguresService, Granularity } from '../figures/figures.service';
import { exactAreaFigures, NOT_SUMMABLE } from './area-exact-figures';
import { Area, areaPopulation, AreaKind, resolveAreas } from './areas';
import { CptsPerimeters } from './cpts-perimeters';

export interface AreaQuery extends FiguresRange {
  kind: AreaKind;
  /** The one EPCI or CPTS asked for; every one of the territories read when absent. */
  filter?: string;
  granularity: Granularity;
  /** One row per area and period, or (with a filter) per commune of the area. */
  groupBy: AreaKind | 'commune';
}

// Rates and per-10,000 figures are derived again from the area's own counts and population.
const DERIVED = /rate|per_10k/;
const SUMMED = INDICATOR_NAMES.filter((n) => !DERIVED.test(n) && !(NOT_SUMMABLE as readonly string[]).includes(n));

/**
 * Figures of EPCI and CPTS perimeters: the counts are the sums of their communes' figures
 * (the commune path, from the rollups); distinct counts, percentiles and weekly loads are
 * computed over the area's facts (area-exact-figures.ts); rates from the summed counts.
 */
@Injectable()
export class AreaFiguresService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly figures: FiguresService,
    private readonly perimeters: CptsPerimeters,
  ) {}

  /** The areas a query covers, within what the caller may read. */
  async areas(kind: AreaKind, filter: string | undefined, territories: string[] | undefined): Promise<Area[]> {
    return resolveAreas(kind, filter, territories, kind === 'cpts' ? await this.perimeters.all() : []);
  }

  async compute(query: AreaQuery): Promise<FiguresRow[]> {
    const areas = await this.areas(query.kind, query.filter, query.territories);
    const communes = new Set(areas.flatMap((a) => a.communes));
    const territories = [...new Set([...communes].map(departementOfCommune))];
    // Rows of the area: only what its communes' rows add up to (the rest is computed below).
    const byCommune = await this.figures.compute(
      { ...query, territories, groupBy: 'commune' },
      'rollups',
      query.groupBy !== 'commune',
    );
    const inArea = byCommune.filter((row) => communes.has(String(row.commune)));
    if (query.groupBy === 'commune') return inArea;

    const areasOf = new Map<string, string[]>();
    for (const area of areas) for (const c of area.communes) areasOf.set(c, [...(areasOf.get(c) ?? []), area.id]);
    const rows = new Map<string, FiguresRow>();
    const rowOf = (period: string, area: string) => {
      const key = `${period}|${area}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = emptyRow(period, query.kind, area)));
      return row;
    };
    for (const commune of inArea) {
      for (const area of areasOf.get(String(commune.commune)) ?? []) {
        const row = rowOf(commune.period, area);
        for (const name of SUMMED) {
          if (commune[name] === null || commune[name] === undefined) continue;
          row[name] = Number(row[name] ?? 0) + Number(commune[name]);
        }
      }
    }
    const pairs = areas.flatMap((a) => a.communes.map((c) => [c, a.id]));
    const params = [query.granularity, query.from, query.to, pairs.map((p) => p[0]), pairs.map((p) => p[1])];
    for (const family of await Promise.all(
      exactAreaFigures(params).map(([sql, values]) => this.db.query<Record<string, unknown>[]>(sql, values)),
    )) {
      for (const { period, grp, ...figures } of family) {
        const row = rowOf(String(period), String(grp));
        for (const [name, value] of Object.entries(figures)) row[name] = value === null ? null : Number(value);
      }
    }
    const population = new Map(areas.map((a) => [a.id, areaPopulation(a)]));
    return [...rows.values()]
      .map((row) => derive(row, population.get(String(row[query.kind])) ?? 0))
      .sort((a, b) => (a.period + a[query.kind]).localeCompare(b.period + b[query.kind]));
  }
}
