import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, InvalidInput, Unprocessable } from '@sas/platform';
import { Response } from 'express';
import { ElementForbidden, operationOutcome } from './operation-outcome';

/** FHIR endpoints answer every error with an OperationOutcome (application/fhir+json). */
@Catch()
export class FhirExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(FhirExceptionFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, outcome] = this.outcomeOf(error);
    response.status(status).type('application/fhir+json').send(JSON.stringify(outcome));
  }

  private outcomeOf(error: unknown): [number, ReturnType<typeof operationOutcome>] {
    if (error instanceof InvalidInput)
      return [400, operationOutcome(error.errors.map((e) => ({ expression: e.field, diagnostics: e.reason })))];
    if (error instanceof Unprocessable)
      return [422, operationOutcome([{ expression: error.field, diagnostics: error.reason }], 'business-rule')];
    if (error instanceof ElementForbidden)
      return [403, operationOutcome([{ expression: error.field, diagnostics: error.message }], 'forbidden')];
    if (error instanceof DomainError)
      return [error.status, operationOutcome([{ diagnostics: error.message }], ISSUE_TYPE[error.status] ?? 'conflict')];
    if (error instanceof HttpException) {
      const body = error.getResponse() as { errors?: { field: string; reason: string }[]; message?: string };
      const issues = body.errors?.map((e) => ({ expression: e.field, diagnostics: e.reason })) ?? [
        { diagnostics: String(body.message ?? error.message) },
      ];
      return [error.getStatus(), operationOutcome(issues, error.getStatus() < 500 ? 'invalid' : 'exception')];
    }
    this.logger.error(error as Error);
    return [500, operationOutcome([{ diagnostics: 'internal error' }], 'exception')];
  }
}

/** FHIR issue types of our domain errors' statuses. */
const ISSUE_TYPE: Record<number, string> = {
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  422: 'business-rule',
  503: 'transient',
};
