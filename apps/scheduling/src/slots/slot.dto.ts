import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CheckWith, IsInstantWithOffset } from '@sas/platform';
import { SlotOfferDto } from './slot-offer.dto';
import { checkRpps } from '@sas/referentials';

export const MAX_BATCH = 5000;

/** A slot to publish: whose (practitioner and/or structure), where (place), when and how. */
export class CreateSlotDto extends SlotOfferDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() practitionerId?: string;

  @ApiPropertyOptional({ description: 'instead of practitionerId, for callers who know the RPPS' })
  @IsOptional()
  @CheckWith(checkRpps)
  practitionerRpps?: string;

  @ApiPropertyOptional({ description: 'for a slot shared by a structure' }) @IsOptional() @IsUUID() structureId?: string;

  @ApiProperty() @IsUUID() placeId!: string;

  @ApiPropertyOptional({
    example: ['Visite de contrôle'],
    description: 'consultation reasons (motifs), free text, served in the FHIR answer',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  reasons?: string[];

  @ApiProperty({ example: '2026-11-23T09:00:00+01:00' })
  @IsInstantWithOffset()
  start!: string;

  @ApiProperty({ example: '2026-11-23T09:20:00+01:00' })
  @IsInstantWithOffset()
  end!: string;
}

/** What may change on a free slot, and the capacity of a walk-in opening (free, or full). */
export class UpdateSlotDto extends PartialType(
  PickType(CreateSlotDto, [
    'start',
    'end',
    'visibility',
    'modes',
    'appointmentType',
    'specialties',
    'bookingUrl',
    'acceptsBeyondSlots',
  ] as const),
) {
  @ApiPropertyOptional({
    example: 12,
    description:
      'walk-in openings (appointmentType WALKIN) only: the places it takes, never fewer than those taken; raised on a full opening, it returns to the free list',
  })
  @IsOptional()
  @IsInt()
  @Min(2, { message: 'capacity must be at least 2 (a walk-in opening for one patient is a single slot)' })
  @Max(500)
  capacity?: number;
}

export class SlotBatchDto {
  @ApiProperty({ type: [CreateSlotDto], maxItems: MAX_BATCH })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH, { message: `a batch holds at most ${MAX_BATCH} slots` })
  @ValidateNested({ each: true })
  @Type(() => CreateSlotDto)
  slots!: CreateSlotDto[];
}
