import { INestApplication, Type } from '@nestjs/common';
import { createServiceApp } from '@sas/platform';
import request from 'supertest';

/** HTTP requests to a service carrying one bearer token. */
export interface Caller {
  get(url: string): request.Test;
  post(url: string): request.Test;
  put(url: string): request.Test;
  patch(url: string): request.Test;
  delete(url: string): request.Test;
}

export interface RunningService {
  app: INestApplication;
  /** Requests without a token (public endpoints, refusals). */
  http: ReturnType<typeof request>;
  /** Requests carrying this bearer token. */
  as(token: string): Caller;
  close(): Promise<void>;
}

export function callerOf(http: ReturnType<typeof request>, token: string): Caller {
  const auth = (test: request.Test) => test.set('authorization', `Bearer ${token}`);
  return {
    get: (url) => auth(http.get(url)),
    post: (url) => auth(http.post(url)),
    put: (url) => auth(http.put(url)),
    patch: (url) => auth(http.patch(url)),
    delete: (url) => auth(http.delete(url)),
  };
}

/** Starts a service in-process on a free port with the current environment. */
export async function startService(service: string, appModule: Type<unknown>): Promise<RunningService> {
  const app = await createServiceApp(service, appModule);
  await app.listen(0);
  const http = request(app.getHttpServer());
  return { app, http, as: (token) => callerOf(http, token), close: () => app.close() };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}

/** Waits until the service reports ready (PostgreSQL, Kafka and its own checks). */
export async function waitUntilReady(service: RunningService, timeoutMs = 30000): Promise<void> {
  await eventually(
    async () => ((await service.http.get('/health/ready')).status === 200 ? true : undefined),
    timeoutMs,
    'readiness',
  );
}
