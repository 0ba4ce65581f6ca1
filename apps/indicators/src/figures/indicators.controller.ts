import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InvalidInput } from '@sas/platform';
import { addDays, utcToParisLocal } from '@sas/referentials';
import { Response } from 'express';
import { toCsv } from './csv';
import { DEFINITIONS, INDICATOR_NAMES } from './definitions';
import { FiguresQuery, FiguresService } from './figures.service';
import { IndicatorsQueryDto } from './indicators-query.dto';
import { Roles } from '@sas/auth';

const MAX_DAYS = 366;

/** The SAS dashboard figures, as JSON (with their definitions) or CSV. */
@ApiTags('indicators')
@Roles('bi', 'admin')
@Controller()
export class IndicatorsController {
  constructor(private readonly figures: FiguresService) {}

  @Get('indicators/definitions')
  definitions() {
    return DEFINITIONS;
  }

  @Get('indicators.csv')
  async csv(@Query() dto: IndicatorsQueryDto, @Res() res: Response) {
    await this.answer(dto, 'text/csv', res);
  }

  /** JSON by default; CSV with `Accept: text/csv`. */
  @Get('indicators')
  async get(@Query() dto: IndicatorsQueryDto, @Headers('accept') accept: string | undefined, @Res() res: Response) {
    await this.answer(dto, accept?.includes('text/csv') ? 'text/csv' : 'application/json', res);
  }

  private async answer(dto: IndicatorsQueryDto, type: string, res: Response): Promise<void> {
    const query = resolve(dto);
    const rows = await this.figures.compute(query);
    res.setHeader('Link', '</indicators/definitions>; rel="describedby"');
    if (type === 'text/csv') {
      res.type('text/csv; charset=utf-8').send(toCsv(['period', query.groupBy, ...INDICATOR_NAMES], rows));
      return;
    }
    res.json({ metadata: { ...query, timeZone: 'Europe/Paris', generatedAt: new Date().toISOString(), definitions: DEFINITIONS }, rows });
  }
}

function resolve(dto: IndicatorsQueryDto): FiguresQuery {
  const today = utcToParisLocal(new Date()).date;
  const to = dto.to ?? today;
  const from = dto.from ?? addDays(to, -30);
  if (!isRealDate(from)) throw InvalidInput.field('from', `${from} is not a calendar date`);
  if (!isRealDate(to)) throw InvalidInput.field('to', `${to} is not a calendar date`);
  if (from > to) throw InvalidInput.field('from', 'must not be after to');
  if (addDays(from, MAX_DAYS) <= to) throw InvalidInput.field('to', `the range is limited to ${MAX_DAYS} days`);
  return { territory: dto.territory, from, to, granularity: dto.granularity ?? 'day', groupBy: dto.groupBy ?? 'territory' };
}

function isRealDate(date: string): boolean {
  return new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
}
