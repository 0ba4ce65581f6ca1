/** Where the four services answer (the same variables the services use for each other). */
export interface ServiceUrls {
  scheduling: string;
  matching: string;
  orientation: string;
  indicators: string;
}

export function serviceUrls(env: NodeJS.ProcessEnv = process.env): ServiceUrls {
  const url = (name: string, port: number) => (env[name] ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    scheduling: url('SCHEDULING_URL', 3001),
    matching: url('MATCHING_URL', 3002),
    orientation: url('ORIENTATION_URL', 3003),
    indicators: url('INDICATORS_URL', 3004),
  };
}

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  ms: number;
}

/** A refusal the caller did not expect, with what the service said. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → ${status} ${JSON.stringify(body).slice(0, 400)}`);
  }
}

const RETRIED = new Set([429, 502, 503, 504]);

/**
 * One JSON request with a bearer token. Retries what a busy or recovering service
 * answers (429 after its Retry-After, 5xx gateway/outage, connection refused) a few
 * times; returns every other answer with its status and latency.
 */
export async function call<T = Record<string, unknown>>(
  method: string,
  url: string,
  token: string,
  body?: unknown,
  attempts = 6,
  contentType = 'application/json',
): Promise<ApiAnswer<T>> {
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': contentType }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      const ms = performance.now() - started;
      if (RETRIED.has(response.status) && attempt < attempts) {
        await pause(retryDelay(response.headers.get('retry-after'), attempt));
        continue;
      }
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, ms };
    } catch (error) {
      if (attempt >= attempts) throw error;
      await pause(retryDelay(null, attempt));
    }
  }
}

/** The answer's body when its status is the expected one; an ApiError otherwise. */
export async function expectStatus<T = Record<string, unknown>>(
  status: number,
  method: string,
  url: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const answer = await call<T>(method, url, token, body);
  if (answer.status !== status) throw new ApiError(answer.status, answer.body, `${method} ${url}`);
  return answer.body;
}

function retryDelay(retryAfter: string | null, attempt: number): number {
  const seconds = Number(retryAfter);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : Math.min(5000, 200 * 2 ** attempt);
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `task` over `items` in order with `concurrency` workers (the worker's number given); stops at the first failure. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number, worker: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async (_, worker) => {
      while (next < items.length) {
        const index = next++;
        await task(items[index], index, worker);
      }
    }),
  );
}
