import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RATE_LIMIT_KEY, RateLimitName } from './decorators';
import { Principal } from './principal';
import { RateLimiter } from './rate-limiter';

/** The limiter of each named limit (provided by AuthModule, sized from the environment when the application starts). */
export class RateLimits {
  constructor(readonly byName: Record<RateLimitName, RateLimiter>) {}
}

/**
 * Per-client rate limits on the endpoints marked @RateLimit: each limit applies only
 * where it is named, and counts per token subject (per address for anonymous callers).
 * Over the limit: 429 with the standard Retry-After (seconds) and which limit was reached.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimits,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const name = this.reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMIT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!name) return true;
    const limiter = this.limits.byName[name];
    const http = context.switchToHttp();
    const request = http.getRequest<{ principal?: Principal; ip?: string }>();
    const client = request.principal ? `${request.principal.role}:${request.principal.subject}` : `ip:${String(request.ip)}`;
    const waitMs = limiter.take(client);
    if (waitMs === 0) return true;
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    http.getResponse<{ setHeader(name: string, value: string): void }>().setHeader('Retry-After', String(seconds));
    const minutes = limiter.windowMs / 60_000;
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `too many ${name} requests from this client: at most ${limiter.limit} a ${minutes === 1 ? 'minute' : `${minutes} minutes`}; retry in ${seconds} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
