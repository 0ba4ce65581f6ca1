import { readFileSync } from 'node:fs';
import https from 'node:https';
import { rootCertificates } from 'node:tls';

/** What one attempt to deliver gave: the endpoint's status code, or why there was none. */
export interface AttemptResult {
  statusCode?: number;
  error?: string;
  durationMs: number;
}

/** An endpoint's answer is not read beyond this: only its status matters. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs signed bodies to endpoints over HTTPS, trusting the public authorities and, when
 * WEBHOOK_CA_FILE names one, a private PKI's. Redirects are not followed (a 3xx is a
 * failure): the registered URL is the only one a signed body goes to.
 */
export class WebhookSender {
  private readonly agent: https.Agent;

  constructor(
    private readonly timeoutMs: number,
    caFile?: string,
  ) {
    const ca = caFile ? [...rootCertificates, readFileSync(caFile, 'utf8')] : undefined;
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 4, ...(ca && { ca }) });
  }

  send(url: string, headers: Record<string, string>, body: string): Promise<AttemptResult> {
    const started = Date.now();
    const done = (result: Omit<AttemptResult, 'durationMs'>): AttemptResult => ({ ...result, durationMs: Date.now() - started });
    return new Promise((resolve) => {
      const req = https.request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            'user-agent': 'sas-scheduling-webhooks/1',
          },
        },
        (res) => {
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_ANSWER_BYTES) res.destroy();
          });
          res.on('close', () => resolve(done({ statusCode: res.statusCode })));
          res.on('error', () => resolve(done({ statusCode: res.statusCode })));
        },
      );
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      req.on('close', () => clearTimeout(timer));
      req.on('error', (error) => resolve(done({ error: error.message.slice(0, 500) })));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
