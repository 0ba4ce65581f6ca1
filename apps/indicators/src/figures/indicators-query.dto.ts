import { ApiPropertyOptional } from '@nestjs/swagger';
import { CPTS_ID } from '@sas/contracts';
import { CheckWith, IsCalendarDate } from '@sas/platform';
import { checkEpci, departementsOfRegion, findDepartement } from '@sas/referentials';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { Granularity, GRANULARITIES } from './periods';
import { AREA_KINDS } from '../territories/areas';

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

/** The range, and one EPCI or one CPTS (docs/territories.md). */
export class AreaFilterDto extends IndicatorsRangeDto {
  @ApiPropertyOptional({ example: '200054781', description: 'EPCI (SIREN): its communes within the territories read' })
  @IsOptional()
  @CheckWith(checkEpci)
  epci?: string;
  @ApiPropertyOptional({ example: 'cpts-levallois', description: 'CPTS as registered in scheduling: its perimeter' })
  @IsOptional()
  @Matches(CPTS_ID, { message: 'cpts must be the id a CPTS is registered with' })
  cpts?: string;
}

export class IndicatorsQueryDto extends AreaFilterDto {
  @ApiPropertyOptional({
    enum: GRANULARITIES,
    default: 'day',
    description: 'a half-year starts on 1 January or 1 July; half-years and years are read from the facts (slower)',
  })
  @IsOptional()
  @IsIn(GRANULARITIES)
  granularity?: Granularity;
  @ApiPropertyOptional({
    enum: [...GROUP_BYS, ...AREA_KINDS],
    default: 'territory',
    description: '`region` sums the départements filtered (needs `region`); `epci`, `cpts`: see docs/territories.md',
  })
  @IsOptional()
  @IsIn([...GROUP_BYS, ...AREA_KINDS])
  groupBy?: (typeof GROUP_BYS)[number] | (typeof AREA_KINDS)[number];
}
