import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A minimal OAuth 2.0 token endpoint (client credentials grant, client authenticated by
 * HTTP Basic) handing out `token()`; counts the grants it gave.
 */
export async function startTokenServer(
  client: { id: string; secret: string },
  token: () => Promise<string>,
): Promise<{ url: string; grants: () => number; close(): Promise<void> }> {
  let grants = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const expected = `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
      if (
        req.method !== 'POST' ||
        req.headers.authorization !== expected ||
        new URLSearchParams(body).get('grant_type') !== 'client_credentials'
      ) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_client' }));
        return;
      }
      grants++;
      void token().then((value) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ access_token: value, token_type: 'Bearer', expires_in: 300 })),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/token`,
    grants: () => grants,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
