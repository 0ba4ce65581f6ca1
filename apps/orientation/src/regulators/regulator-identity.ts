/** The regulator's own names and e-mail, as the Hub Santé `regulator` block asks for them. */
export interface RegulatorIdentity {
  familyName?: string;
  givenName?: string;
  email?: string;
}

/**
 * The standard OpenID Connect claims `family_name`, `given_name` and `email` of a bearer
 * token the guard has already verified (signature, issuer, expiry): read here only, so the
 * account keeps what the identity provider says of its holder. Staff data: never logged.
 */
export function identityFromToken(token: string): RegulatorIdentity {
  const payload = token.split('.')[1];
  if (!payload) return {};
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
  const text = (value: unknown, max: number) =>
    typeof value === 'string' && value.trim() && value.length <= max ? value.trim() : undefined;
  const email = text(claims.email, 254);
  return {
    ...(text(claims.family_name, 100) ? { familyName: text(claims.family_name, 100) } : {}),
    ...(text(claims.given_name, 100) ? { givenName: text(claims.given_name, 100) } : {}),
    ...(email && /^[^\s@]+@[^\s@]+$/.test(email) ? { email } : {}),
  };
}

/** The columns to change so the account holds the token's identity (none when they agree or the token says nothing). */
export function identityChanges(
  account: { familyName: string | null; givenName: string | null; email: string | null },
  identity: RegulatorIdentity,
): Partial<{ familyName: string; givenName: string; email: string }> {
  const changes: Partial<{ familyName: string; givenName: string; email: string }> = {};
  for (const key of ['familyName', 'givenName', 'email'] as const) {
    const value = identity[key];
    if (value && value !== account[key]) changes[key] = value;
  }
  return changes;
}
