import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONSULTATION_MODES, ConsultationModeCode, ORIENTATION_OUTCOMES, OrientationOutcomeCode } from '@sas/contracts';
import { IsIn, IsOptional, ValidateIf } from 'class-validator';
import { URGENCIES } from '@sas/contracts';
import type { Urgency } from './pre-triage-protocol';

/** A territory's rule for one reason: what to suggest when a call gives that reason. */
export class PreTriageRuleDto {
  @ApiProperty({ enum: ORIENTATION_OUTCOMES }) @IsIn(ORIENTATION_OUTCOMES) outcome!: OrientationOutcomeCode;
  @ApiPropertyOptional({ enum: URGENCIES, nullable: true, description: 'absent or null: no urgent slot is needed' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(URGENCIES)
  urgency?: Urgency | null;
  @ApiPropertyOptional({ enum: CONSULTATION_MODES, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(CONSULTATION_MODES)
  mode?: ConsultationModeCode | null;
}
