import { ApiPropertyOptional } from '@nestjs/swagger';
import { CheckWith } from '@sas/platform';
import { IsIn, IsOptional } from 'class-validator';
import { IndicatorsRangeDto } from '../figures/indicators-query.dto';
import { BREAKDOWN_GROUPS, BreakdownGroup, DimensionName, parseFilter } from './breakdown-dimensions';
import { Granularity, GRANULARITIES } from '../figures/periods';

const valid = (name: DimensionName) => (raw: string) => {
  const parsed = parseFilter(name, raw);
  return typeof parsed === 'string' ? parsed : undefined;
};
const filter = (name: DimensionName, example: string) =>
  ApiPropertyOptional({ example, description: `keeps only these ${name} values (comma-separated)` });

export class UtilisationQueryDto extends IndicatorsRangeDto {
  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'day' })
  @IsOptional()
  @IsIn(GRANULARITIES)
  granularity?: Granularity;
}

/** Filters of the breakdowns: each a dimension, values comma-separated (`ageBand=66-75,76-85,86+`). */
export class BreakdownsQueryDto extends UtilisationQueryDto {
  @ApiPropertyOptional({ enum: BREAKDOWN_GROUPS, default: 'territory' })
  @IsOptional()
  @IsIn(BREAKDOWN_GROUPS)
  groupBy?: BreakdownGroup;
  @filter('channel', '116117')
  @IsOptional()
  @CheckWith(valid('channel'))
  channel?: string;
  @filter('reasonCategory', 'fever')
  @IsOptional()
  @CheckWith(valid('reasonCategory'))
  reasonCategory?: string;
  @filter('ageBand', '66-75,76-85,86+')
  @IsOptional()
  @CheckWith(valid('ageBand'))
  ageBand?: string;
  @filter('urgency', 'same-day')
  @IsOptional()
  @CheckWith(valid('urgency'))
  urgency?: string;
  @filter('mode', 'HH')
  @IsOptional()
  @CheckWith(valid('mode'))
  mode?: string;
  @filter('profession', 'nurse')
  @IsOptional()
  @CheckWith(valid('profession'))
  profession?: string;
  @filter('pdsaPeriod', 'in')
  @IsOptional()
  @CheckWith(valid('pdsaPeriod'))
  pdsaPeriod?: string;
  @filter('hourOfDay', '18,19,20')
  @IsOptional()
  @CheckWith(valid('hourOfDay'))
  hourOfDay?: string;
}
