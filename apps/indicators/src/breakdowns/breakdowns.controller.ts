import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@sas/auth';
import { Response } from 'express';
import { toCsv } from '../figures/csv';
import { resolveRange } from '../figures/figures-scope';
import { BREAKDOWN_FIGURE_DEFINITIONS } from './breakdown-definitions';
import { DIMENSION_NAMES, DimensionName, parseFilter } from './breakdown-dimensions';
import { BreakdownsQueryDto, UtilisationQueryDto } from './breakdowns-query.dto';
import { BREAKDOWN_FIGURES, BreakdownQuery, BreakdownsService } from './breakdowns.service';
import { SlotUtilisationService, UTILISATION_FIGURES } from './slot-utilisation.service';

const wantsCsv = (accept: string | undefined, path: string) => path.endsWith('.csv') || !!accept?.includes('text/csv');

/** The steering breakdowns and the SNP slots' utilisation, as JSON (with their definitions) or CSV; scoped as GET /indicators. */
@ApiTags('indicators')
@Roles('bi', 'admin', 'regulator')
@Controller()
export class BreakdownsController {
  constructor(
    private readonly breakdowns: BreakdownsService,
    private readonly utilisation: SlotUtilisationService,
  ) {}

  /** JSON by default; CSV with `Accept: text/csv` or the `.csv` path. */
  @Get(['indicators/breakdowns', 'indicators/breakdowns.csv'])
  async breakdown(
    @Query() dto: BreakdownsQueryDto,
    @CurrentPrincipal() reader: Principal,
    @Headers('accept') accept: string | undefined,
    @Res() res: Response,
  ) {
    const query = breakdownQuery(dto, reader);
    const rows = await this.breakdowns.compute(query);
    send(res, wantsCsv(accept, res.req.path), query, ['period', query.groupBy, ...BREAKDOWN_FIGURES], rows);
  }

  @Get(['indicators/slot-utilisation', 'indicators/slot-utilisation.csv'])
  async slotUtilisation(
    @Query() dto: UtilisationQueryDto,
    @CurrentPrincipal() reader: Principal,
    @Headers('accept') accept: string | undefined,
    @Res() res: Response,
  ) {
    const query = { ...resolveRange(dto, reader), territory: dto.territory, granularity: dto.granularity ?? 'day' };
    const rows = await this.utilisation.compute(query);
    send(res, wantsCsv(accept, res.req.path), query, ['period', 'territory', ...UTILISATION_FIGURES], rows);
  }
}

function breakdownQuery(dto: BreakdownsQueryDto, reader: Principal): BreakdownQuery & { territory?: string } {
  const filters: BreakdownQuery['filters'] = {};
  for (const name of DIMENSION_NAMES) {
    const raw = dto[name as DimensionName];
    // Checked by the DTO already: a string here is a list of known values.
    if (raw !== undefined) filters[name] = parseFilter(name, raw) as string[];
  }
  return {
    ...resolveRange(dto, reader),
    territory: dto.territory,
    granularity: dto.granularity ?? 'day',
    groupBy: dto.groupBy ?? 'territory',
    filters,
  };
}

function send(res: Response, csv: boolean, query: object, columns: string[], rows: Record<string, unknown>[]): void {
  res.setHeader('Link', '</indicators/definitions>; rel="describedby"');
  if (csv) {
    res.type('text/csv; charset=utf-8').send(toCsv(columns, rows));
    return;
  }
  res.json({
    metadata: {
      ...query,
      timeZone: 'Europe/Paris',
      generatedAt: new Date().toISOString(),
      definitions: BREAKDOWN_FIGURE_DEFINITIONS,
    },
    rows,
  });
}
