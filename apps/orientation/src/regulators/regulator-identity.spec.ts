import { identityChanges, identityFromToken } from './regulator-identity';

function token(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(claims)}.signature`;
}

describe('regulator identity from the OpenID claims', () => {
  it('reads family_name, given_name and email', () => {
    expect(
      identityFromToken(
        token({ sub: '10000000001', family_name: 'RICART', given_name: 'Pauline', email: 'pauline.ricart@ghsas.fr' }),
      ),
    ).toEqual({
      familyName: 'RICART',
      givenName: 'Pauline',
      email: 'pauline.ricart@ghsas.fr',
    });
  });

  it('ignores absent, empty, oversized or malformed claims, and a token it cannot read', () => {
    expect(
      identityFromToken(token({ sub: 'x', family_name: '  ', given_name: 'x'.repeat(101), email: 'not-an-address' })),
    ).toEqual({});
    expect(identityFromToken(token({ sub: 'x', family_name: 42 }))).toEqual({});
    expect(identityFromToken('opaque')).toEqual({});
    expect(identityFromToken('a.%%%.c')).toEqual({});
  });

  it('changes only what the token says differently, and never blanks a recorded value', () => {
    const account = { familyName: 'RICART', givenName: null, email: 'old@ghsas.fr' };
    expect(identityChanges(account, { familyName: 'RICART', givenName: 'Pauline', email: 'new@ghsas.fr' })).toEqual({
      givenName: 'Pauline',
      email: 'new@ghsas.fr',
    });
    expect(identityChanges(account, {})).toEqual({});
  });
});
