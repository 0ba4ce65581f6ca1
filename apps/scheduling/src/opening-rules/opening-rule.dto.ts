import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
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
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class PeriodDto {
  @ApiProperty({ example: '08:30' }) @Matches(TIME, { message: 'start must be a local time HH:MM' }) start!: string;
  @ApiProperty({ example: '12:00' }) @Matches(TIME, { message: 'end must be a local time HH:MM' }) end!: string;
}

export class ExceptionDto {
  @ApiProperty({ example: '2027-08-01' }) @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' }) from!: string;
  @ApiProperty({ example: '2027-08-21' }) @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' }) to!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) reason?: string;
}

/** A recurring opening: which days, which local hours, slot length, validity and closures. */
export class CreateOpeningRuleDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() practitionerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() structureId?: string;
  @ApiProperty() @IsUUID() placeId!: string;

  @ApiProperty({ example: [1, 2, 3, 4, 5], description: 'ISO weekdays, Monday = 1' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays!: number[];

  @ApiProperty({ type: [PeriodDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => PeriodDto)
  periods!: PeriodDto[];

  @ApiProperty({ example: 20 }) @IsInt() @Min(5) @Max(240) slotMinutes!: number;
  @ApiProperty({ example: '2027-01-04' }) @Matches(DATE, { message: 'validFrom must be a date YYYY-MM-DD' }) validFrom!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DATE, { message: 'validUntil must be a date YYYY-MM-DD' }) validUntil?: string;

  @ApiPropertyOptional({ type: [ExceptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ExceptionDto)
  exceptions?: ExceptionDto[];

  @ApiPropertyOptional({ description: 'no slots on the eleven French public holidays' }) @IsOptional() @IsBoolean() closedOnPublicHolidays?: boolean;

  @ApiProperty({ enum: ['PUBLIC', 'PRO', 'SNP'], isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(['PUBLIC', 'PRO', 'SNP'], { each: true })
  visibility!: ('PUBLIC' | 'PRO' | 'SNP')[];

  @ApiProperty({ enum: ['AMB', 'HH', 'VR'], isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(['AMB', 'HH', 'VR'], { each: true })
  modes!: ('AMB' | 'HH' | 'VR')[];

  @ApiPropertyOptional({ enum: ['ROUTINE', 'WALKIN'] }) @IsOptional() @IsIn(['ROUTINE', 'WALKIN']) appointmentType?: 'ROUTINE' | 'WALKIN';
  @ApiPropertyOptional() @IsOptional() @IsArray() @IsString({ each: true }) specialties?: string[];
  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_protocol: true }) bookingUrl?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() acceptsBeyondSlots?: boolean;
}
