import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { CONSULTATION_MODES, ConsultationModeCode } from '@sas/contracts';

export class BookAppointmentDto {
  @ApiProperty() @IsUUID() slotId!: string;
  @ApiPropertyOptional({ description: 'pseudonymous regulation case id' }) @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional({
    example: '92',
    description: "the case's territory (département), one of the regulator's; defaults to the slot's",
  })
  @IsOptional()
  @Matches(/^(\d{2}|2[AB]|97\d)$/, { message: 'territory must be a département code' })
  territory?: string;
  @ApiPropertyOptional({ enum: CONSULTATION_MODES, description: "one of the slot's modes; defaults to its first" })
  @IsOptional()
  @IsIn(CONSULTATION_MODES)
  mode?: ConsultationModeCode;
}

export class CancelAppointmentDto {
  @ApiProperty({ enum: ['patient', 'practitioner', 'regulator'] }) @IsIn(['patient', 'practitioner', 'regulator']) by!:
    'patient' | 'practitioner' | 'regulator';
}

export class MoveAppointmentDto {
  @ApiProperty({ description: 'the free slot to move to' }) @IsUUID() slotId!: string;
  @ApiPropertyOptional({ enum: CONSULTATION_MODES }) @IsOptional() @IsIn(CONSULTATION_MODES) mode?: ConsultationModeCode;
}
