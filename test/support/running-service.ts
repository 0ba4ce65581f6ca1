import { INestApplication, Type } from '@nestjs/common';
import { createServiceApp } from '@sas/platform';
import request from 'supertest';

export interface RunningService {
  app: INestApplication;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

/** Starts a service in-process on a free port with the current environment. */
export async function startService(service: string, appModule: Type<unknown>): Promise<RunningService> {
  const app = await createServiceApp(service, appModule);
  await app.listen(0);
  return { app, http: request(app.getHttpServer()), close: () => app.close() };
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
  await eventually(async () => ((await service.http.get('/health/ready')).status === 200 ? true : undefined), timeoutMs, 'readiness');
}
