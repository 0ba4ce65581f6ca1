import { ApiPropertyOptional } from '@nestjs/swagger';
import { CheckWith, IsCalendarDate } from '@sas/platform';
import { findDepartement } from '@sas/referentials';
import { IsIn, IsOptional } from 'class-validator';

export function checkTerritory(code: string): string | undefined {
  return findDepartement(code) ? undefined : `${code} is not a French département code`;
}

export class IndicatorsQueryDto {
  @ApiPropertyOptional({ example: '92', description: 'SAS territory (département); all when absent' }) @IsOptional() @CheckWith(checkTerritory) territory?: string;
  @ApiPropertyOptional({ example: '2026-11-01', description: 'first day (Europe/Paris), default 30 days ago' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: 'last day, inclusive (default today)' }) @IsOptional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional({ enum: ['day', 'week', 'month'], default: 'day' }) @IsOptional() @IsIn(['day', 'week', 'month']) granularity?: 'day' | 'week' | 'month';
  @ApiPropertyOptional({ enum: ['territory', 'commune', 'structure', 'practitioner'], default: 'territory' })
  @IsOptional()
  @IsIn(['territory', 'commune', 'structure', 'practitioner'])
  groupBy?: 'territory' | 'commune' | 'structure' | 'practitioner';
}
