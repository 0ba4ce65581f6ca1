import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { checkAdeli, checkRpps } from '@sas/referentials';
import { CheckWith } from '@sas/platform';
import { SLOT_TEXT_LIMITS } from '@sas/contracts';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length } from 'class-validator';

export class CreatePractitionerDto {
  @ApiPropertyOptional({ example: '10001234567', description: 'RPPS, 11 digits with a Luhn check digit' })
  @IsOptional()
  @CheckWith(checkRpps)
  rpps?: string;

  @ApiPropertyOptional({ description: 'ADELI, 9 digits (professions not yet in RPPS)' })
  @IsOptional()
  @CheckWith(checkAdeli)
  adeli?: string;

  @ApiProperty({ example: 'general-practitioner' })
  @IsString()
  @Length(2, 60)
  profession!: string;

  @ApiPropertyOptional({
    example: ['SM54'],
    description: 'ordinal specialty codes or free text',
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

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) familyName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) givenName?: string;
}

/** A change of a practitioner's record: names and specialties (identifiers and profession stay: slots carry them). */
export class UpdatePractitionerDto extends PartialType(
  PickType(CreatePractitionerDto, ['specialties', 'familyName', 'givenName'] as const),
) {}
