import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AppointmentTypeCode, ConsultationModeCode, VisibilityCode } from '@sas/contracts';

export type SlotStatus = 'free' | 'booked' | 'booked-elsewhere' | 'withdrawn' | 'expired';
// The vocabulary of slots is the contract's (libs/contracts, explained in docs/domain.md).
export type Visibility = VisibilityCode;
export type ConsultationMode = ConsultationModeCode;
export type AppointmentType = AppointmentTypeCode;

/** A slot of availability. Scheduling is the single writer of its status. */
@Entity({ name: 'slot' })
export class SlotEntity {
  @PrimaryColumn('uuid') id!: string;
  /** The practitioner, or the structure for a shared slot: the partition key of its events. */
  @Column('uuid', { name: 'owner_id' }) ownerId!: string;
  @Column('uuid', { name: 'practitioner_id', nullable: true }) practitionerId!: string | null;
  @Column('uuid', { name: 'structure_id', nullable: true }) structureId!: string | null;
  @Column('uuid', { name: 'place_id' }) placeId!: string;
  /** Set when the slot was generated from a recurring opening rule. */
  @Column('uuid', { name: 'opening_rule_id', nullable: true }) openingRuleId!: string | null;
  /** Set for slots from an agenda vendor's feed, with the vendor's own slot id. */
  @Column('text', { nullable: true }) vendor!: string | null;
  @Column('text', { name: 'external_id', nullable: true }) externalId!: string | null;
  @Column('timestamptz', { name: 'start_at' }) startAt!: Date;
  @Column('timestamptz', { name: 'end_at' }) endAt!: Date;
  @Column('text', { array: true }) visibility!: Visibility[];
  @Column('text', { array: true }) modes!: ConsultationMode[];
  @Column('text', { name: 'appointment_type' }) appointmentType!: AppointmentType;
  @Column('text', { array: true }) specialties!: string[];
  @Column('text', { name: 'booking_url', nullable: true }) bookingUrl!: string | null;
  @Column({ name: 'accepts_beyond_slots' }) acceptsBeyondSlots!: boolean;
  /** A walk-in opening taking several patients: how many (null: one booking, like any slot). */
  @Column('int', { nullable: true }) capacity!: number | null;
  /** Bookings a walk-in opening holds (0 for other slots, whose status alone says booked). */
  @Column('int') taken!: number;
  @Column('text') status!: SlotStatus;
  @Column('int') revision!: number;
}
