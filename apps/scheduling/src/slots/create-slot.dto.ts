import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  ValidateNested,
} from 'class-validator';

export class SlotPlaceDto {
  /** INSEE commune code (5 characters; Corsica 2A/2B). */
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'communeCode must be an INSEE commune code (5 characters, 2A/2B for Corsica)' })
  communeCode!: string;

  @IsOptional() @IsLatitude() latitude?: number;
  @IsOptional() @IsLongitude() longitude?: number;
}

/** A single free slot published by a practice. */
export class CreateSlotDto {
  @Matches(/^\d{11}$/, { message: 'practitionerRpps must be an RPPS number of 11 digits' })
  practitionerRpps!: string;

  @IsOptional() @IsString() profession?: string;

  @IsOptional() @IsArray() @IsString({ each: true }) specialties?: string[];

  @ValidateNested() @Type(() => SlotPlaceDto) place!: SlotPlaceDto;

  @IsISO8601({ strict: true }, { message: 'start must be an ISO 8601 date-time with offset' }) start!: string;
  @IsISO8601({ strict: true }, { message: 'end must be an ISO 8601 date-time with offset' }) end!: string;

  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(['PUBLIC', 'PRO', 'SNP'], { each: true })
  visibility!: ('PUBLIC' | 'PRO' | 'SNP')[];

  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(['AMB', 'HH', 'VR'], { each: true })
  modes!: ('AMB' | 'HH' | 'VR')[];

  @IsOptional() @IsIn(['ROUTINE', 'WALKIN']) appointmentType?: 'ROUTINE' | 'WALKIN';

  @IsOptional() @IsUrl({ require_protocol: true, protocols: ['https', 'http'] }) bookingUrl?: string;

  @IsOptional() @IsBoolean() acceptsBeyondSlots?: boolean;
}
