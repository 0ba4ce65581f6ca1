import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JsonLogger } from '@sas/telemetry';
import { requestValidationPipe } from './validation';

/** Builds a service's Nest application with the conventions every service shares. */
export async function createServiceApp(service: string, appModule: Type<unknown>): Promise<INestApplication> {
  const app = await NestFactory.create(appModule, { logger: new JsonLogger(service), bufferLogs: true });
  app.useGlobalPipes(requestValidationPipe());
  app.enableShutdownHooks();
  return app;
}

/** Starts a service: HTTP on PORT (or its default port), logs where it listens. */
export async function runService(service: string, appModule: Type<unknown>, defaultPort: number): Promise<void> {
  const port = Number(process.env.PORT ?? defaultPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a TCP port, got ${process.env.PORT}`);
  const app = await createServiceApp(service, appModule);
  await app.listen(port);
  new JsonLogger(service).log({ msg: `${service} listening`, url: `http://localhost:${port}` });
}
