import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BookedPractitioner } from '../neighbours/scheduling-client';
import type { CaseState } from './case-workflow';
import { AccessibilityNeedCode, ConsultationModeCode, CoverStatusCode, OrientationOutcomeCode } from '@sas/contracts';

/**
 * A regulation case. Its id is pseudonymous; the patient's contact details live only in
 * `patientContact`, encrypted, and are never selected with the case.
 */
@Entity({ name: 'regulation_case' })
export class CaseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') territory!: string;
  @Column('text') channel!: '15' | '116117' | 'other';
  @Column('text', { name: 'commune_code' }) communeCode!: string;
  @Column('text', { name: 'age_band' }) ageBand!: string;
  @Column('text', { nullable: true }) sex!: 'F' | 'M' | null;
  @Column('text', { name: 'reason_category' }) reasonCategory!: string;
  @Column('boolean', { name: 'has_treating_doctor' }) hasTreatingDoctor!: boolean;
  @Column('text', { name: 'treating_doctor_rpps', nullable: true }) treatingDoctorRpps!: string | null;
  @Column('timestamptz', { name: 'call_received_at' }) callReceivedAt!: Date;
  /** Equity needs, coded (never free text about the patient); see docs/equity-and-triage.md. ISO 639 code of the patient's language. */
  @Column('text', { nullable: true }) language!: string | null;
  @Column('boolean', { name: 'interpreter_needed' }) interpreterNeeded!: boolean;
  @Column('text', { name: 'accessibility_needs', array: true }) accessibilityNeeds!: AccessibilityNeedCode[];
  @Column('text', { name: 'cover_status', nullable: true }) coverStatus!: CoverStatusCode | null;
  /** Where the patient is now (e.g. at work), when not at home: the search starts there. */
  @Column('text', { name: 'current_commune_code', nullable: true }) currentCommuneCode!: string | null;
  /** What the territory's pre-triage protocol suggested at triage for the case's reason (null: no suggestion). */
  @Column('text', { name: 'suggested_outcome', nullable: true }) suggestedOutcome!: OrientationOutcomeCode | null;
  @Column('text', { name: 'suggested_urgency', nullable: true }) suggestedUrgency!:
    'within-2h' | 'same-day' | 'within-48h' | null;
  @Column('text', { name: 'suggested_mode', nullable: true }) suggestedMode!: ConsultationModeCode | null;
  /** Whether the last orientation chose the suggested outcome (null: no suggestion, or not oriented yet). */
  @Column('boolean', { name: 'followed_suggestion', nullable: true }) followedSuggestion!: boolean | null;
  @Column('text') state!: CaseState;
  @Column('boolean', { name: 'consultation_needed', nullable: true }) consultationNeeded!: boolean | null;
  @Column('text', { nullable: true }) urgency!: 'within-2h' | 'same-day' | 'within-48h' | null;
  @Column('text', { nullable: true }) mode!: ConsultationModeCode | null;
  @Column('text', { nullable: true }) specialty!: string | null;
  @Column('boolean', { name: 'treating_doctor_tried' }) treatingDoctorTried!: boolean;
  @Column('text', { nullable: true }) outcome!: string | null;
  @Column('timestamptz', { name: 'oriented_at', nullable: true }) orientedAt!: Date | null;
  @Column('uuid', { name: 'appointment_id', nullable: true }) appointmentId!: string | null;
  @Column('uuid', { name: 'appointment_slot_id', nullable: true }) appointmentSlotId!: string | null;
  @Column('timestamptz', { name: 'appointment_start', nullable: true }) appointmentStart!: Date | null;
  /** The booked practitioner as scheduling answered the booking (names and codes for the SAMU's LRM). */
  @Column('jsonb', { name: 'appointment_practitioner', nullable: true }) appointmentPractitioner!: BookedPractitioner | null;
  /** When the regulator was handed over to a vendor's booking page, and that page (see hand-over/). */
  @Column('timestamptz', { name: 'hand_over_at', nullable: true }) handOverAt!: Date | null;
  @Column('text', { name: 'hand_over_url', nullable: true }) handOverUrl!: string | null;
  /** The regulator account that oriented the case last. */
  @Column('uuid', { name: 'oriented_by', nullable: true }) orientedBy!: string | null;
  @Column('integer') revision!: number;
  @Column('bytea', { name: 'patient_contact', nullable: true, select: false }) patientContact?: Buffer | null;
  @Column('timestamptz', { name: 'contact_erase_after', nullable: true, select: false }) contactEraseAfter?: Date | null;
  /** The regulator's note for the practitioner, encrypted like the contact and erased with it. */
  @Column('bytea', { name: 'practitioner_note', nullable: true, select: false }) practitionerNote?: Buffer | null;
  @Column('uuid', { name: 'opened_by' }) openedBy!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** One step of the regulation chain, with who did it and when. */
@Entity({ name: 'case_step' })
export class CaseStepEntity {
  @PrimaryColumn('bigint') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') step!: string;
  @Column('text', { nullable: true }) result!: string | null;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text', { name: 'actor_role' }) actorRole!: string;
  @Column('jsonb') details!: Record<string, unknown>;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
}
