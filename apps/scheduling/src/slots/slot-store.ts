import { InvalidInput } from '@sas/platform';
import { EntityManager, QueryFailedError } from 'typeorm';
import { SlotEntity } from './slot.entity';

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
                                    end_at, visibility, modes, appointment_type, specialties, booking_url, accepts_beyond_slots, status, revision)
       SELECT id, owner_id, practitioner_id, structure_id, place_id, opening_rule_id, vendor, external_id, start_at, end_at,
              string_to_array(visibility, ','), string_to_array(modes, ','), appointment_type,
              ARRAY(SELECT jsonb_array_elements_text(specialties::jsonb)),
              booking_url, accepts_beyond_slots, 'free', 1
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::timestamptz[], $8::timestamptz[],
                     $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::boolean[], $15::text[], $16::text[])
           AS t(id, owner_id, practitioner_id, structure_id, place_id, opening_rule_id, start_at, end_at, visibility, modes,
                appointment_type, specialties, booking_url, accepts_beyond_slots, vendor, external_id)
       ${skipConflicts ? 'ON CONFLICT DO NOTHING' : ''}
       RETURNING id`,
      [
        slots.map((s) => s.id),
        slots.map((s) => s.ownerId),
        slots.map((s) => s.practitionerId),
        slots.map((s) => s.structureId),
        slots.map((s) => s.placeId),
        slots.map((s) => s.openingRuleId),
        slots.map((s) => s.startAt),
        slots.map((s) => s.endAt),
        slots.map((s) => s.visibility.join(',')),
        slots.map((s) => s.modes.join(',')),
        slots.map((s) => s.appointmentType),
        slots.map((s) => JSON.stringify(s.specialties)),
        slots.map((s) => s.bookingUrl),
        slots.map((s) => s.acceptsBeyondSlots),
        slots.map((s) => s.vendor),
        slots.map((s) => s.externalId),
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
    status: row.status,
    revision: row.revision,
  });
}
