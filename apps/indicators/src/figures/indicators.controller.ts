import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@sas/auth';
import { InvalidInput } from '@sas/platform';
import { Response } from 'express';
import { toCsv } from './csv';
import { DEFINITIONS, INDICATOR_NAMES } from './definitions';
import { readableTerritories, resolveRange } from './figures-scope';
import { FiguresQuery, FiguresService } from './figures.service';
import { IndicatorsQueryDto, IndicatorsRangeDto } from './indicators-query.dto';
import { HourlySupplyService } from './hourly-supply.service';
import { AreaFiguresService } from '../territories/area-figures.service';
import { areaQuery } from '../territories/area-query';

/** The SAS dashboard figures, as JSON (with their definitions) or CSV. */
@ApiTags('indicators')
@Roles('bi', 'admin', 'regulator')
@Controller()
export class IndicatorsController {
  constructor(
    private readonly figures: FiguresService,
    private readonly hourly: HourlySupplyService,
    private readonly areas: AreaFiguresService,
  ) {}

  @Get('indicators/definitions')
  definitions(@CurrentPrincipal() reader: Principal) {
    readableTerritories(reader);
    return DEFINITIONS;
  }

  /** The territories the caller may read (null: every one), so a dashboard offers only those. */
  @Get('indicators/scope')
  scope(@CurrentPrincipal() reader: Principal) {
    return { territories: readableTerritories(reader) ?? null };
  }

  @Get('indicators/snp-hours-by-weekday-hour')
  async hoursByWeekdayHour(@Query() dto: IndicatorsRangeDto, @CurrentPrincipal() reader: Principal) {
    const range = resolveRange(dto, reader);
    return {
      metadata: { ...range, timeZone: 'Europe/Paris', generatedAt: new Date().toISOString() },
      rows: await this.hourly.compute(range),
    };
  }

  @Get('indicators.csv')
  async csv(@Query() dto: IndicatorsQueryDto, @CurrentPrincipal() reader: Principal, @Res() res: Response) {
    await this.answer(dto, reader, 'text/csv', res);
  }

  /** JSON by default; CSV with `Accept: text/csv`. */
  @Get('indicators')
  async get(
    @Query() dto: IndicatorsQueryDto,
    @CurrentPrincipal() reader: Principal,
    @Headers('accept') accept: string | undefined,
    @Res() res: Response,
  ) {
    await this.answer(dto, reader, accept?.includes('text/csv') ? 'text/csv' : 'application/json', res);
  }

  private async answer(dto: IndicatorsQueryDto, reader: Principal, type: string, res: Response): Promise<void> {
    // EPCI and CPTS perimeters are sums over their communes (territories/area-figures.service.ts).
    const area = areaQuery(dto, reader);
    const query = area ?? resolve(dto, reader);
    const rows = area ? await this.areas.compute(area) : await this.figures.compute(query as FiguresQuery);
    res.setHeader('Link', '</indicators/definitions>; rel="describedby"');
    if (type === 'text/csv') {
      res.type('text/csv; charset=utf-8').send(toCsv(['period', query.groupBy, ...INDICATOR_NAMES], rows));
      return;
    }
    res.json({
      metadata: { ...query, timeZone: 'Europe/Paris', generatedAt: new Date().toISOString(), definitions: DEFINITIONS },
      rows,
    });
  }
}

function resolve(dto: IndicatorsQueryDto, reader: Principal): FiguresQuery {
  const groupBy = dto.groupBy ?? 'territory';
  if (groupBy === 'epci' || groupBy === 'cpts') throw InvalidInput.field('groupBy', `${groupBy} is handled by areaQuery`);
  if (groupBy === 'region' && !dto.region)
    throw InvalidInput.field('region', 'is required with groupBy=region (the region each row sums)');
  return {
    ...resolveRange(dto, reader),
    territory: dto.territory,
    granularity: dto.granularity ?? 'day',
    groupBy,
    region: dto.region,
  };
}
