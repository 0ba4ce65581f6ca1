import { ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { Response } from 'express';
import { httpLayerRefusal } from './http-layer-errors';

/** PostgreSQL error classes and driver messages that mean "the database is not reachable now". */
const OUTAGE_SQLSTATE = /^(08|57P0[1-3]|53300)/;
const OUTAGE_MESSAGE =
  /Connection terminated|ECONNREFUSED|ECONNRESET|the database system is (starting up|shutting down)|timeout exceeded when trying to connect/i;

export function isDatabaseOutage(error: unknown): boolean {
  const e = error as { code?: string; message?: string; driverError?: { code?: string; message?: string } };
  const code = e?.driverError?.code ?? e?.code ?? '';
  return OUTAGE_SQLSTATE.test(code) || OUTAGE_MESSAGE.test(e?.driverError?.message ?? e?.message ?? '');
}

/**
 * A database outage answers 503 with Retry-After: nothing was decided, the client may try
 * again. A body or path the HTTP layer could not read is a 400 naming it. Everything else is left to Nest's own handling (HTTP exceptions, the HTTP layer's
 * 4xx such as 413, a logged 500 without details).
 */
@Catch()
export class DatabaseOutageFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('HTTP');

  override catch(error: unknown, host: ArgumentsHost): void {
    const refusal = httpLayerRefusal(error);
    if (refusal) return void host.switchToHttp().getResponse<Response>().status(refusal.status).json(refusal.body);
    if (!isDatabaseOutage(error)) return super.catch(error, host);
    this.logger.warn({ msg: 'database unavailable', error: (error as Error).message });
    const res = host.switchToHttp().getResponse<Response>();
    res.status(503).setHeader('Retry-After', '2');
    res.json({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'the database is unavailable; nothing was changed, try again',
    });
  }
}
