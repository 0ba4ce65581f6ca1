import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ConsultationModeCode, NoShowReasonCode } from '@sas/contracts';

export type AppointmentStatus = 'booked' | 'cancelled' | 'honoured' | 'no-show' | 'moved';

/** A SAS booking of a slot for a regulation case (pseudonymous case id only). */
@Entity({ name: 'appointment' })
export class AppointmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'slot_id' }) slotId!: string;
  @Column('uuid', { name: 'case_id', nullable: true }) caseId!: string | null;
  @Column({ name: 'booked_by' }) bookedBy!: string;
  @Column('text') mode!: ConsultationModeCode;
  @Column('text') status!: AppointmentStatus;
  @Column('timestamptz', { name: 'booked_at' }) bookedAt!: Date;
  /** The territory it was booked for (its case's, or its slot's département); null only for older bookings. */
  @Column('text', { nullable: true }) territory!: string | null;
  /** Who saw (or was to see) the patient, once an outcome is reported: the practice's word, or the slot's practitioner. */
  @Column('text', { name: 'performing_practitioner_rpps', nullable: true }) performingPractitionerRpps!: string | null;
  /** Why the patient did not come, when the practice said so (no-show only). */
  @Column('text', { name: 'no_show_reason', nullable: true }) noShowReason!: NoShowReasonCode | null;
  /** Booked on a walk-in opening that takes several patients (one of its places, not the whole slot). */
  @Column({ name: 'shares_slot' }) sharesSlot!: boolean;
}
