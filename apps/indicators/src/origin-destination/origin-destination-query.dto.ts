import { ApiPropertyOptional } from '@nestjs/swagger';
import { CheckWith } from '@sas/platform';
import { checkEpci } from '@sas/referentials';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IndicatorsRangeDto } from '../figures/indicators-query.dto';

export const OD_LEVELS = ['commune', 'epci', 'departement'] as const;
export type OdLevel = (typeof OD_LEVELS)[number];
export const OD_MAX_LIMIT = 10_000;

/** Where and when, then at which level the pairs are counted and how many come back. */
export class OriginDestinationQueryDto extends IndicatorsRangeDto {
  @ApiPropertyOptional({ example: '200054781', description: 'EPCI (SIREN): pairs with an end in its communes' })
  @IsOptional()
  @CheckWith(checkEpci)
  epci?: string;
  @ApiPropertyOptional({
    example: 'cpts-levallois',
    description: 'CPTS as registered in scheduling: pairs with an end in its perimeter',
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9._-]{1,63}$/i, { message: 'cpts must be the id a CPTS is registered with' })
  cpts?: string;
  @ApiPropertyOptional({ enum: OD_LEVELS, default: 'commune' })
  @IsOptional()
  @IsIn(OD_LEVELS)
  level?: OdLevel;
  @ApiPropertyOptional({ default: 100, maximum: OD_MAX_LIMIT, description: 'the top pairs by bookings' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(OD_MAX_LIMIT)
  limit?: number;
}
