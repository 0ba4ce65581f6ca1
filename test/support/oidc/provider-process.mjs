// A real OpenID Connect provider (the certified `oidc-provider` package) for the
// production-mode tests. oidc-provider is an ES module, which jest's CommonJS transform
// cannot load, so the tests run it as a child process of its own.
//
// Configuration: a JSON file named by the first argument:
//   { port, issuer, prefix, audience, keys: [private JWK…], clients: [{ client_id, client_secret, claims }] }
// - `prefix` is the path the provider is mounted at (Keycloak's `/realms/<realm>`), and
//   the JWKS and token endpoints use Keycloak's paths, so a service configured for the
//   Keycloak of docker-compose.yml finds its endpoints here unchanged.
// - Tokens are client-credentials JWT access tokens signed with the first key; `claims`
//   are added to the tokens of that client (as Keycloak's hardcoded-claim mappers do).
// - The default resource's audience is `audience`; any other resource indicator asked
//   for becomes the audience itself (to obtain a token meant for another API).
// Prints `ready <port>` once listening. GET /__requests answers how many discovery,
// JWKS and token requests it served, so a test can see a service's caching.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import process from 'node:process';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const DEFAULT_RESOURCE = 'urn:sas:api';
const claimsByClient = new Map(config.clients.map((c) => [c.client_id, c.claims ?? {}]));
const requests = { discovery: 0, jwks: 0, token: 0 };

const provider = new Provider(config.issuer, {
  jwks: { keys: config.keys },
  clients: config.clients.map(({ client_id, client_secret }) => ({
    client_id,
    client_secret,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
  })),
  routes: { jwks: '/protocol/openid-connect/certs', token: '/protocol/openid-connect/token' },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => DEFAULT_RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => ({
        scope: '',
        audience: resource === DEFAULT_RESOURCE ? config.audience : resource,
        accessTokenTTL: 600,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  extraTokenClaims: (_ctx, token) => claimsByClient.get(token.clientId),
});
provider.proxy = false;

const callback = provider.callback();
const server = createServer((req, res) => {
  if (req.url === '/__requests') {
    res.setHeader('content-type', 'application/json');
    return res.end(JSON.stringify(requests));
  }
  if (!req.url.startsWith(`${config.prefix}/`)) {
    res.statusCode = 404;
    return res.end();
  }
  // Mounted at the prefix, as express's app.use(prefix, …) would: the provider sees the rest.
  req.originalUrl = req.url;
  req.url = req.url.slice(config.prefix.length);
  if (req.url.startsWith('/.well-known/openid-configuration')) requests.discovery++;
  else if (req.url.startsWith('/protocol/openid-connect/certs')) requests.jwks++;
  else if (req.url.startsWith('/protocol/openid-connect/token')) requests.token++;
  return callback(req, res);
});
server.listen(config.port, '127.0.0.1', () => process.stdout.write(`ready ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
