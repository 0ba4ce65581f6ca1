import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A health professional who publishes availability (effecteur). */
@Entity({ name: 'practitioner' })
export class PractitionerEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { nullable: true }) rpps!: string | null;
  @Column('text', { nullable: true }) adeli!: string | null;
  @Column() profession!: string;
  @Column('text', { array: true }) specialties!: string[];
  @Column('text', { name: 'family_name', nullable: true }) familyName!: string | null;
  @Column('text', { name: 'given_name', nullable: true }) givenName!: string | null;
  /** Raised by every change; practitioner events carry it. */
  @Column('int') revision!: number;
  /** Set once retired: no new slot or place; kept for the slots and appointments that refer to it. */
  @Column('timestamptz', { name: 'retired_at', nullable: true }) retiredAt!: Date | null;
}
