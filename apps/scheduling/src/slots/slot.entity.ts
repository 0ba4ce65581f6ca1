import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type SlotStatus = 'free' | 'booked' | 'withdrawn';

@Entity({ name: 'slot' })
export class SlotEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'practitioner_rpps' }) practitionerRpps!: string;
  @Column() profession!: string;
  @Column('text', { array: true }) specialties!: string[];
  @Column('uuid', { name: 'place_id' }) placeId!: string;
  @Column({ name: 'commune_code' }) communeCode!: string;
  @Column('double precision', { nullable: true }) latitude!: number | null;
  @Column('double precision', { nullable: true }) longitude!: number | null;
  @Column('timestamptz', { name: 'start_at' }) startAt!: Date;
  @Column('timestamptz', { name: 'end_at' }) endAt!: Date;
  @Column('text', { array: true }) visibility!: string[];
  @Column('text', { array: true }) modes!: string[];
  @Column({ name: 'appointment_type' }) appointmentType!: string;
  @Column('text', { name: 'booking_url', nullable: true }) bookingUrl!: string | null;
  @Column({ name: 'accepts_beyond_slots' }) acceptsBeyondSlots!: boolean;
  @Column('text') status!: SlotStatus;
  @Column('int') revision!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
