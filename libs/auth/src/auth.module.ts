import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditTrail } from './audit/audit-trail';
import { AuthGuard } from './auth.guard';
import { RateLimitGuard, RateLimits } from './rate-limit.guard';
import { RateLimiter } from './rate-limiter';
import { ServiceCredentials } from './service-credentials';
import { readSettings } from '@sas/settings';
import { AUTH_SETTINGS } from './auth-settings';
import { tokenKeys } from './token-keys';
import { TokenVerifier } from './token-verifier';

/** Bearer-token authentication and role checks on every endpoint, per-client rate limits, and the audit trail's writer. */
@Global()
@Module({})
export class AuthModule {
  static forService(service: string): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        // Read when the application starts, not when the module is declared.
        {
          provide: RateLimits,
          useFactory: () => {
            const limits = readSettings(AUTH_SETTINGS);
            return new RateLimits({
              search: new RateLimiter(limits.RATE_LIMIT_SEARCH_PER_MINUTE, 60_000),
              booking: new RateLimiter(limits.RATE_LIMIT_BOOKING_PER_MINUTE, 60_000),
            });
          },
        },
        { provide: TokenVerifier, useFactory: async () => new TokenVerifier(await tokenKeys()) },
        { provide: ServiceCredentials, useFactory: () => new ServiceCredentials(service) },
        AuditTrail,
        // Guards run in this order: who is calling, then how often.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
      exports: [TokenVerifier, ServiceCredentials, AuditTrail],
    };
  }
}
