import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** The test receiver's self-signed certificate (localhost, 127.0.0.1): scheduling trusts it through WEBHOOK_CA_FILE. */
export const RECEIVER_CERT = join(__dirname, 'receiver-cert.pem');

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

/**
 * A real HTTPS server standing for practices' webhook endpoints: `/ok/…` answers 204,
 * `/fail/…` 500; every request is recorded with its raw body, as a receiver verifies it.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];

  private constructor(
    private readonly server: Server,
    readonly base: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer({ cert: readFileSync(RECEIVER_CERT), key: readFileSync(join(__dirname, 'receiver-key.pem')) });
    const receiver = await new Promise<WebhookReceiver>((resolve) =>
      server.listen(0, '127.0.0.1', () =>
        resolve(new WebhookReceiver(server, `https://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    );
    server.on('request', (req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (chunk: Buffer) => parts.push(chunk));
      req.on('end', () => {
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        receiver.received.push({ path: req.url ?? '', headers, body: Buffer.concat(parts).toString('utf8'), at: Date.now() });
        res.statusCode = req.url?.startsWith('/fail/') ? 500 : 204;
        res.end();
      });
    });
    return receiver;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
