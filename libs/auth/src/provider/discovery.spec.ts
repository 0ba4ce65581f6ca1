import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { discover } from './discovery';

describe('discover (OpenID Connect Discovery)', () => {
  let server: Server;
  let base: string;
  let requests = 0;
  /** What each realm's discovery document says of its issuer (undefined: 404). */
  const issuers: Record<string, (base: string) => string | undefined> = {
    '/good': (b) => `${b}/good`,
    '/slash': (b) => `${b}/slash/`,
    '/other': () => 'https://elsewhere.example/realm',
    '/missing': () => undefined,
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      const realm = req.url!.replace('/.well-known/openid-configuration', '');
      const issuer = issuers[realm]?.(base);
      if (!issuer) return res.writeHead(404).end();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ issuer, jwks_uri: `${base}${realm}/certs`, token_endpoint: `${base}${realm}/token` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads the keys and token endpoints once per issuer', async () => {
    const before = requests;
    const [a, b] = await Promise.all([discover(`${base}/good`), discover(`${base}/good`)]);
    expect(a).toEqual({ issuer: `${base}/good`, jwksUri: `${base}/good/certs`, tokenEndpoint: `${base}/good/token` });
    expect(b).toBe(a);
    expect(requests - before).toBe(1);
  });

  it('accepts a document whose issuer differs by a trailing slash only', async () => {
    expect((await discover(`${base}/slash`)).jwksUri).toBe(`${base}/slash/certs`);
  });

  it("refuses a document naming another issuer: its keys are not this issuer's", async () => {
    await expect(discover(`${base}/other`)).rejects.toThrow(/names another issuer: https:\/\/elsewhere.example\/realm/);
  });

  it('does not remember a failed discovery', async () => {
    await expect(discover(`${base}/missing`)).rejects.toThrow(/answered 404/);
    const before = requests;
    await expect(discover(`${base}/missing`)).rejects.toThrow(/answered 404/);
    expect(requests - before).toBe(1);
  });
});
