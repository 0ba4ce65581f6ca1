import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { SlotOfferDto } from '../slots/slot-offer.dto';
import { PUBLIC_HOLIDAY_OPENINGS, PublicHolidayOpening, ROTA_TURNS, RotaTurn } from './opening-rule';
import { IsCalendarDate } from '@sas/platform';
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
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export class PeriodDto {
  @ApiProperty({ example: '08:30' }) @Matches(TIME, { message: 'start must be a local time HH:MM' }) start!: string;
  @ApiProperty({ example: '12:00', description: '24:00 for midnight; at or before start, the period crosses midnight' })
  @Matches(END_TIME, { message: 'end must be a local time HH:MM (24:00 for midnight)' })
  end!: string;
}

export class RotaDto {
  @ApiProperty({ description: 'practitioners taking turns, in order' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  practitionerIds!: string[];

  @ApiProperty({ enum: ROTA_TURNS, description: 'period: each opening period is a turn (half-days); day: each opening day' })
  @IsIn(ROTA_TURNS)
  turn!: RotaTurn;
}

export class ExceptionDto {
  @ApiProperty({ example: '2027-08-01' }) @IsCalendarDate() from!: string;
  @ApiProperty({ example: '2027-08-21' }) @IsCalendarDate() to!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) reason?: string;
  @ApiPropertyOptional({ description: "a rota member's absence: only their turns close" })
  @IsOptional()
  @IsUUID()
  practitionerId?: string;
}

/** Absences and closures added to an existing rule; the rule's free slots they cover are withdrawn. */
export class PatchOpeningRuleDto {
  @ApiProperty({ type: [ExceptionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ExceptionDto)
  addExceptions!: ExceptionDto[];
}

/** A closure of a whole place: added to every active rule of the place. */
export class PlaceClosureDto extends ExceptionDto {
  @ApiProperty() @IsUUID() placeId!: string;
}

/** A recurring opening: which days, which local hours, slot length, validity and closures. */
export class CreateOpeningRuleDto extends SlotOfferDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() practitionerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() structureId?: string;
  @ApiProperty() @IsUUID() placeId!: string;

  @ApiPropertyOptional({
    example: [1, 2, 3, 4, 5],
    description: 'ISO weekdays, Monday = 1; none for a public-holidays-only rule',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays?: number[];

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

  @ApiPropertyOptional({
    enum: PUBLIC_HOLIDAY_OPENINGS,
    description: 'also: open on public holidays too; only: on public holidays alone',
  })
  @IsOptional()
  @IsIn(PUBLIC_HOLIDAY_OPENINGS)
  publicHolidays?: PublicHolidayOpening;

  @ApiPropertyOptional({ example: 2, description: 'open one week in n, counted from the week of weekAnchor' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(52)
  everyWeeks?: number;

  @ApiPropertyOptional({ description: 'a date in the first week of the cadence (default validFrom)' })
  @IsOptional()
  @IsCalendarDate()
  weekAnchor?: string;

  @ApiPropertyOptional({ type: RotaDto, description: "a structure's pool of practitioners taking turns" })
  @IsOptional()
  @ValidateNested()
  @Type(() => RotaDto)
  rota?: RotaDto;
}
