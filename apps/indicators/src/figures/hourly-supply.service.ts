import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FiguresRange } from './figures-scope';
import type { FiguresSource } from './figures.service';

export interface HourlySupplyRow {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Hour of the day, 0–23, Europe/Paris. */
  hour: number;
  snp_hours_published: number;
}

/**
 * SNP hours published by weekday and hour of the slot start: when supply is missing.
 * A slot counts whole in the hour it starts (slots are rarely longer than an hour), so
 * the cells add up exactly to snp_hours_published over the same range. Read from the
 * SNP hours rolled up per day and hour (facts/daily-rollup.ts), or from the slot facts.
 */
@Injectable()
export class HourlySupplyService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async compute(range: FiguresRange, source: FiguresSource = 'rollups'): Promise<HourlySupplyRow[]> {
    const rows: { weekday: number; hour: number; hours: string }[] = await this.db.query(
      source === 'rollups' ? FROM_ROLLUPS : FROM_FACTS,
      [range.from, range.to, range.territories ?? null],
    );
    return rows.map((r) => ({
      weekday: Number(r.weekday),
      hour: Number(r.hour),
      snp_hours_published: Math.round(Number(r.hours) * 10_000) / 10_000,
    }));
  }
}

const FROM_ROLLUPS = `SELECT extract(isodow FROM r.period)::int AS weekday, r.hour::int AS hour, COALESCE(sum(r.snp_seconds), 0) / 3600 AS hours
   FROM indicators.snp_hour_rollup r
  WHERE r.grain = 'day' AND r.period BETWEEN $1::date AND $2::date
    AND ($3::text[] IS NULL OR NULLIF(r.territory, '') = ANY($3::text[])) AND NULLIF(r.territory, '') IS NOT NULL
  GROUP BY 1, 2 HAVING sum(r.snp_slots) > 0 ORDER BY 1, 2`;

const FROM_FACTS = `SELECT extract(isodow FROM (s.start_at AT TIME ZONE 'Europe/Paris'))::int AS weekday,
              extract(hour FROM (s.start_at AT TIME ZONE 'Europe/Paris'))::int AS hour,
              COALESCE(sum(extract(epoch FROM s.end_at - s.start_at)), 0) / 3600 AS hours
         FROM indicators.slot_fact s
        WHERE s.snp AND s.start_at IS NOT NULL
          AND s.start_at >= ($1::date::timestamp AT TIME ZONE 'Europe/Paris') AND s.start_at < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')
          AND ($3::text[] IS NULL OR s.departement = ANY($3::text[])) AND s.departement IS NOT NULL
        GROUP BY 1, 2 ORDER BY 1, 2`;
