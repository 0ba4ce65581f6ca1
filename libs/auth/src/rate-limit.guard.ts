import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerRequest } from '@nestjs/throttler';
import { RATE_LIMIT_KEY } from './decorators';
import { Principal } from './principal';

/**
 * Per-client rate limits (@nestjs/throttler) on the endpoints marked @RateLimit: each
 * limit applies only where it is named, and counts per token subject (per address for
 * anonymous callers).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const principal = req.principal as Principal | undefined;
    return principal ? `${principal.role}:${principal.subject}` : `ip:${String(req.ip)}`;
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const name = this.reflector.getAllAndOverride<string>(RATE_LIMIT_KEY, [request.context.getHandler(), request.context.getClass()]);
    if (name !== request.throttler.name) return true;
    return super.handleRequest(request);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !this.reflector.getAllAndOverride<string>(RATE_LIMIT_KEY, [context.getHandler(), context.getClass()]);
  }

  /** 429 with the standard Retry-After (seconds) and which limit was reached. */
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire || detail.timeToExpire));
    context.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>().setHeader('Retry-After', String(seconds));
    const name = this.reflector.getAllAndOverride<string>(RATE_LIMIT_KEY, [context.getHandler(), context.getClass()]);
    throw new ThrottlerException(`too many ${name} requests from this client: at most ${detail.limit} a minute; retry in ${seconds} s`);
  }
}
