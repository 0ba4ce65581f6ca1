import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PractitionerKey } from './practitioner-identifier';
import { PlaceView, SlotView } from './resource-mappings';
import { SosPlace } from './sos-resources';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type PractitionerRow = {
  id: string;
  rpps: string | null;
  adeli: string | null;
  family_name: string | null;
  given_name: string | null;
};

/** The guide's reads of Practitioner and Schedule (a place of consultation), and its Practitioner search by identifier. */
@Injectable()
export class FhirDirectoryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async practitioners(keys: PractitionerKey[]): Promise<SlotView['practitioner'][]> {
    const of = (kind: PractitionerKey['kind']) => keys.filter((k) => k.kind === kind).map((k) => k.value);
    const rows: PractitionerRow[] = await this.db.query(
      `SELECT id, rpps, adeli, family_name, given_name FROM scheduling.practitioner WHERE rpps = ANY($1) OR adeli = ANY($2) ORDER BY id`,
      [of('rpps'), of('adeli')],
    );
    return rows.map(toPractitioner);
  }

  async practitioner(id: string): Promise<SlotView['practitioner'] | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.db.query(
      `SELECT id, rpps, adeli, family_name, given_name FROM scheduling.practitioner WHERE id = $1`,
      [id],
    );
    return row ? toPractitioner(row) : undefined;
  }

  /** A place of consultation as a Schedule: a practitioner's (PS) or an SOS association's. */
  async schedule(id: string): Promise<{ kind: 'ps'; view: PlaceView } | { kind: 'sos'; place: SosPlace } | undefined> {
    if (!UUID.test(id)) return undefined;
    const [r] = await this.db.query(
      `SELECT l.id, l.name, l.address_line, l.postal_code, l.city, l.latitude, l.longitude, l.location_identifier, l.structure_idnst, l.telecom,
              p.id AS practitioner_id, p.rpps, p.adeli, p.family_name, p.given_name,
              st.id AS structure_id, st.kind, st.siret, st.finess, st.name AS structure_name
         FROM scheduling.place l
         LEFT JOIN scheduling.practitioner p ON p.id = l.practitioner_id
         LEFT JOIN scheduling.structure st ON st.id = l.structure_id
        WHERE l.id = $1`,
      [id],
    );
    if (!r) return undefined;
    const place = {
      id: r.id,
      name: r.name,
      line: r.address_line,
      postalCode: r.postal_code,
      city: r.city,
      latitude: r.latitude,
      longitude: r.longitude,
    };
    if (r.practitioner_id) {
      const structureIdnst = r.structure_idnst ?? (r.finess ? `1${r.finess}` : r.siret ? `3${r.siret}` : null);
      return {
        kind: 'ps',
        view: {
          practitioner: toPractitioner({ ...r, id: r.practitioner_id }),
          place: { ...place, identifier: r.location_identifier, structureIdnst, telecom: r.telecom },
        },
      };
    }
    if (r.kind === 'sos-medecins' && r.siret)
      return { kind: 'sos', place: { ...place, structure: { id: r.structure_id, siret: r.siret, name: r.structure_name } } };
    return undefined;
  }
}

function toPractitioner(r: PractitionerRow): SlotView['practitioner'] {
  return { id: r.id, rpps: r.rpps, adeli: r.adeli, familyName: r.family_name, givenName: r.given_name };
}
