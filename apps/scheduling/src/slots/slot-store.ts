import { InvalidInput } from '@sas/platform';
import { EntityManager, QueryFailedError } from 'typeorm';
import { SlotEntity } from './slot.entity';
import { NEW_SLOT_SQL } from './slot-transitions';

/** Indexes (in `slots`) of slots overlapping a live slot of the same practitioner already stored. */
export async function overlapsWithStored(tx: EntityManager, slots: SlotEntity[]): Promise<number[]> {
  const rows: { n: string }[] = await tx.query(
    `SELECT DISTINCT b.n - 1 AS n
       FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS b(practitioner_id, start_at, end_at, n)
       JOIN scheduling.slot s ON s.practitioner_id = b.practitioner_id
        AND s.status IN ('free', 'booked')
        AND tstzrange(s.start_at, s.end_at) && tstzrange(b.start_at, b.end_at)
      ORDER BY 1`,
    [slots.map((s) => s.practitionerId), slots.map((s) => s.startAt), slots.map((s) => s.endAt)],
  );
  return rows.map((r) => Number(r.n));
}

/**
 * Inserts free slots with one statement. Strictly (the default) an overlap fails the
 * whole insert; with `skipConflicts` (rule expansion) slots that overlap or already
 * exist are skipped. Returns the ids inserted.
 */
export async function insertSlots(tx: EntityManager, slots: SlotEntity[], { skipConflicts = false } = {}): Promise<Set<string>> {
  if (slots.length === 0) return new Set();
  try {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO scheduling.slot (id, owner_id, practitioner_id, structure_id, place_id, opening_rule_id, vendor, external_id, start_at,
                                    end_at, visibility, modes, appointment_type, specialties, booking_url, accepts_beyond_slots, capacity,
                                    status, revision, taken)
       SELECT id, owner_id, practitioner_id, structure_id, place_id, opening_rule_id, vendor, external_id, start_at, end_at,
              visibility, modes, appointment_type, specialties, booking_url, accepts_beyond_slots, capacity, ${NEW_SLOT_SQL}
         FROM jsonb_to_recordset($1::jsonb)
           AS t(id uuid, owner_id uuid, practitioner_id uuid, structure_id uuid, place_id uuid, opening_rule_id uuid,
                start_at timestamptz, end_at timestamptz, visibility text[], modes text[], appointment_type text,
                specialties text[], booking_url text, accepts_beyond_slots boolean, vendor text, external_id text, capacity int)
       ${skipConflicts ? 'ON CONFLICT DO NOTHING' : ''}
       RETURNING id`,
      // One JSON parameter: a native JSON.stringify, where sixteen arrays cost node-postgres
      // an escaping pass per element (see `outboxRowsSql`).
      [
        JSON.stringify(
          slots.map((s) => ({
            id: s.id,
            owner_id: s.ownerId,
            practitioner_id: s.practitionerId,
            structure_id: s.structureId,
            place_id: s.placeId,
            opening_rule_id: s.openingRuleId,
            start_at: s.startAt,
            end_at: s.endAt,
            visibility: s.visibility,
            modes: s.modes,
            appointment_type: s.appointmentType,
            specialties: s.specialties,
            booking_url: s.bookingUrl,
            accepts_beyond_slots: s.acceptsBeyondSlots,
            vendor: s.vendor,
            external_id: s.externalId,
            capacity: s.capacity,
          })),
        ),
      ],
    );
    return new Set(rows.map((r) => r.id));
  } catch (error) {
    // Another request published an overlapping slot between our check and our insert.
    if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23P01') {
      throw InvalidInput.field('start', 'overlaps another slot of this practitioner');
    }
    throw error;
  }
}

/** A slot row as PostgreSQL returns it (RETURNING *). */
export interface SlotRow {
  id: string;
  owner_id: string;
  practitioner_id: string | null;
  structure_id: string | null;
  place_id: string;
  opening_rule_id: string | null;
  vendor: string | null;
  external_id: string | null;
  start_at: Date;
  end_at: Date;
  visibility: SlotEntity['visibility'];
  modes: SlotEntity['modes'];
  appointment_type: SlotEntity['appointmentType'];
  specialties: string[];
  booking_url: string | null;
  accepts_beyond_slots: boolean;
  capacity: number | null;
  taken: number;
  status: SlotEntity['status'];
  revision: number;
}

/**
 * The columns of a SlotRow, for statements that name them rather than `*`: a prepared
 * statement's result may not change shape when a migration adds a column while it runs.
 */
export const SLOT_ROW_COLUMNS = [
  'id',
  'owner_id',
  'practitioner_id',
  'structure_id',
  'place_id',
  'opening_rule_id',
  'vendor',
  'external_id',
  'start_at',
  'end_at',
  'visibility',
  'modes',
  'appointment_type',
  'specialties',
  'booking_url',
  'accepts_beyond_slots',
  'capacity',
  'taken',
  'status',
  'revision',
] as const satisfies readonly (keyof SlotRow)[];

export function slotFromRow(row: SlotRow): SlotEntity {
  return Object.assign(new SlotEntity(), {
    id: row.id,
    ownerId: row.owner_id,
    practitionerId: row.practitioner_id,
    structureId: row.structure_id,
    placeId: row.place_id,
    openingRuleId: row.opening_rule_id,
    vendor: row.vendor,
    externalId: row.external_id,
    startAt: row.start_at,
    endAt: row.end_at,
    visibility: row.visibility,
    modes: row.modes,
    appointmentType: row.appointment_type,
    specialties: row.specialties,
    bookingUrl: row.booking_url,
    acceptsBeyondSlots: row.accepts_beyond_slots,
    capacity: row.capacity,
    taken: row.taken,
    status: row.status,
    revision: row.revision,
  });
}
