import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SlotSearch } from './slot-search-params';
import { SlotView } from './slot-search-bundle';

/** Free slots of the given practitioners (by RPPS) starting in the window, earliest first. */
@Injectable()
export class FhirSlotSearchService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async search(query: SlotSearch): Promise<SlotView[]> {
    const rows = await this.db.query(
      `SELECT s.id, s.start_at, s.end_at, s.visibility, s.modes, s.appointment_type, s.specialties, s.booking_url, s.updated_at,
              p.id AS practitioner_id, p.rpps, p.family_name, p.given_name,
              l.id AS place_id, l.name AS place_name, l.address_line, l.postal_code, l.city, l.latitude, l.longitude
         FROM scheduling.slot s
         JOIN scheduling.practitioner p ON p.id = s.practitioner_id
         JOIN scheduling.place l ON l.id = s.place_id
        WHERE p.rpps = ANY($1) AND s.status = 'free' AND s.start_at >= $2 AND s.start_at <= $3
        ORDER BY s.start_at, s.id`,
      [query.rppsList, query.from, query.to],
    );
    return rows.map(
      (r: Record<string, never>): SlotView => ({
        slot: {
          id: r.id,
          start: r.start_at,
          end: r.end_at,
          visibility: r.visibility,
          modes: r.modes,
          appointmentType: r.appointment_type,
          specialties: r.specialties,
          bookingUrl: r.booking_url,
          lastUpdated: r.updated_at,
        },
        practitioner: { id: r.practitioner_id, rpps: r.rpps, familyName: r.family_name, givenName: r.given_name },
        place: {
          id: r.place_id,
          name: r.place_name,
          line: r.address_line,
          postalCode: r.postal_code,
          city: r.city,
          latitude: r.latitude,
          longitude: r.longitude,
        },
      }),
    );
  }
}
