import { errors, jwtVerify } from 'jose';
import { Unauthenticated } from '@sas/platform';
import { readSettings } from '@sas/settings';
import { AUTH_SETTINGS } from './auth-settings';
import { CLAIMS, Principal, REGULATOR_FUNCTIONS, RegulatorFunction, Role, ROLES } from './principal';
import { TokenKeys } from './token-keys';

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];

/** Tokens verified lately, at most (a client presents the same token for every request). */
const REMEMBERED_TOKENS = 10_000;

/**
 * The longest lifetime (exp − iat) and age of a token accepted, AUTH_MAX_TOKEN_LIFETIME_SECONDS
 * (default a day, what a simulated regulator's shift uses): a token issued for a century, or
 * dated years ahead, stayed valid whatever happened to its account.
 */
export function maxTokenLifetimeSeconds(env: NodeJS.ProcessEnv = process.env): number {
  return readSettings({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: AUTH_SETTINGS.AUTH_MAX_TOKEN_LIFETIME_SECONDS }, env)
    .AUTH_MAX_TOKEN_LIFETIME_SECONDS;
}

/** Clock skew allowed between the identity provider and us, in seconds. */
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Checks a bearer token (signature, expiry, issuer, audience) and reads its principal.
 * A token found valid is remembered until it expires, so that the same token presented
 * again (every request of a regulator's session) is not verified again.
 */
export class TokenVerifier {
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(
    private readonly keys: TokenKeys,
    private readonly maxLifetimeSeconds = maxTokenLifetimeSeconds(),
  ) {}

  async verify(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new Unauthenticated('a bearer token is required (Authorization: Bearer …)');
    const token = match[1];
    const known = this.verified.get(token);
    if (known && Date.now() < known.expiresAtMs) return known.principal;
    this.verified.delete(token);
    const { principal, expiresAtMs } = await this.check(token);
    if (this.verified.size >= REMEMBERED_TOKENS) this.verified.clear();
    this.verified.set(token, { principal, expiresAtMs });
    return principal;
  }

  private async check(token: string): Promise<{ principal: Principal; expiresAtMs: number }> {
    let claims: Record<string, unknown>;
    try {
      const { key, algorithms, issuer, audience } = this.keys;
      // jose's overloads differ for a key and a key resolver; both verify the same way.
      ({ payload: claims } = await jwtVerify(token, key as Uint8Array, {
        algorithms,
        issuer,
        audience,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new Unauthenticated('the token has expired');
      // Which check failed helps whoever forges tokens more than whoever holds a bad one.
      if (error instanceof errors.JOSEError) throw new Unauthenticated('the token is not valid');
      throw error;
    }
    // Issued in the future (beyond the clock skew), or for longer than the maximum: refused. The
    // skew is allowed on iat only, so an expired token is not accepted a minute longer.
    const iat = Number(claims.iat);
    if (iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS || Number(claims.exp) - iat > this.maxLifetimeSeconds)
      throw new Unauthenticated('the token is not valid');
    const role = claims[CLAIMS.role];
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))
      throw new Unauthenticated(`the token's ${CLAIMS.role} claim must be one of ${ROLES.join(', ')}`);
    const fn = claims[CLAIMS.regulatorFunction];
    if (fn !== undefined && !(REGULATOR_FUNCTIONS as readonly unknown[]).includes(fn))
      throw new Unauthenticated(`the token's ${CLAIMS.regulatorFunction} claim must be one of ${REGULATOR_FUNCTIONS.join(', ')}`);
    const cptsId = claims[CLAIMS.cptsId];
    // A coordinator without its CPTS would read nothing or, worse, be scoped by accident.
    if (role === 'cpts-coordinator' && (typeof cptsId !== 'string' || !cptsId))
      throw new Unauthenticated(`a cpts-coordinator token must carry its CPTS id in the ${CLAIMS.cptsId} claim`);
    const principal: Principal = {
      subject: String(claims.sub),
      role: role as Role,
      regulatorFunction: fn as RegulatorFunction | undefined,
      territories: strings(claims[CLAIMS.territories]),
      practitionerRpps: strings(claims[CLAIMS.practitionerRpps]),
      structureIds: strings(claims[CLAIMS.structureIds]),
      vendorId: typeof claims[CLAIMS.vendorId] === 'string' ? (claims[CLAIMS.vendorId] as string) : undefined,
      cptsId: typeof cptsId === 'string' ? cptsId : undefined,
      token,
    };
    return { principal, expiresAtMs: Number(claims.exp) * 1000 };
  }
}
