import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from './webhook-catalogue';
import { WEBHOOK_URL_MAX_LENGTH } from './webhook-url';

export class RegisterWebhookDto {
  @ApiProperty({ example: 'https://hooks.cabinet-morel.fr/sas', description: 'https only; at most 2048 characters' })
  @IsString()
  @MaxLength(WEBHOOK_URL_MAX_LENGTH)
  url!: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true, description: 'the event types to receive (default: all)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events?: string[];

  @ApiPropertyOptional({ example: 'front desk software' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  description?: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      "practices: the RPPS, SIRET or FINESS numbers (the caller's own) whose agendas the endpoint follows (default: all of the caller's)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(/^(\d{11}|\d{14}|[0-9AB]{9})$/, {
    each: true,
    message: 'each identifier must be an RPPS (11 digits), SIRET (14) or FINESS (9)',
  })
  identifiers?: string[];
}

export class DeliveryLogQueryDto {
  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
