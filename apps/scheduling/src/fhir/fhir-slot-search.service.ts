import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CptsLink } from './cpts-resources';
import { SlotView } from './resource-mappings';
import { SlotSearch } from './slot-search-params';

const COLUMNS = `s.id, s.start_at, s.end_at, s.visibility, s.modes, s.appointment_type, s.specialties, s.reasons, s.cpts, s.specialty_texts, s.booking_url, s.updated_at,
       cs.finess AS cpts_finess, cs.name AS cpts_name, ps.finess AS place_finess, ps.siret AS place_siret,
       p.id AS practitioner_id, p.rpps, p.adeli, p.family_name, p.given_name,
       l.id AS place_id, l.name AS place_name, l.address_line, l.postal_code, l.city, l.latitude, l.longitude,
       l.location_identifier, l.structure_idnst, l.telecom`;
const FROM = `FROM scheduling.slot s
  JOIN scheduling.practitioner p ON p.id = s.practitioner_id
  JOIN scheduling.place l ON l.id = s.place_id
  LEFT JOIN scheduling.structure ps ON ps.id = l.structure_id
  LEFT JOIN scheduling.structure cs ON cs.id = s.structure_id AND cs.kind = 'cpts' AND cs.finess IS NOT NULL`;

/** Free slots of practitioners (by RPPS or ADELI) starting in the window, earliest first. */
@Injectable()
export class FhirSlotSearchService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One page of the matches and how many there are in all. */
  async search(query: SlotSearch): Promise<{ page: SlotView[]; total: number }> {
    const rpps = query.practitioners.filter((p) => p.kind === 'rpps').map((p) => p.value);
    const adeli = query.practitioners.filter((p) => p.kind === 'adeli').map((p) => p.value);
    const where = `WHERE (p.rpps = ANY($1) OR p.adeli = ANY($2)) AND s.status = 'free' AND s.start_at >= $3 AND s.start_at < $4`;
    const params = [rpps, adeli, query.from, query.to];
    const rows = await this.db.query(
      `SELECT ${COLUMNS}, count(*) OVER () AS total ${FROM} ${where} ORDER BY s.start_at, s.id LIMIT $5 OFFSET $6`,
      [...params, query.count ?? null, query.offset],
    );
    const total = rows.length
      ? Number(rows[0].total)
      : query.offset > 0
        ? Number((await this.db.query(`SELECT count(*) AS n ${FROM} ${where}`, params))[0].n)
        : 0;
    return { page: rows.map(toView), total };
  }

  /** A slot still offered (free), or undefined: FHIR read of `Slot/:id`. */
  async read(id: string): Promise<SlotView | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const rows = await this.db.query(`SELECT ${COLUMNS} ${FROM} WHERE s.id = $1 AND s.status = 'free'`, [id]);
    return rows.length ? toView(rows[0]) : undefined;
  }
}

function toView(r: Record<string, never>): SlotView {
  return {
    slot: {
      id: r.id,
      start: r.start_at,
      end: r.end_at,
      visibility: r.visibility,
      modes: r.modes,
      appointmentType: r.appointment_type,
      specialties: r.specialties,
      reasons: r.reasons,
      specialtyTexts: r.specialty_texts,
      // A CPTS's slot published through the practice API names its structure; a vendor names its CPTS.
      cpts: [
        ...(r.cpts_finess ? [{ finess: r.cpts_finess, name: r.cpts_name }] : []),
        ...(r.cpts as CptsLink[]).filter((c) => c.finess !== r.cpts_finess),
      ],
      bookingUrl: r.booking_url,
      lastUpdated: r.updated_at,
    },
    practitioner: { id: r.practitioner_id, rpps: r.rpps, adeli: r.adeli, familyName: r.family_name, givenName: r.given_name },
    place: {
      id: r.place_id,
      name: r.place_name,
      line: r.address_line,
      postalCode: r.postal_code,
      city: r.city,
      latitude: r.latitude,
      longitude: r.longitude,
      identifier: r.location_identifier,
      structureIdnst: r.structure_idnst ?? structureIdnst(r.place_finess, r.place_siret),
      telecom: r.telecom,
    },
  };
}

/** The IDNST of a place's structure, in the guide's FAQ order: FINESS (prefix 1), else SIRET (prefix 3). */
function structureIdnst(finess: string | null, siret: string | null): string | null {
  if (finess) return `1${finess}`;
  if (siret) return `3${siret}`;
  return null;
}
