// Sign-in of the page. With an identity provider (AUTH_ISSUER on the service): the OpenID
// Connect authorization code flow with PKCE, as a public client. Locally: the development
// token (`npm run token -- --role bi`), given once in the address's fragment or the form.

const TOKEN = 'sas-dashboard-token';
const PENDING = 'sas-dashboard-oidc';

export function storedToken() {
  return sessionStorage.getItem(TOKEN);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN);
}

export function keepToken(token) {
  sessionStorage.setItem(TOKEN, token);
}

/** A development token handed over in `#token=…`: kept for the session, removed from the address. */
export function takeTokenFromFragment() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('token');
  if (!token) return null;
  keepToken(token);
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  return token;
}

const base64url = (bytes) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomText = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

async function discovery(issuer) {
  const answer = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!answer.ok) throw new Error(`le fournisseur d'identité ${issuer} ne publie pas sa configuration (${answer.status})`);
  return answer.json();
}

/** Sends the browser to the provider; the view's query string comes back with us. */
export async function startOidcSignIn(oidc) {
  const metadata = await discovery(oidc.issuer);
  const verifier = randomText();
  const state = randomText();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, view: location.search }));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: `${location.origin}${location.pathname}`,
    scope: oidc.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(`${metadata.authorization_endpoint}?${params}`);
}

/** Back from the provider with `?code&state`: exchanges the code for the access token. */
export async function finishOidcSignIn(oidc) {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `${location.pathname}${pending?.view ?? ''}`);
  if (error) throw new Error(`connexion refusée par le fournisseur d'identité : ${error}`);
  if (!pending || pending.state !== params.get('state'))
    throw new Error('réponse de connexion inattendue (state) : reconnectez-vous');
  const metadata = await discovery(oidc.issuer);
  const answer = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${location.origin}${location.pathname}`,
      client_id: oidc.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!answer.ok) throw new Error(`échange du code refusé (${answer.status})`);
  const tokens = await answer.json();
  keepToken(tokens.access_token);
  return tokens.access_token;
}
