import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { KafkaEventsServer } from '@sas/messaging';
import { httpTracing, JsonLogger } from '@sas/telemetry';
import helmet from 'helmet';
import { DatabaseOutageFilter } from './errors/database-outage.filter';
import { DomainExceptionFilter } from './errors/domain-exception.filter';
import { bodyParserRefusals, requireUtf8 } from './errors/http-layer-errors';
import { ServiceMetrics } from './metrics/service-metrics';
import { requestValidationPipe } from './validation';
import { WellFormedTextPipe } from './well-formed-text.pipe';

/**
 * Builds a service's Nest application with the conventions every service shares, and
 * starts its Kafka consumers: a hybrid application, HTTP plus the Kafka events transport
 * (KafkaEventsServer) whose handlers are the `@EventPattern` methods of its controllers.
 * They start once the application is initialised (a snapshot restored in onModuleInit
 * decides where a replay begins) and stop when it closes, before its shutdown hooks.
 */
export async function createServiceApp(service: string, appModule: Type<unknown>): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(appModule, { logger: new JsonLogger(service), bufferLogs: true });
  // Batches of up to 5,000 slots or a vendor's FHIR Bundle exceed express's 100 kB default.
  const limit = process.env.HTTP_BODY_LIMIT ?? '10mb';
  app.useBodyParser('json', { limit, type: ['application/json', 'application/fhir+json'], verify: requireUtf8 });
  app.use(bodyParserRefusals);
  // Answers are computed per request (searches, indicators): an ETag would cost a hash of every body and save nothing.
  app.set('etag', false);
  // A server span per request (continuing the caller's trace), and its duration in /metrics.
  app.use(httpTracing(service));
  const metrics = app.get(ServiceMetrics, { strict: false });
  app.use(metrics.httpTiming());
  // Security headers; CORS stays closed unless CORS_ORIGINS lists the browser origins allowed.
  app.use(helmet());
  const origins = (process.env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  if (origins.length) app.enableCors({ origin: origins, allowedHeaders: ['authorization', 'content-type'], maxAge: 600 });
  // Text PostgreSQL could not store is refused first, then every body and query is validated.
  app.useGlobalPipes(new WellFormedTextPipe(), requestValidationPipe());
  // Filters are tried last first: domain errors, then a database outage, then Nest's defaults.
  app.useGlobalFilters(new DatabaseOutageFilter(app.getHttpAdapter()), new DomainExceptionFilter());
  app.enableShutdownHooks();
  // OpenAPI of the service's HTTP API at /docs (JSON at /docs-json).
  const openApi = new DocumentBuilder().setTitle(`SAS ${service}`).setVersion('1.0').addBearerAuth().build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  app.connectMicroservice({ strategy: new KafkaEventsServer(service, app) });
  await app.init();
  await app.startAllMicroservices();
  return app;
}

/**
 * The interface a service listens on: HOST when configured (0.0.0.0 or an address, in a
 * container or behind a proxy), else the loopback only, so that an instance started on a
 * workstation is not reachable from other hosts by default.
 */
export function listenHost(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOST?.trim() || '127.0.0.1';
}

/** Starts a service: HTTP on HOST:PORT (loopback and its default port unless set), logs where it listens. */
export async function runService(service: string, appModule: Type<unknown>, defaultPort: number): Promise<void> {
  const port = Number(process.env.PORT ?? defaultPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a TCP port, got ${process.env.PORT}`);
  const app = await createServiceApp(service, appModule);
  const host = listenHost();
  await app.listen(port, host);
  new JsonLogger(service).log({ msg: `${service} listening`, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}` });
}
