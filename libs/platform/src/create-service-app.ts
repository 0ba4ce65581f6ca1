import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { KafkaEventsServer } from '@sas/messaging';
import { InvalidSettings, readSettings, ServiceSettings, SettingDefinitions } from '@sas/settings';
import { httpTracing, JsonLogger } from '@sas/telemetry';
import helmet from 'helmet';
import { DatabaseOutageFilter } from './errors/database-outage.filter';
import { DomainExceptionFilter } from './errors/domain-exception.filter';
import { bodyParserRefusals, requireUtf8 } from './errors/http-layer-errors';
import { ServiceMetrics } from './metrics/service-metrics';
import { HTTP_SETTINGS, httpSettings } from './settings/http-settings';
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
  const http = httpSettingsOf(app);
  // Batches of up to 5,000 slots or a vendor's FHIR Bundle exceed express's 100 kB default.
  app.useBodyParser('json', {
    limit: http.HTTP_BODY_LIMIT,
    type: ['application/json', 'application/fhir+json'],
    verify: requireUtf8,
  });
  app.use(bodyParserRefusals);
  // Answers are computed per request (searches, indicators): an ETag would cost a hash of every body and save nothing.
  app.set('etag', false);
  // A server span per request (continuing the caller's trace), and its duration in /metrics.
  app.use(httpTracing(service));
  const metrics = app.get(ServiceMetrics, { strict: false });
  app.use(metrics.httpTiming());
  // Security headers; CORS stays closed unless CORS_ORIGINS lists the browser origins allowed.
  app.use(helmet());
  const origins = http.CORS_ORIGINS;
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

/** The service's HTTP settings, or those of the environment for an application built without the service's settings. */
function httpSettingsOf(app: INestApplication): { HTTP_BODY_LIMIT: string; CORS_ORIGINS: string[] } {
  let settings: ServiceSettings | undefined;
  try {
    settings = app.get(ServiceSettings, { strict: false });
  } catch {
    settings = undefined;
  }
  return settings ? settings.of(HTTP_SETTINGS) : readSettings(HTTP_SETTINGS);
}

/**
 * Starts a service: its settings read and checked first (a wrong one stops it with one line
 * naming the variable and the reason, before anything else happens), then HTTP on HOST:PORT
 * (loopback and its default port unless set); logs where it listens.
 */
export async function runService(
  service: string,
  appModule: Type<unknown>,
  definitions: SettingDefinitions & ReturnType<typeof httpSettings>,
): Promise<void> {
  let settings: ServiceSettings;
  try {
    settings = ServiceSettings.read(service, definitions);
  } catch (error) {
    if (!(error instanceof InvalidSettings)) throw error;
    process.stderr.write(`${service} did not start: ${error.message}\n`);
    process.exit(1);
  }
  const { PORT: port, HOST } = settings.of(definitions);
  const app = await createServiceApp(service, appModule);
  const host = HOST || '127.0.0.1';
  await app.listen(port, host);
  new JsonLogger(service).log({ msg: `${service} listening`, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}` });
}
