import { ApiPropertyOptional } from '@nestjs/swagger';
import { CheckWith, IsInstantWithOffset } from '@sas/platform';
import { checkCommuneCode } from '@sas/referentials';
import { Transform, Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import {
  ACCESSIBILITY_NEEDS,
  AccessibilityNeedCode,
  CONSULTATION_MODES,
  ConsultationModeCode,
  COVER_STATUSES,
  CoverStatusCode,
  DEFAULT_SPECIALTY,
  SEARCH_WINDOW_HOURS,
} from '@sas/contracts';

/** A list in a query string comes as `a,b`; in a JSON body as an array. */
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

/** A regulator's search: where, when, what, and the equity filters. */
export class SearchQueryDto {
  @ApiPropertyOptional({ example: '92044', description: "the patient's commune (INSEE code)" })
  @IsOptional()
  @CheckWith(checkCommuneCode)
  commune?: string;
  @ApiPropertyOptional({ description: "the patient's position" }) @IsOptional() @Type(() => Number) @IsLatitude() lat?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsLongitude() lon?: number;
  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(1)
  @Max(100)
  radiusKm?: number;
  @ApiPropertyOptional({ description: 'default now' }) @IsOptional() @IsInstantWithOffset() from?: string;
  @ApiPropertyOptional({ description: `default from + ${SEARCH_WINDOW_HOURS} h` })
  @IsOptional()
  @IsInstantWithOffset()
  to?: string;
  @ApiPropertyOptional({ enum: CONSULTATION_MODES }) @IsOptional() @IsIn(CONSULTATION_MODES) mode?: ConsultationModeCode;
  @ApiPropertyOptional({ default: DEFAULT_SPECIALTY }) @IsOptional() @IsString() specialty?: string;
  @ApiPropertyOptional({ example: 'general-practitioner' }) @IsOptional() @IsString() @Length(2, 60) profession?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() sector1Only?: boolean;
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() thirdPartyPayment?: boolean;
  @ApiPropertyOptional() @IsOptional() @Transform(toBoolean) @IsBoolean() wheelchairAccessible?: boolean;
  @ApiPropertyOptional({ example: 'en' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}$/, { message: 'language must be an ISO 639 code' })
  language?: string;
  @ApiPropertyOptional({ example: 'ar', description: 'the patient needs an interpreter for this language (ISO 639)' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}$/, { message: 'interpreterFor must be an ISO 639 code' })
  interpreterFor?: string;
  @ApiPropertyOptional({ enum: COVER_STATUSES, description: "the patient's health cover" })
  @IsOptional()
  @IsIn(COVER_STATUSES)
  cover?: CoverStatusCode;
  @ApiPropertyOptional({
    enum: ACCESSIBILITY_NEEDS,
    isArray: true,
    description: 'accessibility needs (comma-separated in a query)',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayUnique()
  @IsIn(ACCESSIBILITY_NEEDS, { each: true, message: `accessibility must list codes among ${ACCESSIBILITY_NEEDS.join(', ')}` })
  accessibility?: AccessibilityNeedCode[];
  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
