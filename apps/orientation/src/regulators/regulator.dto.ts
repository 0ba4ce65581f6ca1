import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CheckWith } from '@sas/platform';
import { findDepartement } from '@sas/referentials';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { REGULATOR_ROLES, RegulatorRole } from './regulator.entity';

/** The reason a département code is wrong, or undefined. */
export function checkDepartementCode(code: string): string | undefined {
  return findDepartement(code) ? undefined : `${code} is not a French département code`;
}

/** The holder's names and e-mail, for the Hub Santé `regulator` block; what is given replaces what was recorded. */
export class RegulatorIdentityDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) familyName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) givenName?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @Length(3, 254)
  email?: string;
}

export class CreateRegulatorDto {
  @ApiPropertyOptional({ description: 'national identifier: RPPS (11 digits) or IDNPS', example: '810000000001' })
  @IsOptional()
  @Matches(/^[0-9]{11,12}$/, { message: 'nationalId must be an RPPS (11 digits) or IDNPS (12 digits) number' })
  nationalId?: string;
  @ApiPropertyOptional({ description: 'local technical id when the person has no national identifier' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'localId must be 3 to 64 letters, digits, dots, dashes or underscores' })
  localId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) displayName?: string;
  @ApiPropertyOptional({
    description: 'last name (sent to the SAMU with the orientations; the token claim family_name updates it)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  familyName?: string;
  @ApiPropertyOptional({ description: 'first name (the token claim given_name updates it)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  givenName?: string;
  @ApiPropertyOptional({ description: 'professional e-mail (the token claim email updates it)' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @Length(3, 254)
  email?: string;
  @ApiProperty({ enum: REGULATOR_ROLES }) @IsIn(REGULATOR_ROLES) role!: RegulatorRole;
  @ApiProperty({ example: ['92'], description: 'SAS territories (départements) the regulator works for' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @CheckWith(checkDepartementCode, { each: true })
  territories!: string[];
}
