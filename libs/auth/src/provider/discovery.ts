/** The endpoints of an OpenID provider's discovery document that the services use. */
export interface ProviderEndpoints {
  issuer: string;
  jwksUri: string;
  tokenEndpoint?: string;
}

// One discovery per issuer and process: the verifier and the service's client share it.
const discovered = new Map<string, Promise<ProviderEndpoints>>();

/** Reads `${issuer}/.well-known/openid-configuration` (OpenID Connect Discovery 1.0), once. */
export function discover(issuer: string): Promise<ProviderEndpoints> {
  let endpoints = discovered.get(issuer);
  if (!endpoints) {
    endpoints = fetchDiscovery(issuer);
    // A failed discovery is tried again by the next caller, not remembered.
    endpoints.catch(() => discovered.delete(issuer));
    discovered.set(issuer, endpoints);
  }
  return endpoints;
}

async function fetchDiscovery(issuer: string): Promise<ProviderEndpoints> {
  const res = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`OpenID discovery of ${issuer} answered ${res.status}`);
  const document = (await res.json()) as { issuer?: string; jwks_uri?: string; token_endpoint?: string };
  if (!document.jwks_uri) throw new Error(`OpenID discovery of ${issuer} names no jwks_uri`);
  // Discovery 1.0 §4.3: the document's issuer must be the one asked for, else its keys are not this issuer's.
  if (document.issuer?.replace(/\/+$/, '') !== issuer)
    throw new Error(`OpenID discovery of ${issuer} names another issuer: ${document.issuer}`);
  return { issuer, jwksUri: document.jwks_uri, tokenEndpoint: document.token_endpoint };
}
