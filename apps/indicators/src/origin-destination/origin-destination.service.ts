import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { departementOfCommune, epciOfCommune } from '@sas/referentials';
import { DataSource } from 'typeorm';
import { FiguresRange } from '../figures/figures-scope';
import { AreaFiguresService } from '../territories/area-figures.service';
import { AreaKind } from '../territories/areas';
import { distanceBand } from './distance-bands';
import { OdLevel } from './origin-destination-query.dto';

export interface OriginDestinationQuery extends FiguresRange {
  area?: { kind: AreaKind; id: string };
  level: OdLevel;
  limit: number;
}

export interface OriginDestinationRow {
  origin: string;
  destination: string;
  /** Between the two communes' centres; at the commune level only. */
  distanceBand?: string | null;
  booked: number;
  honoured: number;
}

/**
 * SAS bookings per pair (the case's commune → the booked place's commune), counted on the
 * day of booking, and how many of them were honoured. A pair belongs to the territories
 * (or the EPCI / CPTS) read when either end lies in them: a territory's own patients cared
 * for elsewhere and the patients it receives are both its business.
 */
@Injectable()
export class OriginDestinationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly areas: AreaFiguresService,
  ) {}

  async compute(query: OriginDestinationQuery): Promise<OriginDestinationRow[]> {
    const communes = query.area
      ? (await this.areas.areas(query.area.kind, query.area.id, query.territories))[0].communes
      : undefined;
    const pairs = await this.db.query<{ origin: string; destination: string; booked: string; honoured: string }[]>(
      `SELECT c.commune_code AS origin, a.commune_code AS destination, count(*) AS booked,
              count(*) FILTER (WHERE a.honoured_at IS NOT NULL) AS honoured
         FROM indicators.appointment_fact a JOIN indicators.case_fact c ON c.case_id = a.case_id
        WHERE a.booked_at >= ($1::date::timestamp AT TIME ZONE 'Europe/Paris')
          AND a.booked_at < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')
          AND c.commune_code IS NOT NULL AND a.commune_code IS NOT NULL
          AND ($3::text[] IS NULL OR c.territory = ANY($3::text[]) OR a.departement = ANY($3::text[]))
          AND ($4::text[] IS NULL OR c.commune_code = ANY($4::text[]) OR a.commune_code = ANY($4::text[]))
        GROUP BY 1, 2`,
      [query.from, query.to, query.territories ?? null, communes ?? null],
    );
    const at = levelOf(query.level);
    const rows = new Map<string, OriginDestinationRow>();
    for (const pair of pairs) {
      const origin = at(pair.origin);
      const destination = at(pair.destination);
      const key = `${origin}|${destination}`;
      let row = rows.get(key);
      if (!row) {
        row = { origin, destination, booked: 0, honoured: 0 };
        if (query.level === 'commune') row.distanceBand = distanceBand(origin, destination);
        rows.set(key, row);
      }
      row.booked += Number(pair.booked);
      row.honoured += Number(pair.honoured);
    }
    return [...rows.values()]
      .sort(
        (a, b) =>
          b.booked - a.booked || b.honoured - a.honoured || (a.origin + a.destination).localeCompare(b.origin + b.destination),
      )
      .slice(0, query.limit);
  }
}

/** A commune's code at the level asked for; a commune in no EPCI keeps its own code, marked. */
function levelOf(level: OdLevel): (commune: string) => string {
  switch (level) {
    case 'commune':
      return (c) => c;
    case 'departement':
      return departementOfCommune;
    case 'epci':
      return (c) => epciOfCommune(c) ?? `no-epci:${c}`;
  }
}
