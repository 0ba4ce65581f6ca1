import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPOINTMENT_TYPES,
  AppointmentTypeCode,
  CONSULTATION_MODES,
  ConsultationModeCode,
  SLOT_TEXT_LIMITS,
  VISIBILITIES,
  VisibilityCode,
} from '@sas/contracts';
import { CheckWith } from '@sas/platform';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { checkBookingUrl } from './slot-input-rules';

/** What a publisher offers in a slot, whether published alone or by a recurring rule. */
export class SlotOfferDto {
  @ApiProperty({ enum: VISIBILITIES, isArray: true, description: 'who may see the slot (combinable)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(VISIBILITIES, { each: true })
  visibility!: VisibilityCode[];

  @ApiProperty({ enum: CONSULTATION_MODES, isArray: true, description: 'AMB at the practice, HH at home, VR video' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(CONSULTATION_MODES, { each: true })
  modes!: ConsultationModeCode[];

  @ApiPropertyOptional({ enum: APPOINTMENT_TYPES }) @IsOptional() @IsIn(APPOINTMENT_TYPES) appointmentType?: AppointmentTypeCode;

  @ApiPropertyOptional({
    example: ['SM54'],
    description: "defaults to the practitioner's specialties",
    maxItems: SLOT_TEXT_LIMITS.specialties,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SLOT_TEXT_LIMITS.specialties)
  @IsString({ each: true })
  @Length(1, SLOT_TEXT_LIMITS.specialtyLength, {
    each: true,
    message: `each specialty must be 1 to ${SLOT_TEXT_LIMITS.specialtyLength} characters`,
  })
  specialties?: string[];

  @ApiPropertyOptional({ description: 'booking page at the agenda vendor', maxLength: SLOT_TEXT_LIMITS.bookingUrlLength })
  @IsOptional()
  @MaxLength(SLOT_TEXT_LIMITS.bookingUrlLength)
  @IsUrl({ require_protocol: true, protocols: ['https', 'http'] })
  @CheckWith(checkBookingUrl)
  bookingUrl?: string;

  @ApiPropertyOptional({
    example: 10,
    description: 'walk-in openings (appointmentType WALKIN) only: how many patients it takes; each booking takes one place',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  @ValidateBy({
    name: 'capacityOfWalkIn',
    validator: {
      validate: (_value: unknown, args) => (args?.object as SlotOfferDto).appointmentType === 'WALKIN',
      defaultMessage: () => 'capacity applies to a walk-in opening (appointmentType WALKIN) only',
    },
  })
  capacity?: number;

  @ApiPropertyOptional({ description: 'accepts SAS patients beyond published slots' })
  @IsOptional()
  @IsBoolean()
  acceptsBeyondSlots?: boolean;
}
