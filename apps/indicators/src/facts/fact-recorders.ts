import {
  AppointmentBooked,
  AppointmentCancelled,
  AppointmentHonoured,
  AppointmentMoved,
  AppointmentNoShow,
  CaseOpened,
  CaseStepRecorded,
  PatientOriented,
  PayloadOf,
} from '@sas/contracts';
import { departementOfCommune, isPdsaPeriod } from '@sas/referentials';
import { EntityManager } from 'typeorm';

// Each recorder is an idempotent upsert whose result does not depend on arrival order:
// states keep the highest revision, placements the latest time, timestamps the first set.

type Placement = {
  slotId: string;
  practitionerId?: string;
  structureId?: string;
  communeCode: string;
  start?: string;
  mode?: string;
  at: string;
};

/** Set by an outcome event only: who saw the patient (the first report's answer stays). */
type Outcome = { performingPractitionerRpps?: string };

/** Where and when the appointment takes place; the latest booking or move wins. */
async function upsertAppointment(
  tx: EntityManager,
  appointmentId: string,
  caseId: string | undefined,
  placement: Placement | undefined,
  column?: 'booked_at' | 'cancelled_at' | 'honoured_at' | 'no_show_at',
  at?: string,
  fallback?: Omit<Placement, 'at'>,
  outcome?: Outcome,
): Promise<void> {
  const p = placement ?? fallback;
  // The slot and the mode move with the placement (the latest booking or move), as the start does.
  const placedBy = 'excluded.placed_at > f.placed_at OR f.placed_at IS NULL AND excluded.placed_at IS NOT NULL';
  await tx.query(
    `INSERT INTO indicators.appointment_fact AS f
       (appointment_id, case_id, practitioner_id, structure_id, commune_code, departement, start_at, placed_at, ${column ?? 'booked_at'},
        slot_id, mode, performing_rpps, start_pdsa)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (appointment_id) DO UPDATE SET
       case_id = COALESCE(f.case_id, excluded.case_id),
       practitioner_id = CASE WHEN excluded.placed_at > f.placed_at OR f.placed_at IS NULL AND excluded.placed_at IS NOT NULL THEN excluded.practitioner_id ELSE COALESCE(f.practitioner_id, excluded.practitioner_id) END,
       structure_id = CASE WHEN excluded.placed_at > f.placed_at OR f.placed_at IS NULL AND excluded.placed_at IS NOT NULL THEN excluded.structure_id ELSE COALESCE(f.structure_id, excluded.structure_id) END,
       commune_code = CASE WHEN excluded.placed_at > f.placed_at OR f.placed_at IS NULL AND excluded.placed_at IS NOT NULL THEN excluded.commune_code ELSE COALESCE(f.commune_code, excluded.commune_code) END,
       departement = CASE WHEN excluded.placed_at > f.placed_at OR f.placed_at IS NULL AND excluded.placed_at IS NOT NULL THEN excluded.departement ELSE COALESCE(f.departement, excluded.departement) END,
       start_at = CASE WHEN excluded.placed_at > f.placed_at OR f.placed_at IS NULL AND excluded.placed_at IS NOT NULL THEN excluded.start_at ELSE f.start_at END,
       start_pdsa = CASE WHEN ${placedBy} THEN excluded.start_pdsa ELSE f.start_pdsa END,
       slot_id = CASE WHEN ${placedBy} THEN excluded.slot_id ELSE COALESCE(f.slot_id, excluded.slot_id) END,
       mode = CASE WHEN ${placedBy} THEN excluded.mode ELSE COALESCE(f.mode, excluded.mode) END,
       performing_rpps = COALESCE(f.performing_rpps, excluded.performing_rpps),
       placed_at = GREATEST(f.placed_at, excluded.placed_at)
       ${column ? `, ${column} = COALESCE(f.${column}, excluded.${column})` : ''}`,
    [
      appointmentId,
      caseId ?? null,
      p?.practitionerId ?? null,
      p?.structureId ?? null,
      p?.communeCode ?? null,
      p ? departementOfCommune(p.communeCode) : null,
      placement?.start ?? null,
      placement?.at ?? null,
      column ? at : null,
      p?.slotId ?? null,
      placement?.mode ?? null,
      outcome?.performingPractitionerRpps ?? null,
      // Whether the consultation takes place in the PDSA (the breakdowns' pdsaPeriod): a function of its start.
      placement?.start ? isPdsaPeriod(new Date(placement.start)) : null,
    ],
  );
}

