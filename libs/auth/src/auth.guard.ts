import { CanActivate, ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Forbidden, PUBLIC_KEY } from '@sas/platform';
import { ROLES_KEY } from './decorators';
import { Principal, Role } from './principal';
import { assertRegulatorMay, REGULATOR_CAPABILITY_KEY, RegulatorCapability } from './regulators/regulator-access';
import { RegulatorStanding } from './regulators/regulator-standing';
import { TokenVerifier } from './token-verifier';

/**
 * Applied to every endpoint: a public one answers anyone; any other needs a valid bearer
 * token whose role the endpoint lists. An endpoint listing no roles refuses everyone.
 * A regulator whose account was deactivated is refused: every service that admits
 * regulators imports RegulatorStandingModule, and one that does not refuses them all.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Optional() private readonly standing?: RegulatorStanding,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const principal = await this.verifier.verify(request.headers.authorization);
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(principal.role)) {
      throw new Forbidden(
        roles.length
          ? `a ${principal.role} may not call this endpoint; allowed: ${roles.join(', ')}`
          : 'this endpoint is closed to every role',
      );
    }
    if (principal.role === 'regulator') {
      // Fail closed: a service that admits regulators without knowing the accounts' standing
      // would let a deactivated account in.
      if (!this.standing) throw new Forbidden('this service does not know regulator accounts (RegulatorStandingModule missing)');
      if (this.standing.isDeactivated(principal.subject)) throw new Forbidden(`regulator ${principal.subject} is deactivated`);
      const capability = this.reflector.getAllAndOverride<RegulatorCapability | undefined>(REGULATOR_CAPABILITY_KEY, targets);
      if (capability) assertRegulatorMay(principal, capability);
    }
    request.principal = principal;
    return true;
  }
}
