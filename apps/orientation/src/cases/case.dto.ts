import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CheckWith, IsInstantWithOffset } from '@sas/platform';
import { checkCommuneCode, checkRpps } from '@sas/referentials';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { checkDepartementCode } from '../regulators/regulator.dto';
import { CASE_STATES, CaseState, OUTCOMES, Outcome } from './case-workflow';
import {
  ACCESSIBILITY_NEEDS,
  AccessibilityNeedCode,
  CONSULTATION_MODES,
  ConsultationModeCode,
  COVER_STATUSES,
  CoverStatusCode,
  AGE_BANDS,
  DEFAULT_SPECIALTY,
  REASON_CATEGORY_CODES,
  URGENCIES,
  ReasonCategoryCode,
} from '@sas/contracts';

/** The longest note a regulator leaves for the practitioner. */
export const PRACTITIONER_NOTE_MAX_LENGTH = 1000;

export const NO_SOLUTION_REASONS = [
  'no-slot-in-radius',
  'no-slot-in-time',
  'mode-unavailable',
  'patient-declined',
  'patient-unreachable',
  'other',
] as const;

/** Kept only to call the patient back: encrypted at rest, never listed, logged or sent in events. */
export class PatientContactDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ example: '+33 6 12 34 56 78' })
  @IsOptional()
  @Matches(/^\+?[0-9 .()-]{6,25}$/, { message: 'patientContact.phone must be a phone number' })
  phone?: string;
}

export class OpenCaseDto {
  @ApiProperty({ example: '92', description: 'the SAS territory (département) taking the call' })
  @CheckWith(checkDepartementCode)
  territory!: string;
  @ApiProperty({ enum: ['15', '116117', 'other'] }) @IsIn(['15', '116117', 'other']) channel!: '15' | '116117' | 'other';
  @ApiProperty({ example: '92044', description: "the patient's commune (INSEE code)" })
  @CheckWith(checkCommuneCode)
  communeCode!: string;
  @ApiProperty({ enum: AGE_BANDS }) @IsIn(AGE_BANDS) ageBand!: (typeof AGE_BANDS)[number];
  @ApiPropertyOptional({ enum: ['F', 'M'] }) @IsOptional() @IsIn(['F', 'M']) sex?: 'F' | 'M';
  @ApiProperty({
    example: 'fever',
    enum: REASON_CATEGORY_CODES,
    description: 'coded reason for the call (GET /pre-triage/reasons)',
  })
  @IsIn(REASON_CATEGORY_CODES, {
    message: 'reasonCategory must be one of the coded reasons (GET /pre-triage/reasons lists them)',
  })
  reasonCategory!: ReasonCategoryCode;
  @ApiProperty() @IsBoolean() hasTreatingDoctor!: boolean;
  @ApiPropertyOptional({ description: "the treating doctor's RPPS, when known" })
  @IsOptional()
  @CheckWith(checkRpps)
  treatingDoctorRpps?: string;
  @ApiPropertyOptional({ description: 'when the call was received (default now)' })
  @IsOptional()
  @IsInstantWithOffset()
  callReceivedAt?: string;
  @ApiPropertyOptional({ example: 'ar', description: "the patient's language (ISO 639), when not French" })
  @IsOptional()
  @Matches(/^[a-z]{2,3}$/, { message: 'language must be an ISO 639 code' })
  language?: string;
  @ApiPropertyOptional({ description: 'the patient needs an interpreter for their language (requires language)' })
  @IsOptional()
  @IsBoolean()
  interpreterNeeded?: boolean;
  @ApiPropertyOptional({ enum: ACCESSIBILITY_NEEDS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ACCESSIBILITY_NEEDS, {
    each: true,
    message: `accessibilityNeeds must list codes among ${ACCESSIBILITY_NEEDS.join(', ')}`,
  })
  accessibilityNeeds?: AccessibilityNeedCode[];
  @ApiPropertyOptional({ enum: COVER_STATUSES, description: "the patient's health cover" })
  @IsOptional()
  @IsIn(COVER_STATUSES)
  coverStatus?: CoverStatusCode;
  @ApiPropertyOptional({
    example: '92062',
    description: 'where the patient is now (INSEE code), when not at home: the search starts there',
  })
  @IsOptional()
  @CheckWith(checkCommuneCode)
  currentCommuneCode?: string;
  // An array passed ValidateNested element by element and the contact was dropped: the call-back number lost without a word.
  @ApiPropertyOptional({ type: PatientContactDto })
  @IsOptional()
  @IsObject({ message: 'patientContact must be an object {name, phone}' })
  @ValidateNested()
  @Type(() => PatientContactDto)
  patientContact?: PatientContactDto;
}

export class TriageDto {
  @ApiProperty({ description: 'life-threatening → emergency regulation; otherwise → GP regulator' })
  @IsBoolean()
  lifeThreatening!: boolean;
}

export class AssessmentDto {
  @ApiProperty({ description: 'whether the patient needs a consultation' }) @IsBoolean() consultationNeeded!: boolean;
  @ApiPropertyOptional({ enum: URGENCIES }) @IsOptional() @IsIn(URGENCIES) urgency?: (typeof URGENCIES)[number];
  @ApiPropertyOptional({ enum: CONSULTATION_MODES }) @IsOptional() @IsIn(CONSULTATION_MODES) mode?: ConsultationModeCode;
  @ApiPropertyOptional({ example: DEFAULT_SPECIALTY, default: DEFAULT_SPECIALTY })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{2,20}$/, { message: 'specialty must be an ordinal specialty code such as SM54' })
  specialty?: string;
}

