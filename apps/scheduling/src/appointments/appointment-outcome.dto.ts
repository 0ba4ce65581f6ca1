import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CheckWith } from '@sas/platform';
import { checkRpps } from '@sas/referentials';
import { NO_SHOW_REASONS, NoShowReasonCode } from '@sas/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';

/** The most outcomes one bulk report carries: a busy structure's day, with room to spare. */
export const OUTCOMES_PER_REPORT = 500;

/** What a practice may say with an outcome (both optional; see outcome-rules.ts). */
export class ReportOutcomeDto {
  @ApiPropertyOptional({
    example: '10000000009',
    description:
      "who saw the patient (RPPS); required for an honoured appointment in a structure's slot without a practitioner, the slot's practitioner otherwise",
  })
  @IsOptional()
  @CheckWith(checkRpps)
  performingPractitionerRpps?: string;
  @ApiPropertyOptional({ enum: NO_SHOW_REASONS, description: 'why the patient did not come (no-show only)' })
  @IsOptional()
  @IsIn(NO_SHOW_REASONS)
  reason?: NoShowReasonCode;
}

export class OutcomeItemDto extends ReportOutcomeDto {
  @ApiProperty() @IsUUID() appointmentId!: string;
  @ApiProperty({ enum: ['honoured', 'no-show'] }) @IsIn(['honoured', 'no-show']) outcome!: 'honoured' | 'no-show';
}

export class ReportOutcomesDto {
  @ApiProperty({ type: [OutcomeItemDto], description: `1 to ${OUTCOMES_PER_REPORT} outcomes, recorded all or none` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(OUTCOMES_PER_REPORT)
  @ValidateNested({ each: true })
  @Type(() => OutcomeItemDto)
  outcomes!: OutcomeItemDto[];
}
