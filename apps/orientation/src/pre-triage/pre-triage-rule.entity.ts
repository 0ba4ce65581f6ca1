import { ConsultationModeCode, OrientationOutcomeCode } from '@sas/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Urgency } from './pre-triage-protocol';

/** One rule of a territory's pre-triage protocol (territory `*`: the defaults). */
@Entity({ name: 'pre_triage_rule' })
export class PreTriageRuleEntity {
  @PrimaryColumn('text') territory!: string;
  @PrimaryColumn('text') reason!: string;
  @Column('text') outcome!: OrientationOutcomeCode;
  @Column('text', { nullable: true }) urgency!: Urgency | null;
  @Column('text', { nullable: true }) mode!: ConsultationModeCode | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  /** The admin who set the rule (their subject); null for the seeded defaults. */
  @Column('text', { name: 'updated_by', nullable: true }) updatedBy!: string | null;
}