export class TreatingDoctorAttemptDto {
  @ApiProperty({ enum: ['reached', 'unreachable', 'declined'] }) @IsIn(['reached', 'unreachable', 'declined']) result!:
    'reached' | 'unreachable' | 'declined';
}

export class CaseSearchDto {
  @ApiPropertyOptional({ default: 10 }) @IsOptional() @IsNumber() @Min(1) @Max(100) radiusKm?: number;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @IsNumber() @Min(1) @Max(100) limit?: number;
}

export class OrientationDto {
  @ApiProperty({ enum: OUTCOMES }) @IsIn(OUTCOMES) outcome!: Outcome;
  @ApiPropertyOptional({ description: 'the slot to book (SNP consultation; optional for treating doctor, SOS Médecins, MMG)' })
  @IsOptional()
  @IsUUID()
  slotId?: string;
  @ApiPropertyOptional({ enum: CONSULTATION_MODES }) @IsOptional() @IsIn(CONSULTATION_MODES) mode?: ConsultationModeCode;
  @ApiPropertyOptional({ description: 'the practitioner booked or contacted' })
  @IsOptional()
  @CheckWith(checkRpps)
  practitionerRpps?: string;
  @ApiPropertyOptional({ description: 'the structure contacted (place de marché…)' })
  @IsOptional()
  @IsUUID()
  structureId?: string;
  @ApiPropertyOptional({ enum: NO_SOLUTION_REASONS, description: 'required for no-solution' })
  @IsOptional()
  @IsIn(NO_SOLUTION_REASONS)
  noSolutionReason?: (typeof NO_SOLUTION_REASONS)[number];
  @ApiPropertyOptional({ description: 'free-text note kept in the case file only (never in events)' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
  @ApiPropertyOptional({
    description:
      'note meant for the practitioner who receives the patient: encrypted, read only by the practice of the booked appointment, erased with the contact',
  })
  @IsOptional()
  @IsString()
  @Length(1, PRACTITIONER_NOTE_MAX_LENGTH)
  practitionerNote?: string;
}

export class ListCasesQuery {
  @ApiProperty({ example: '92' }) @CheckWith(checkDepartementCode) territory!: string;
  @ApiPropertyOptional({ enum: CASE_STATES })
  @IsOptional()
  @IsIn(CASE_STATES)
  state?: CaseState;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsNumber() @Min(1) @Max(500) limit?: number;
}
