import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { PRACTICE_PHONE_PATTERN } from '@sas/contracts';
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

const PHONE = new RegExp(PRACTICE_PHONE_PATTERN);
const PHONE_MESSAGE = 'must be a phone number: digits, spaces or dots, optionally after +';

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
  @ApiPropertyOptional({ example: '01 47 57 00 00', description: "the practice's public number" })
  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string;
  @ApiPropertyOptional({ description: 'the line the practice gives SAS regulators (never shown to the public)' })
  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  regulatorPhone?: string;
  @ApiPropertyOptional({ description: 'accepts SAS patients beyond its slots at this place (unset: as each slot says)' })
  @IsOptional()
  @IsBoolean()
  acceptsBeyondSlots?: boolean;
}

/**
 * A change of a place by its owner: any field of the registration but the owner, each
 * checked as at registration. `null` clears an optional field (phone, address…); the
 * commune, accessibility, third-party payment and languages cannot be cleared.
 */
export class UpdatePlaceDto extends PartialType(OmitType(CreatePlaceDto, ['practitionerId', 'structureId'] as const)) {}
