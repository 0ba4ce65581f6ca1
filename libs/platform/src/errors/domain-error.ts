import { FieldError } from '../validation';

/** A failure a caller can act on; mapped to an HTTP status by the domain exception filter. */
export abstract class DomainError extends Error {
  abstract readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 422 | 429 | 503;
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

/**
 * What was asked for existed and is no longer kept (patient data past its retention): a
 * stable reason code says why, so a caller does not retry.
 */
export class Gone extends DomainError {
  readonly status = 410;
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The request is well formed but a business rule refuses it (an unknown practitioner, a
 * status change that is not allowed…): the field at fault and the reason. Nothing was changed.
 */
export class Unprocessable extends DomainError {
  readonly status = 422;
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** The caller is not identified (no or unknown account). */
export class Unauthenticated extends DomainError {
  readonly status = 401;
}

/** The caller is known but may not do this (role, territory, deactivated account). */
export class Forbidden extends DomainError {
  readonly status = 403;
}

/** A service this one depends on did not answer; nothing was changed. Retry later. */
export class DependencyUnavailable extends DomainError {
  readonly status = 503;
}

/** Too many requests from this client (a limit here or at a service this one called for it): retry after the delay. */
export class TooManyRequests extends DomainError {
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
