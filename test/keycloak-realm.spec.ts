import { CLAIMS, REGULATOR_FUNCTIONS, ROLES } from '@sas/auth';
import { checkRpps } from '@sas/referentials';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices, containerEnvironment, ROOT } from './support/compose-environment';

interface Mapper {
  protocolMapper: string;
  config: Record<string, string>;
}
interface Realm {
  realm: string;
  clientScopes: { name: string; protocolMappers: Mapper[] }[];
  defaultDefaultClientScopes: string[];
  clients: {
    clientId: string;
    publicClient: boolean;
    secret?: string;
    serviceAccountsEnabled: boolean;
    standardFlowEnabled: boolean;
    defaultClientScopes: string[];
    protocolMappers?: Mapper[];
  }[];
  users: { username: string; attributes: Record<string, string[]>; credentials: { value: string; temporary: boolean }[] }[];
  components: Record<string, { config: Record<string, string[]> }[]>;
}

/**
 * Keycloak cannot run here (no Docker; its distribution is too heavy for the test suite),
 * so the realm the compose file imports is checked for what the services rely on: the
 * SAS claims in access tokens, the audience, a client per service with the secret compose
 * hands it, and demo users whose claims the services accept.
 */
describe('the Keycloak realm of docker-compose.yml (infra/keycloak/sas-realm.json)', () => {
  const text = readFileSync(join(ROOT, 'infra/keycloak/sas-realm.json'), 'utf8');
  const realm = JSON.parse(text) as Realm;
  const keycloak = composeServices().keycloak;
  const secrets = new Proxy({}, { get: (_t, name) => `<${String(name)}>` }) as Record<string, string>;
  const services = ['scheduling', 'matching', 'orientation', 'indicators'];
  const scope = realm.clientScopes.find((s) => s.name === 'sas-api')!;

  it("is the realm the services' issuer names, with the realm's keys and token paths they are given", () => {
    const env = containerEnvironment('scheduling', secrets);
    expect(env.AUTH_ISSUER).toBe(`http://localhost:8080/realms/${realm.realm}`);
    expect(env.AUTH_JWKS_URL).toBe(`http://keycloak:8080/realms/${realm.realm}/protocol/openid-connect/certs`);
    expect(env.AUTH_TOKEN_URL).toBe(`http://keycloak:8080/realms/${realm.realm}/protocol/openid-connect/token`);
    expect(keycloak.environment).toBeDefined();
  });

  it('puts every SAS claim in access tokens, lists as lists, and the audience the services demand', () => {
    expect(realm.defaultDefaultClientScopes).toContain('sas-api');
    const listClaims: string[] = [CLAIMS.territories, CLAIMS.practitionerRpps, CLAIMS.structureIds];
    for (const claim of Object.values(CLAIMS)) {
      const mapper = scope.protocolMappers.find((m) => m.config['claim.name'] === claim);
      expect(mapper).toMatchObject({
        protocolMapper: 'oidc-usermodel-attribute-mapper',
        config: { 'user.attribute': claim, 'access.token.claim': 'true' },
      });
      expect(mapper!.config.multivalued).toBe(listClaims.includes(claim) ? 'true' : 'false');
    }
    const audience = scope.protocolMappers.find((m) => m.protocolMapper === 'oidc-audience-mapper');
    expect(audience?.config).toMatchObject({
      'included.custom.audience': containerEnvironment('scheduling', secrets).AUTH_AUDIENCE,
      'access.token.claim': 'true',
    });
  });

  it.each(services)(
    'has a confidential client for %s: client credentials only, role service, the secret compose gives both sides',
    (service) => {
      const env = containerEnvironment(service, secrets);
      const client = realm.clients.find((c) => c.clientId === env.AUTH_CLIENT_ID);
      expect(client).toMatchObject({
        publicClient: false,
        serviceAccountsEnabled: true,
        standardFlowEnabled: false,
        defaultClientScopes: ['sas-api'],
      });
      expect(client!.protocolMappers).toContainEqual(
        expect.objectContaining({
          protocolMapper: 'oidc-hardcoded-claim-mapper',
          config: expect.objectContaining({ 'claim.name': CLAIMS.role, 'claim.value': 'service' }),
        }),
      );
      // The realm reads the secret from Keycloak's environment; the service from its own; both from one env file entry.
      const variable = /^\$\{([A-Z_]+)\}$/.exec(client!.secret ?? '')?.[1];
      expect(variable).toBe(`SAS_${service.toUpperCase()}_CLIENT_SECRET`);
      expect(keycloak.environment?.[variable!]).toBe(`\${${variable}:?run npm run compose:env first}`);
      expect(env.AUTH_CLIENT_SECRET).toBe(`<${variable}>`);
    },
  );

  it('gives demo users claims the services accept, a password from the env file, and keeps their SAS attributes (user profile)', () => {
    expect(realm.users.map((u) => u.username).sort()).toEqual(['practice-demo', 'regulator-92', 'supervisor-92']);
    for (const user of realm.users) {
      expect(ROLES).toContain(user.attributes[CLAIMS.role][0]);
      for (const fn of user.attributes[CLAIMS.regulatorFunction] ?? []) expect(REGULATOR_FUNCTIONS).toContain(fn);
      for (const number of user.attributes[CLAIMS.practitionerRpps] ?? []) expect(checkRpps(number)).toBeUndefined();
      expect(user.credentials).toEqual([expect.objectContaining({ value: '${SAS_DEMO_PASSWORD}', temporary: false })]);
    }
    const [profile] = realm.components['org.keycloak.userprofile.UserProfileProvider'];
    const declared = (
      JSON.parse(profile.config['kc.user.profile.config'][0]) as { attributes: { name: string }[] }
    ).attributes.map((a) => a.name);
    expect(declared).toEqual(expect.arrayContaining(Object.values(CLAIMS)));
  });

  it('names only placeholders that compose gives Keycloak', () => {
    const placeholders = [...new Set([...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))];
    expect(placeholders.length).toBeGreaterThan(0);
    for (const name of placeholders) expect(Object.keys(keycloak.environment ?? {})).toContain(name);
  });
});
