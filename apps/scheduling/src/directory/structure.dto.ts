import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { checkFiness, checkSiret } from '@sas/referentials';
import { CheckWith } from '@sas/platform';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { STRUCTURE_KINDS, StructureKind } from './structure.entity';

export class CreateStructureDto {
  @ApiPropertyOptional({ description: 'SIRET, 14 digits with a Luhn check' }) @IsOptional() @CheckWith(checkSiret) siret?: string;
  @ApiPropertyOptional({ description: 'FINESS, 9 characters' }) @IsOptional() @CheckWith(checkFiness) finess?: string;
  @ApiProperty({ enum: STRUCTURE_KINDS }) @IsIn(STRUCTURE_KINDS) kind!: StructureKind;
  @ApiProperty() @IsString() @Length(1, 200) name!: string;
}

/** A change of a structure's record: its name (identifiers and kind stay). */
export class UpdateStructureDto extends PartialType(PickType(CreateStructureDto, ['name'] as const)) {}