export function recordBooked(tx: EntityManager, a: PayloadOf<typeof AppointmentBooked>): Promise<void> {
  return upsertAppointment(tx, a.appointmentId, a.caseId, { ...a, at: a.bookedAt }, 'booked_at', a.bookedAt);
}

export function recordMoved(tx: EntityManager, a: PayloadOf<typeof AppointmentMoved>): Promise<void> {
  return upsertAppointment(tx, a.appointmentId, a.caseId, { ...a, at: a.movedAt });
}

export function recordCancelled(tx: EntityManager, a: PayloadOf<typeof AppointmentCancelled>): Promise<void> {
  return upsertAppointment(tx, a.appointmentId, a.caseId, undefined, 'cancelled_at', a.cancelledAt, a);
}

export function recordReported(
  tx: EntityManager,
  a: PayloadOf<typeof AppointmentHonoured | typeof AppointmentNoShow>,
  outcome: 'honoured' | 'no-show',
): Promise<void> {
  return upsertAppointment(
    tx,
    a.appointmentId,
    a.caseId,
    undefined,
    outcome === 'honoured' ? 'honoured_at' : 'no_show_at',
    a.reportedAt,
    a,
    a,
  );
}

export async function recordCaseOpened(tx: EntityManager, c: PayloadOf<typeof CaseOpened>): Promise<void> {
  await tx.query(
    `INSERT INTO indicators.case_fact (case_id, territory, commune_code, call_received_at, channel, age_band, reason_category)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (case_id) DO UPDATE SET territory = excluded.territory, commune_code = excluded.commune_code, call_received_at = excluded.call_received_at,
       channel = excluded.channel, age_band = excluded.age_band, reason_category = excluded.reason_category`,
    [c.caseId, c.territory, c.communeCode, c.callReceivedAt, c.channel, c.ageBand, c.reasonCategory],
  );
}

/** The latest assessment decides whether the case is an SNP request (a consultation is needed). */
export async function recordCaseStep(tx: EntityManager, s: PayloadOf<typeof CaseStepRecorded>): Promise<void> {
  if (s.step !== 'assessment' || !s.result) return;
  await tx.query(
    `INSERT INTO indicators.case_fact AS f (case_id, territory, consultation_needed, assessed_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (case_id) DO UPDATE SET consultation_needed = excluded.consultation_needed, assessed_at = excluded.assessed_at
     WHERE f.assessed_at IS NULL OR f.assessed_at < excluded.assessed_at`,
    [s.caseId, s.territory, s.result === 'consultation-needed', s.recordedAt],
  );
}

export async function recordOrientation(tx: EntityManager, o: PayloadOf<typeof PatientOriented>): Promise<void> {
  await tx.query(
    `INSERT INTO indicators.orientation_fact
       (case_id, oriented_at, territory, commune_code, call_received_at, outcome, reorientation, delay_minutes, practitioner_id, structure_id,
        age_band, reason_category, urgency, mode, profession, call_pdsa)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (case_id, oriented_at) DO NOTHING`,
    [
      o.caseId,
      o.orientedAt,
      o.territory,
      o.communeCode,
      o.callReceivedAt,
      o.outcome,
      o.reorientation,
      o.delayMinutes ?? null,
      o.appointment?.practitionerId ?? null,
      o.structureId ?? null,
      o.ageBand,
      o.reasonCategory,
      o.urgency ?? null,
      o.mode ?? null,
      o.practitioner?.profession ?? null,
      isPdsaPeriod(new Date(o.callReceivedAt)),
    ],
  );
  await tx.query(
    `INSERT INTO indicators.case_fact (case_id, territory, commune_code, call_received_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (case_id) DO UPDATE SET commune_code = excluded.commune_code, call_received_at = excluded.call_received_at`,
    [o.caseId, o.territory, o.communeCode, o.callReceivedAt],
  );
}
