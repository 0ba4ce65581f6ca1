import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class BookAppointmentDto {
  @ApiProperty() @IsUUID() slotId!: string;
  @ApiPropertyOptional({ description: 'pseudonymous regulation case id' }) @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional({ enum: ['AMB', 'HH', 'VR'], description: "one of the slot's modes; defaults to its first" })
  @IsOptional()
  @IsIn(['AMB', 'HH', 'VR'])
  mode?: 'AMB' | 'HH' | 'VR';
}

export class CancelAppointmentDto {
  @ApiProperty({ enum: ['patient', 'practitioner', 'regulator'] }) @IsIn(['patient', 'practitioner', 'regulator']) by!: 'patient' | 'practitioner' | 'regulator';
}

export class MoveAppointmentDto {
  @ApiProperty({ description: 'the free slot to move to' }) @IsUUID() slotId!: string;
  @ApiPropertyOptional({ enum: ['AMB', 'HH', 'VR'] }) @IsOptional() @IsIn(['AMB', 'HH', 'VR']) mode?: 'AMB' | 'HH' | 'VR';
}
