import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { Response } from 'express';

/** PostgreSQL error classes and driver messages that mean "the database is not reachable now". */
const OUTAGE_SQLSTATE = /^(08|57P0[1-3]|53300)/;
const OUTAGE_MESSAGE = /Connection terminated|ECONNREFUSED|ECONNRESET|the database system is (starting up|shutting down)|timeout exceeded when trying to connect/i;

export function isDatabaseOutage(error: unknown): boolean {
  const e = error as { code?: string; message?: string; driverError?: { code?: string; message?: string } };
  const code = e?.driverError?.code ?? e?.code ?? '';
  return OUTAGE_SQLSTATE.test(code) || OUTAGE_MESSAGE.test(e?.driverError?.message ?? e?.message ?? '');
}

/**
 * Unexpected errors: a database outage answers 503 with Retry-After (nothing was decided,
 * the client may try again); anything else is a 500 without details, logged here.
 */
@Catch()
export class UnexpectedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (error instanceof HttpException) {
      res.status(error.getStatus()).json(error.getResponse());
      return;
    }
    // Errors of the HTTP layer itself (body too large, malformed JSON) carry their 4xx status.
    const http = error as { status?: number; expose?: boolean; message?: string };
    if (http?.expose && typeof http.status === 'number' && http.status >= 400 && http.status < 500) {
      res.status(http.status).json({ statusCode: http.status, error: http.status === 413 ? 'Payload Too Large' : 'Bad Request', message: http.message });
      return;
    }
    if (isDatabaseOutage(error)) {
      this.logger.warn({ msg: 'database unavailable', error: (error as Error).message });
      res.status(503).setHeader('Retry-After', '2');
      res.json({ statusCode: 503, error: 'Service Unavailable', message: 'the database is unavailable; nothing was changed, try again' });
      return;
    }
    this.logger.error({ msg: 'unexpected error', error: (error as Error)?.message, stack: (error as Error)?.stack });
    res.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
  }
}
