import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SlotView } from './resource-mappings';
import { SOS_VISIBILITIES, SosPlace } from './sos-resources';
import { SosSearch } from './sos-search-params';

export interface SosMatch {
  place: SosPlace;
  slots: SlotView['slot'][];
}

const MATCHING = `FROM scheduling.slot s
  JOIN scheduling.place l ON l.id = s.place_id
  JOIN scheduling.structure st ON st.id = l.structure_id
 WHERE st.kind = 'sos-medecins' AND st.siret = ANY($1) AND s.status = 'free' AND s.start_at >= $2 AND s.start_at < $3
   AND s.visibility && $4::text[]`;

/**
 * The guide's SOS Médecins search: the places of consultation (Schedules) of the named
 * associations with a free slot in the window, earliest first, and those slots. Only
 * slots open to the public or to SNP regulation are SOS slots (the guide's slot types).
 */
@Injectable()
export class FhirSosSearchService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async search(query: SosSearch): Promise<{ page: SosMatch[]; total: number }> {
    const params = [query.sirets, query.from, query.to, SOS_VISIBILITIES];
    const places = await this.db.query(
      `SELECT l.id, l.name, l.address_line, l.postal_code, l.city, l.latitude, l.longitude, st.id AS structure_id, st.siret, st.name AS structure_name,
              min(s.start_at) AS first_start, count(*) OVER () AS total
         ${MATCHING}
        GROUP BY l.id, st.id ORDER BY first_start, l.id LIMIT $5 OFFSET $6`,
      [...params, query.count ?? null, query.offset],
    );
    const total = places.length
      ? Number(places[0].total)
      : query.offset > 0
        ? Number((await this.db.query(`SELECT count(DISTINCT l.id) AS n ${MATCHING}`, params))[0].n)
        : 0;
    if (!places.length) return { page: [], total };
    const slots = await this.db.query(
      `SELECT s.id, s.place_id, s.start_at, s.end_at, s.visibility, s.modes, s.appointment_type, s.specialties, s.reasons, s.booking_url, s.updated_at
         ${MATCHING} AND l.id = ANY($5) ORDER BY s.start_at, s.id`,
      [...params, places.map((p: { id: string }) => p.id)],
    );
    const page = places.map((p: Record<string, never>): SosMatch => ({
      place: {
        id: p.id,
        name: p.name,
        line: p.address_line,
        postalCode: p.postal_code,
        city: p.city,
        latitude: p.latitude,
        longitude: p.longitude,
        structure: { id: p.structure_id, siret: p.siret, name: p.structure_name },
      },
      slots: slots
        .filter((s: { place_id: string }) => s.place_id === p.id)
        .map((s: Record<string, never>): SlotView['slot'] => ({
          id: s.id,
          start: s.start_at,
          end: s.end_at,
          visibility: s.visibility,
          modes: s.modes,
          appointmentType: s.appointment_type,
          specialties: s.specialties,
          reasons: s.reasons,
          cpts: [],
          specialtyTexts: {},
          bookingUrl: s.booking_url,
          lastUpdated: s.updated_at,
        })),
    }));
    return { page, total };
  }
}
