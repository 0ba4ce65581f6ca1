import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl } from 'class-validator';

const VISIBILITIES = ['PUBLIC', 'PRO', 'SNP'] as const;
const MODES = ['AMB', 'HH', 'VR'] as const;

/** What a publisher offers in a slot, whether published alone or by a recurring rule. */
export class SlotOfferDto {
  @ApiProperty({ enum: VISIBILITIES, isArray: true, description: 'who may see the slot (combinable)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(VISIBILITIES, { each: true })
  visibility!: ('PUBLIC' | 'PRO' | 'SNP')[];

  @ApiProperty({ enum: MODES, isArray: true, description: 'AMB at the practice, HH at home, VR video' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(MODES, { each: true })
  modes!: ('AMB' | 'HH' | 'VR')[];

  @ApiPropertyOptional({ enum: ['ROUTINE', 'WALKIN'] }) @IsOptional() @IsIn(['ROUTINE', 'WALKIN']) appointmentType?: 'ROUTINE' | 'WALKIN';

  @ApiPropertyOptional({ example: ['SM54'], description: "defaults to the practitioner's specialties" })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  specialties?: string[];

  @ApiPropertyOptional({ description: 'booking page at the agenda vendor' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['https', 'http'] })
  bookingUrl?: string;

  @ApiPropertyOptional({ description: 'accepts SAS patients beyond published slots' }) @IsOptional() @IsBoolean() acceptsBeyondSlots?: boolean;
}
