import { EntityManager } from 'typeorm';
import type { SlotChangeEvent } from '../../slots/slot-lifecycle';
import { SLOT_ROW_COLUMNS, SlotRow, slotFromRow } from '../../slots/slot-store';
import { tryChangeSlot, writeSlotStatus } from '../../slots/slot-transitions';
import { SlotEntity } from '../../slots/slot.entity';
import type { AppliedReport, FollowedStatus } from './appointment-status-rules';

/** A vendor's appointment as last applied, with the SAS appointment it became. */
export interface StoredReport extends AppliedReport {
  appointmentId: string;
}

export interface HandOverRow {
  reference: string;
  vendor_id: string;
  slot_id: string;
  case_id: string | null;
  territory: string | null;
  requested_by: string;
  expires_at: Date;
  appointment_id: string | null;
}

/** A slot with its commune and practitioner's RPPS, locked for the rest of the transaction. */
export type LockedSlot = { slot: SlotEntity; communeCode: string; rpps: string | null };

const SLOT_SELECT = `SELECT ${SLOT_ROW_COLUMNS.map((c) => `s.${c}`).join(', ')}, p.commune_code, pr.rpps AS practitioner_rpps
  FROM scheduling.slot s JOIN scheduling.place p ON p.id = s.place_id LEFT JOIN scheduling.practitioner pr ON pr.id = s.practitioner_id`;

type Row = SlotRow & { commune_code: string; practitioner_rpps: string | null };
const locked = (rows: Row[]): LockedSlot | undefined =>
  rows[0] && { slot: slotFromRow(rows[0]), communeCode: rows[0].commune_code, rpps: rows[0].practitioner_rpps };

/** One report at a time per vendor appointment: concurrent retries of the same POST apply once. */
export async function lockReport(
  tx: EntityManager,
  vendorId: string,
  identifier: { system: string; value: string },
): Promise<StoredReport | undefined> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 22))`, [
    `${vendorId}\n${identifier.system}\n${identifier.value}`,
  ]);
  const [row] = await tx.query(
    `SELECT appointment_id, status, start_at, end_at, digest, version_at FROM scheduling.vendor_appointment
      WHERE vendor_id = $1 AND identifier_system = $2 AND identifier_value = $3`,
    [vendorId, identifier.system, identifier.value],
  );
  return (
    row && {
      appointmentId: row.appointment_id,
      status: row.status as FollowedStatus,
      start: row.start_at,
      end: row.end_at,
      digest: row.digest,
      versionAt: row.version_at,
    }
  );
}

export async function saveReport(
  tx: EntityManager,
  vendorId: string,
  identifier: { system: string; value: string },
  report: StoredReport,
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO scheduling.vendor_appointment (vendor_id, identifier_system, identifier_value, appointment_id, status, start_at, end_at, digest, version_at, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (vendor_id, identifier_system, identifier_value) DO UPDATE SET status = excluded.status, start_at = excluded.start_at,
       end_at = excluded.end_at, digest = excluded.digest, version_at = excluded.version_at, received_at = excluded.received_at`,
    [
      vendorId,
      identifier.system,
      identifier.value,
      report.appointmentId,
      report.status,
      report.start,
      report.end,
      report.digest,
      report.versionAt,
      now,
    ],
  );
}

export async function lockHandOver(tx: EntityManager, reference: string): Promise<HandOverRow | undefined> {
  const [row] = await tx.query(`SELECT * FROM scheduling.hand_over WHERE reference = $1 FOR UPDATE`, [reference]);
  return row;
}

export async function useHandOver(tx: EntityManager, reference: string, appointmentId: string): Promise<void> {
  await tx.query(`UPDATE scheduling.hand_over SET appointment_id = $2 WHERE reference = $1`, [reference, appointmentId]);
}

export async function lockSlotById(tx: EntityManager, id: string): Promise<LockedSlot | undefined> {
  return locked(await tx.query(`${SLOT_SELECT} WHERE s.id = $1 FOR UPDATE OF s`, [id]));
}

/**
 * The vendor's slot at this start: the practitioner's, or (SOS Médecins, no practitioner)
 * one of an association's. A slot already taken by another appointment comes last.
 */
export async function lockSlotAt(
  tx: EntityManager,
  vendorId: string,
  start: Date,
  who: { rpps: string } | { structureOf: string } | 'any-structure',
): Promise<LockedSlot | undefined> {
  const [where, params] =
    who === 'any-structure'
      ? [`s.structure_id IS NOT NULL AND s.practitioner_id IS NULL`, []]
      : 'rpps' in who
        ? [`pr.rpps = $3`, [who.rpps]]
        : [`s.structure_id = (SELECT structure_id FROM scheduling.slot WHERE id = $3)`, [who.structureOf]];
  return locked(
    await tx.query(
      `${SLOT_SELECT} WHERE s.vendor = $1 AND s.start_at = $2 AND ${where} ORDER BY (s.status = 'booked'), (s.status <> 'free') LIMIT 1 FOR UPDATE OF s`,
      [vendorId, start, ...params],
    ),
  );
}

export async function practitionerIdOf(tx: EntityManager, rpps: string): Promise<string | undefined> {
  const [row] = await tx.query(`SELECT id FROM scheduling.practitioner WHERE rpps = $1`, [rpps]);
  return row?.id;
}

/**
 * Books the locked slot for a vendor's appointment, as the slot lifecycle decides
 * (`book-at-vendor`: whatever the vendor's poll last said of it); the slot in memory takes its
 * new status and revision. Undefined, and nothing written, when another appointment holds it.
 * The event is the withdrawal to emit (null: the slot had already left the free list).
 */
export async function markBooked(
  tx: EntityManager,
  slot: SlotEntity,
  at: Date,
): Promise<{ event: SlotChangeEvent | null } | undefined> {
  const change = tryChangeSlot(slot, { type: 'book-at-vendor', at });
  if (change) await writeSlotStatus(tx, slot);
  return change;
}
