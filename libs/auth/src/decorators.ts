import { createParamDecorator, CustomDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal, Role } from './principal';

export const RATE_LIMIT_KEY = 'sas:rate-limit';

export { Public, PUBLIC_KEY } from '@sas/platform';
import { Roles as PlatformRoles, ROLES_KEY } from '@sas/platform';

/** The roles that may call the endpoint (on the handler, or the controller for all its handlers). */
export const Roles = (...roles: Role[]): CustomDecorator => PlatformRoles(...roles);
export { ROLES_KEY };

/** Which per-client rate limit applies to the endpoint. */
export type RateLimitName = 'search' | 'booking';
export const RateLimit = (name: RateLimitName): CustomDecorator => SetMetadata(RATE_LIMIT_KEY, name);

/** The verified caller of the request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public endpoint');
  return principal;
});
