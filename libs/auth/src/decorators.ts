import { createParamDecorator, CustomDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Roles as AnyRoles } from '@sas/platform';
import { Principal, Role } from './principal';

// Public and the roles' metadata live in libs/platform, whose shared controllers declare them too.
export { Public, PUBLIC_KEY, ROLES_KEY } from '@sas/platform';

export const RATE_LIMIT_KEY = 'sas:rate-limit';

/** The roles that may call the endpoint (on the handler, or the controller for all its handlers), typed. */
export const Roles: (...roles: Role[]) => CustomDecorator = AnyRoles;

/** Which per-client rate limit applies to the endpoint. */
export type RateLimitName = 'search' | 'booking';
export const RateLimit = (name: RateLimitName): CustomDecorator => SetMetadata(RATE_LIMIT_KEY, name);

/** The verified caller of the request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public endpoint');
  return principal;
});
