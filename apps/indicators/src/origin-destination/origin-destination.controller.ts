import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@sas/auth';
import { Response } from 'express';
import { toCsv } from '../figures/csv';
import { resolveRange } from '../figures/figures-scope';
import { areaOf } from '../territories/area-query';
import { OriginDestinationQuery, OriginDestinationService } from './origin-destination.service';
import { OriginDestinationQueryDto } from './origin-destination-query.dto';

/** SAS bookings per origin (the patient's commune) and destination (the place of care), top pairs first. */
@ApiTags('indicators')
@Roles('bi', 'admin', 'regulator')
@Controller()
export class OriginDestinationController {
  constructor(private readonly pairs: OriginDestinationService) {}

  @Get('indicators/origin-destination.csv')
  async csv(@Query() dto: OriginDestinationQueryDto, @CurrentPrincipal() reader: Principal, @Res() res: Response) {
    await this.answer(resolve(dto, reader), 'text/csv', res);
  }

  /** JSON by default; CSV with `Accept: text/csv`. */
  @Get('indicators/origin-destination')
  async get(
    @Query() dto: OriginDestinationQueryDto,
    @CurrentPrincipal() reader: Principal,
    @Headers('accept') accept: string | undefined,
    @Res() res: Response,
  ) {
    await this.answer(resolve(dto, reader), accept?.includes('text/csv') ? 'text/csv' : 'application/json', res);
  }

  private async answer(query: OriginDestinationQuery, type: string, res: Response): Promise<void> {
    const rows = await this.pairs.compute(query);
    if (type === 'text/csv') {
      const columns = ['origin', 'destination', ...(query.level === 'commune' ? ['distanceBand'] : []), 'booked', 'honoured'];
      res.type('text/csv; charset=utf-8').send(toCsv(columns, rows as unknown as Record<string, unknown>[]));
      return;
    }
    res.json({ metadata: { ...query, timeZone: 'Europe/Paris', generatedAt: new Date().toISOString() }, rows });
  }
}

function resolve(dto: OriginDestinationQueryDto, reader: Principal): OriginDestinationQuery {
  return { ...resolveRange(dto, reader), area: areaOf(dto), level: dto.level ?? 'commune', limit: dto.limit ?? 100 };
}
