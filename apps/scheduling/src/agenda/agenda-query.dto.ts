import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { CONSULTATION_MODES, ConsultationModeCode } from '@sas/contracts';
import { IsInstantWithOffset } from '@sas/platform';
import { AppointmentStatus } from '../appointments/appointment.entity';
import { SlotStatus } from '../slots/slot.entity';

// Records over the status unions: the compiler refuses a list that misses a status.
const SLOT_STATUS_SET: Record<SlotStatus, true> = {
  free: true,
  booked: true,
  'booked-elsewhere': true,
  withdrawn: true,
  expired: true,
};
const APPOINTMENT_STATUS_SET: Record<AppointmentStatus, true> = {
  booked: true,
  cancelled: true,
  honoured: true,
  'no-show': true,
  moved: true,
};
export const SLOT_STATUSES = Object.keys(SLOT_STATUS_SET) as SlotStatus[];
export const APPOINTMENT_STATUSES = Object.keys(APPOINTMENT_STATUS_SET) as AppointmentStatus[];

export const MAX_PAGE_SIZE = 1000;

/** `status=free,booked` or `status=free&status=booked`. */
const list = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.flatMap((v) => String(v).split(',')) : value;

/** What both agenda views filter on: whose, where, when, how; one page of the answer, sorted by start. */
export class AgendaQueryDto {
  @ApiPropertyOptional({ description: 'one practitioner of the caller (directory id)' })
  @IsOptional()
  @IsUUID()
  practitionerId?: string;

  @ApiPropertyOptional({ description: 'one structure of the caller (directory id)' })
  @IsOptional()
  @IsUUID()
  structureId?: string;

  @ApiPropertyOptional({ description: 'one place of consultation of the caller' })
  @IsOptional()
  @IsUUID()
  placeId?: string;

  @ApiPropertyOptional({ description: 'starting at or after this instant', example: '2026-12-07T00:00:00+01:00' })
  @IsOptional()
  @IsInstantWithOffset()
  from?: string;

  @ApiPropertyOptional({ description: 'starting before this instant', example: '2026-12-14T00:00:00+01:00' })
  @IsOptional()
  @IsInstantWithOffset()
  to?: string;

  @ApiPropertyOptional({ enum: CONSULTATION_MODES, description: 'slots offering this mode; appointments booked in it' })
  @IsOptional()
  @IsIn(CONSULTATION_MODES)
  mode?: ConsultationModeCode;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

export class SlotListQueryDto extends AgendaQueryDto {
  @ApiPropertyOptional({ enum: SLOT_STATUSES, isArray: true, description: 'comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsIn(SLOT_STATUSES, { each: true })
  status?: SlotStatus[];

  @ApiPropertyOptional({ description: 'true: slots holding a SAS booking; false: the others (free, booked elsewhere…)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  bookedBySas?: boolean;
}

export class AppointmentListQueryDto extends AgendaQueryDto {
  @ApiPropertyOptional({ enum: APPOINTMENT_STATUSES, isArray: true, description: 'comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsIn(APPOINTMENT_STATUSES, { each: true })
  status?: AppointmentStatus[];
}
