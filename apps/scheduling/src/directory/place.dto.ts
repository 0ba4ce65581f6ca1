import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CheckWith } from '@sas/platform';
import { checkCommuneCode } from '@sas/referentials';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { ACCESSIBILITY_NEEDS, AccessibilityNeedCode } from '@sas/contracts';

/** A place of consultation; belongs to exactly one practitioner or structure. */
export class CreatePlaceDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() practitionerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() structureId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) addressLine?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{5}$/, { message: 'postalCode must be 5 digits' }) postalCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) city?: string;
  @ApiProperty({ example: '92044', description: 'INSEE commune code' }) @CheckWith(checkCommuneCode) communeCode!: string;
  @ApiPropertyOptional() @IsOptional() @IsLatitude() latitude?: number;
  @ApiPropertyOptional() @IsOptional() @IsLongitude() longitude?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() wheelchairAccessible?: boolean;
  @ApiPropertyOptional({ enum: ['1', '2', '3'] }) @IsOptional() @IsIn(['1', '2', '3']) conventionSector?: '1' | '2' | '3';
  @ApiPropertyOptional() @IsOptional() @IsBoolean() thirdPartyPayment?: boolean;
  @ApiPropertyOptional({ example: ['fr', 'en'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @Matches(/^[a-z]{2,3}$/, { each: true, message: 'languages must be ISO 639 codes' })
  languages?: string[];
  @ApiPropertyOptional({ description: 'sees patients under AME or without open rights (PASS, centre de santé)' })
  @IsOptional()
  @IsBoolean()
  treatsWithoutCover?: boolean;
  @ApiPropertyOptional({ description: 'calls on a professional interpreter for a language it does not speak' })
  @IsOptional()
  @IsBoolean()
  interpreting?: boolean;
  @ApiPropertyOptional({ enum: ACCESSIBILITY_NEEDS, isArray: true, description: 'accessibility the place is equipped for' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ACCESSIBILITY_NEEDS, { each: true, message: `accessibility must list codes among ${ACCESSIBILITY_NEEDS.join(', ')}` })
  accessibility?: AccessibilityNeedCode[];
  @ApiPropertyOptional({ description: 'home visits within this radius (km)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  homeVisitRadiusKm?: number;
}
