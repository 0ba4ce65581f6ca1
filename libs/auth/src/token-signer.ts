import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { readSettings } from '@sas/settings';
import { AUTH_SETTINGS } from './auth-settings';
import { CLAIMS, RegulatorFunction, Role } from './principal';
import { developmentIssuer, developmentKey } from './token-keys';

export interface TokenRequest {
  role: Role;
  subject?: string;
  regulatorFunction?: RegulatorFunction;
  territories?: string[];
  practitionerRpps?: string[];
  structureIds?: string[];
  vendorId?: string;
  cptsId?: string;
  /** Lifetime in seconds (default one hour); negative for an already expired token. */
  ttlSeconds?: number;
  audience?: string;
  /** The standard OpenID Connect claims `family_name`, `given_name`, `email` of the holder. */
  identity?: { familyName?: string; givenName?: string; email?: string };
}

/** Signs a token with the development key (local use and tests; production tokens come from the identity provider). */
export async function signDevelopmentToken(request: TokenRequest, key: Uint8Array = developmentKey()): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { [CLAIMS.role]: request.role };
  if (request.regulatorFunction) claims[CLAIMS.regulatorFunction] = request.regulatorFunction;
  if (request.territories?.length) claims[CLAIMS.territories] = request.territories;
  if (request.practitionerRpps?.length) claims[CLAIMS.practitionerRpps] = request.practitionerRpps;
  if (request.structureIds?.length) claims[CLAIMS.structureIds] = request.structureIds;
  if (request.vendorId) claims[CLAIMS.vendorId] = request.vendorId;
  if (request.cptsId) claims[CLAIMS.cptsId] = request.cptsId;
  if (request.identity?.familyName) claims.family_name = request.identity.familyName;
  if (request.identity?.givenName) claims.given_name = request.identity.givenName;
  if (request.identity?.email) claims.email = request.identity.email;
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject ?? `${request.role}-${randomUUID()}`)
    .setIssuer(developmentIssuer())
    .setIssuedAt(now)
    .setExpirationTime(now + (request.ttlSeconds ?? 3600));
  const audience = request.audience ?? readSettings({ AUTH_AUDIENCE: AUTH_SETTINGS.AUTH_AUDIENCE }).AUTH_AUDIENCE;
  if (audience) jwt.setAudience(audience);
  return jwt.sign(key);
}
