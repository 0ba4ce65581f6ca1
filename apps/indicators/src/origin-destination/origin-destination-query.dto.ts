import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { AreaFilterDto } from '../figures/indicators-query.dto';

export const OD_LEVELS = ['commune', 'epci', 'departement'] as const;
export type OdLevel = (typeof OD_LEVELS)[number];
export const OD_MAX_LIMIT = 10_000;

/** Where and when (with `epci` or `cpts`: the pairs with an end in its communes), then at which level the pairs are counted and how many come back. */
export class OriginDestinationQueryDto extends AreaFilterDto {
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
