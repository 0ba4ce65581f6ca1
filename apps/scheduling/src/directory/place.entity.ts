import { AccessibilityNeedCode } from '@sas/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A place of consultation of a practitioner or a structure (one FHIR Schedule each). */
@Entity({ name: 'place' })
export class PlaceEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'practitioner_id', nullable: true }) practitionerId!: string | null;
  @Column('uuid', { name: 'structure_id', nullable: true }) structureId!: string | null;
  @Column('text', { nullable: true }) name!: string | null;
  @Column('text', { name: 'address_line', nullable: true }) addressLine!: string | null;
  @Column('text', { name: 'postal_code', nullable: true }) postalCode!: string | null;
  @Column('text', { nullable: true }) city!: string | null;
  @Column({ name: 'commune_code' }) communeCode!: string;
  @Column('double precision', { nullable: true }) latitude!: number | null;
  @Column('double precision', { nullable: true }) longitude!: number | null;
  @Column({ name: 'wheelchair_accessible' }) wheelchairAccessible!: boolean;
  @Column('text', { name: 'convention_sector', nullable: true }) conventionSector!: '1' | '2' | '3' | null;
  @Column({ name: 'third_party_payment' }) thirdPartyPayment!: boolean;
  @Column('text', { array: true }) languages!: string[];
  @Column({ name: 'treats_without_cover' }) treatsWithoutCover!: boolean;
  @Column() interpreting!: boolean;
  @Column('text', { array: true }) accessibility!: AccessibilityNeedCode[];
  @Column('double precision', { name: 'home_visit_radius_km', nullable: true }) homeVisitRadiusKm!: number | null;
  /** The practice's public number, and the line it gives SAS regulators (never a patient's). */
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text', { name: 'regulator_phone', nullable: true }) regulatorPhone!: string | null;
  /** Set by the owner: overrides what the place's slots say about patients beyond them (null: as they say). */
  @Column('boolean', { name: 'accepts_beyond_slots', nullable: true }) acceptsBeyondSlots!: boolean | null;
  /** Raised by every change; place events carry it. */
  @Column('int') revision!: number;
  /** Set once retired: no new slot; kept for the slots and appointments that refer to it. */
  @Column('timestamptz', { name: 'retired_at', nullable: true }) retiredAt!: Date | null;
}
