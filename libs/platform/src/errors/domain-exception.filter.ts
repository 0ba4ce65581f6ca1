import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { Response } from 'express';
import { Conflict, DomainError, Gone, InvalidInput, TooManyRequests, Unprocessable } from './domain-error';

const TITLES = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
} as const;

/** The one place where domain errors become HTTP answers. */
@Catch(DomainError)
export class DomainExceptionFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    const body: Record<string, unknown> = { statusCode: error.status, error: TITLES[error.status], message: error.message };
    if (error instanceof InvalidInput) Object.assign(body, { message: 'invalid request', errors: error.errors });
    if (error instanceof Conflict) Object.assign(body, { reason: error.reason, ...error.details });
    if (error instanceof Gone) Object.assign(body, { reason: error.reason });
    if (error instanceof Unprocessable) Object.assign(body, { errors: [{ field: error.field, reason: error.reason }] });
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof TooManyRequests) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    response.status(error.status).json(body);
  }
}
