import { Column, Entity, PrimaryColumn } from 'typeorm';

export const STRUCTURE_KINDS = ['cpts', 'msp', 'centre-de-sante', 'sos-medecins', 'maison-medicale-de-garde'] as const;
export type StructureKind = (typeof STRUCTURE_KINDS)[number];

/** A care structure publishing shared slots: CPTS, MSP, centre de santé, SOS Médecins, MMG. */
@Entity({ name: 'structure' })
export class StructureEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { nullable: true }) siret!: string | null;
  @Column('text', { nullable: true }) finess!: string | null;
  @Column('text') kind!: StructureKind;
  @Column() name!: string;
}
