import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@sas/auth';
import { SAS_CONSULTATION_SUPPLEMENT_EUROS, WEEKLY_CAP } from '@sas/contracts';
import { Forbidden } from '@sas/platform';
import { Response } from 'express';
import { toCsv } from '../figures/csv';
import { PaymentCount } from './payment-count';
import { PaymentsQueryDto } from './payments-query.dto';
import { PaymentsService } from './payments.service';

const COLUMNS = ['rpps', 'finess', 'honoured', 'paid', 'paidPdsa', 'paidOutsidePdsa', 'amountEuros', 'video', 'videoShare'];

/**
 * The SAS supplement per practitioner and month, for the health insurance: JSON, or CSV
 * with `Accept: text/csv` or `/indicators/payments.csv`. The whole region's practitioners
 * (a practitioner's cap spans every territory they work in): admins and BI (the insurer).
 */
@ApiTags('indicators')
@Roles('bi', 'admin')
@Controller()
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Get('indicators/payments.csv')
  async csv(@Query() dto: PaymentsQueryDto, @CurrentPrincipal() reader: Principal, @Res() res: Response) {
    mayReadEveryTerritory(reader);
    send(res, dto.month, await this.payments.count(dto.month), 'text/csv');
  }

  @Get('indicators/payments')
  async get(
    @Query() dto: PaymentsQueryDto,
    @CurrentPrincipal() reader: Principal,
    @Headers('accept') accept: string | undefined,
    @Res() res: Response,
  ) {
    mayReadEveryTerritory(reader);
    send(res, dto.month, await this.payments.count(dto.month), accept?.includes('text/csv') ? 'text/csv' : 'application/json');
  }
}

/** A practitioner's cap counts every territory they work in: a token scoped to some territories cannot read it. */
function mayReadEveryTerritory(reader: Principal): void {
  if (reader.territories.length) throw new Forbidden('payments cover every territory: this token is scoped to some');
}

function send(res: Response, month: string, count: PaymentCount, type: string): void {
  if (type === 'text/csv') {
    res.type('text/csv; charset=utf-8').send(toCsv(COLUMNS, count.rows as unknown as Record<string, unknown>[]));
    return;
  }
  res.json({
    metadata: {
      month,
      timeZone: 'Europe/Paris',
      weeklyCap: WEEKLY_CAP,
      supplementEuros: SAS_CONSULTATION_SUPPLEMENT_EUROS,
      unattributed: count.unattributed,
      generatedAt: new Date().toISOString(),
    },
    rows: count.rows,
  });
}
