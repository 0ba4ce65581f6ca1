import { ApiPropertyOptional } from '@nestjs/swagger';
import { CheckWith, IsCalendarDate } from '@sas/platform';
import { departementsOfRegion, findDepartement } from '@sas/referentials';
import { IsIn, IsOptional } from 'class-validator';

export const GROUP_BYS = ['territory', 'region', 'commune', 'structure', 'practitioner'] as const;

export function checkTerritory(code: string): string | undefined {
  return findDepartement(code) ? undefined : `${code} is not a French département code`;
}

export function checkRegion(code: string): string | undefined {
  return departementsOfRegion(code).length ? undefined : `${code} is not a French region code`;
}

/** The filters every indicator endpoint shares: where and when. */
export class IndicatorsRangeDto {
  @ApiPropertyOptional({ example: '92', description: 'SAS territory (département); all when absent' })
  @IsOptional()
  @CheckWith(checkTerritory)
  territory?: string;
  @ApiPropertyOptional({
    example: '11',
    description: "region (INSEE code): its départements only; the caller's territories when absent",
  })
  @IsOptional()
  @CheckWith(checkRegion)
  region?: string;
  @ApiPropertyOptional({ example: '2026-11-01', description: 'first day (Europe/Paris), default 30 days ago' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: 'last day, inclusive (default today)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class IndicatorsQueryDto extends IndicatorsRangeDto {
  @ApiPropertyOptional({ enum: ['day', 'week', 'month'], default: 'day' })
  @IsOptional()
  @IsIn(['day', 'week', 'month'])
  granularity?: 'day' | 'week' | 'month';
  @ApiPropertyOptional({
    enum: GROUP_BYS,
    default: 'territory',
    description: '`region` sums the départements filtered (needs `region`)',
  })
  @IsOptional()
  @IsIn(GROUP_BYS)
  groupBy?: (typeof GROUP_BYS)[number];
}
