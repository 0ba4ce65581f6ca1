import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Length } from 'class-validator';
import { CheckWith, IsInstantWithOffset } from '@sas/platform';
import { checkCommuneCode, checkFiness, checkRpps, checkSiret } from '@sas/referentials';

/** A SIRET or a FINESS, whichever the value looks like. */
export function checkStructureIdentifier(value: string): string | undefined {
  return /^\d{14}$/.test(value) ? checkSiret(value) : checkFiness(value);
}

/** A CPTS as an admin registers it: who its members are and which communes it covers. */
export class RegisterCptsDto {
  @ApiProperty({ example: 'CPTS Levallois-Perret' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ type: [String], description: 'RPPS numbers of its member practitioners' })
  @IsArray()
  @ArrayMaxSize(5000)
  @CheckWith(checkRpps, { each: true })
  practitionerRpps!: string[];

  @ApiProperty({ type: [String], description: 'SIRET (14 digits) or FINESS (9 characters) of its member structures' })
  @IsArray()
  @ArrayMaxSize(1000)
  @CheckWith(checkStructureIdentifier, { each: true })
  structureIds!: string[];

  @ApiProperty({ type: [String], example: ['92044'], description: 'INSEE codes of the communes (or arrondissements) it covers' })
  @IsArray()
  @ArrayMaxSize(2000)
  @CheckWith(checkCommuneCode, { each: true })
  communes!: string[];
}

/** The period of a CPTS's figures: slots starting in [from, to). */
export class CptsFiguresQueryDto {
  @ApiProperty({ example: '2026-12-07T00:00:00+01:00' }) @IsInstantWithOffset() from!: string;
  @ApiProperty({ example: '2026-12-14T00:00:00+01:00' }) @IsInstantWithOffset() to!: string;
}
