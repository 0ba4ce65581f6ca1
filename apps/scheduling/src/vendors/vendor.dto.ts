import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';

export class RegisterVendorDto {
  @ApiProperty({ example: 'Agenda Santé' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ type: [String], description: 'RPPS numbers the vendor may publish for' })
  @IsArray()
  @ArrayMaxSize(100_000)
  @Matches(/^\d{11}$/, { each: true, message: 'each practitionerRpps must be 11 digits' })
  practitionerRpps!: string[];

  @ApiProperty({ type: [String], description: 'SIRET (14 digits) or FINESS (9 characters) of structures' })
  @IsArray()
  @ArrayMaxSize(10_000)
  @Matches(/^(\d{14}|[0-9AB]{9})$/, { each: true, message: 'each structureId must be a SIRET (14 digits) or FINESS (9)' })
  structureIds!: string[];

  @ApiProperty({
    required: false,
    description:
      'The vendor\'s FHIR server scheduling polls: { baseUrl, flows: [INT_R01|INT_R04|SOS], auth: { kind: "mtls", certPath|certEnv, keyPath|keyEnv } | { kind: "oauth2-client-credentials", tokenUrl, clientId, clientSecretEnv }, pollIntervalSeconds (300), timeoutMs (5000), concurrency (4) }',
  })
  @IsOptional()
  @IsObject()
  endpoint?: Record<string, unknown>;
}

export const VENDOR_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/i;
