import { FieldError } from '../validation';

/** A failure a caller can act on; mapped to an HTTP status by the domain exception filter. */
export abstract class DomainError extends Error {
  abstract readonly status: 400 | 404 | 409;
}

/** The request is wrong: each field and the reason. Nothing was changed. */
export class InvalidInput extends DomainError {
  readonly status = 400;
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.reason}`).join('; '));
  }

  static field(field: string, reason: string): InvalidInput {
    return new InvalidInput([{ field, reason }]);
  }
}

export class NotFound extends DomainError {
  readonly status = 404;
}

/** The request is valid but the current state forbids it (slot taken, expired…). */
export class Conflict extends DomainError {
  readonly status = 409;
  constructor(
    readonly reason: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
