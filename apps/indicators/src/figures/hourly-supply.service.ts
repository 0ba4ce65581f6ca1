import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FiguresRange } from './figures-scope';

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
 * the cells add up exactly to snp_hours_published over the same range.
 */
@Injectable()
export class HourlySupplyService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async compute(range: FiguresRange): Promise<HourlySupplyRow[]> {
    const rows: { weekday: number; hour: number; hours: string }[] = await this.db.query(
      `SELECT extract(isodow FROM (s.start_at AT TIME ZONE 'Europe/Paris'))::int AS weekday,
              extract(hour FROM (s.start_at AT TIME ZONE 'Europe/Paris'))::int AS hour,
              sum(extract(epoch FROM s.end_at - s.start_at) / 3600) AS hours
         FROM indicators.slot_fact s
        WHERE s.snp AND s.start_at IS NOT NULL
          AND s.start_at >= ($1::date::timestamp AT TIME ZONE 'Europe/Paris') AND s.start_at < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')
          AND ($3::text[] IS NULL OR s.departement = ANY($3::text[])) AND s.departement IS NOT NULL
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [range.from, range.to, range.territories ?? null],
    );
    return rows.map((r) => ({
      weekday: Number(r.weekday),
      hour: Number(r.hour),
      snp_hours_published: Math.round(Number(r.hours) * 10_000) / 10_000,
    }));
  }
}
