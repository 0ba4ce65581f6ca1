import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { SlotOfferDto } from '../slots/slot-offer.dto';
import { IsCalendarDate } from '@sas/platform';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class PeriodDto {
  @ApiProperty({ example: '08:30' }) @Matches(TIME, { message: 'start must be a local time HH:MM' }) start!: string;
  @ApiProperty({ example: '12:00' }) @Matches(TIME, { message: 'end must be a local time HH:MM' }) end!: string;
}

export class ExceptionDto {
  @ApiProperty({ example: '2027-08-01' }) @IsCalendarDate() from!: string;
  @ApiProperty({ example: '2027-08-21' }) @IsCalendarDate() to!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) reason?: string;
}

/** A recurring opening: which days, which local hours, slot length, validity and closures. */
export class CreateOpeningRuleDto extends SlotOfferDto {
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
  @ApiProperty({ example: '2027-01-04' }) @IsCalendarDate() validFrom!: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() validUntil?: string;

  @ApiPropertyOptional({ type: [ExceptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ExceptionDto)
  exceptions?: ExceptionDto[];

  @ApiPropertyOptional({ description: 'no slots on the eleven French public holidays' })
  @IsOptional()
  @IsBoolean()
  closedOnPublicHolidays?: boolean;
}
