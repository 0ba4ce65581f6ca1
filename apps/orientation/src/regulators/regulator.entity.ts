import { Column, Entity, PrimaryColumn } from 'typeorm';

export const REGULATOR_ROLES = ['call-taker', 'gp-regulator', 'snp-operator', 'supervisor'] as const;
export type RegulatorRole = (typeof REGULATOR_ROLES)[number];

/** A person who works cases: identified nationally (RPPS/IDNPS) or by a local technical id. */
@Entity({ name: 'regulator' })
export class RegulatorEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'national_id', nullable: true }) nationalId!: string | null;
  @Column('text', { name: 'local_id', nullable: true }) localId!: string | null;
  @Column('text', { name: 'display_name', nullable: true }) displayName!: string | null;
  /** Last name, first name and e-mail: the Hub Santé `regulator` block (staff data; never in events or logs). */
  @Column('text', { name: 'family_name', nullable: true }) familyName!: string | null;
  @Column('text', { name: 'given_name', nullable: true }) givenName!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text') role!: RegulatorRole;
  @Column('text', { array: true }) territories!: string[];
  @Column('boolean') active!: boolean;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'deactivated_at', nullable: true }) deactivatedAt!: Date | null;
}
