// A real OpenID Connect provider (the `oidc-provider` package) for the dashboard's sign-in
// test, run in a process of its own: node test/support/oidc-provider.mjs <port> <redirect URI>.
// Its one client is the dashboard, public (PKCE required); its access tokens are JWTs for
// the SAS services, carrying a BI role scoped to Seine-Saint-Denis. Any login is accepted.
import process from 'node:process';
import Provider from 'oidc-provider';

const [port, redirectUri] = process.argv.slice(2);
const AUDIENCE = 'urn:sas:indicators';

const provider = new Provider(`http://localhost:${port}`, {
  clients: [
    {
      client_id: 'sas-dashboard',
      token_endpoint_auth_method: 'none',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  clientBasedCORS: () => true,
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => AUDIENCE,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'openid',
        audience: AUDIENCE,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  extraTokenClaims: () => ({ sas_role: 'bi', sas_territories: ['93'] }),
  findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
  // The dashboard is the provider's own client: no consent screen, as a deployment would configure it.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid');
    grant.addResourceScope(AUDIENCE, 'openid');
    await grant.save();
    return grant;
  },
});

provider.listen(Number(port), () => process.stdout.write(`listening ${port}\n`));
