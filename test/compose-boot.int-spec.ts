import { ServiceCredentials } from '@sas/auth';
import { decodeJwt } from 'jose';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildAsTheImage,
  composeServices,
  ContainerProcess,
  containerEnvironment,
  imageBuildSteps,
  mapHosts,
  runAsContainer,
} from './support/compose-environment';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { newSigningKey, TestProvider } from './support/oidc/test-provider';
import { eventually } from './support/running-service';
import { providerSettingsFromEnv } from '../libs/auth/src/provider/provider-settings';

/* eslint-disable @typescript-eslint/no-require-imports -- the infrastructure scripts are plain CommonJS */
const { writeEnvFile, readEnvFile } = require('../infra/docker/write-env') as {
  writeEnvFile(file: string): boolean;
  readEnvFile(file: string): Record<string, string>;
};
const { freePort } = require('../infra/lib/ports') as { freePort(): Promise<number> };
/* eslint-enable @typescript-eslint/no-require-imports */

const SERVICES = ['scheduling', 'matching', 'orientation', 'indicators'] as const;
const COMPOSE_PORTS: Record<(typeof SERVICES)[number], number> = {
  scheduling: 3001,
  matching: 3002,
  orientation: 3003,
  indicators: 3004,
};

/**
 * docker-compose.yml cannot rot unseen: each service is built with the image's build step
 * and started with the image's command and exactly the environment compose gives its
 * container (secrets from an env file made by `npm run compose:env`), the network's host
 * names mapped to this run's broker, database, identity provider and services. Keycloak
 * itself cannot run here: an oidc-provider mounted at the realm's paths, knowing the
 * realm's service clients and their secrets, stands in for it.
 */
describe('docker-compose.yml boots: every service reaches /health/ready with the environment compose gives it', () => {
  const running: ContainerProcess[] = [];
  let provider: TestProvider;
  let secrets: Record<string, string>;
  const ports = {} as Record<(typeof SERVICES)[number], number>;
  /** compose's network addresses → this run's. */
  let hosts: Record<string, string>;

  beforeAll(async () => {
    const { databaseUrl, topicPrefix } = await useIsolatedEnvironment('composeboot');
    const envFile = join(mkdtempSync(join(tmpdir(), 'sas-compose-')), '.env');
    expect(writeEnvFile(envFile)).toBe(true);
    secrets = readEnvFile(envFile);
    buildAsTheImage();

    const audience = containerEnvironment('scheduling', secrets).AUTH_AUDIENCE;
    const clients = SERVICES.map((s) => {
      const env = containerEnvironment(s, secrets);
      return { client_id: env.AUTH_CLIENT_ID, client_secret: env.AUTH_CLIENT_SECRET, claims: { sas_role: 'service' } };
    });
    provider = await TestProvider.start({ audience, keys: [await newSigningKey()], clients });
    for (const s of SERVICES) ports[s] = await freePort();
    hosts = {
      'kafka:19092': process.env.KAFKA_BROKERS!,
      'keycloak:8080': `127.0.0.1:${provider.port}`,
      'localhost:8080': `127.0.0.1:${provider.port}`,
      ...Object.fromEntries(SERVICES.map((s) => [`${s}:${COMPOSE_PORTS[s]}`, `127.0.0.1:${ports[s]}`])),
    };
    for (const s of SERVICES) {
      const env = mapHosts(containerEnvironment(s, secrets), hosts);
      // The test's database server has its own credentials; each test file its own database and topic prefix.
      running.push(
        runAsContainer({
          ...env,
          DATABASE_URL: databaseUrl,
          KAFKA_TOPIC_PREFIX: topicPrefix,
          PORT: String(ports[s]),
          LOG_LEVEL: 'warn',
        }),
      );
    }
  }, 240_000);

  afterAll(async () => {
    await Promise.all(running.map((r) => r.stop()));
    await provider?.stop();
  });

  it("builds with the image's build step, the one CI runs", () => {
    expect(imageBuildSteps()).toEqual(['npm ci --no-audit --no-fund', 'npm run build && npm prune --omit=dev']);
  });

  it('runs every service in production mode against the identity provider, with its own client and secrets', () => {
    for (const s of SERVICES) {
      const env = containerEnvironment(s, secrets);
      expect(env).toMatchObject({
        NODE_ENV: 'production',
        SERVICE: s,
        AUTH_ISSUER: 'http://localhost:8080/realms/sas',
        AUTH_AUDIENCE: 'sas-api',
        AUTH_CLIENT_ID: `sas-${s}`,
      });
      expect(env.AUTH_CLIENT_SECRET).toBe(secrets[`SAS_${s.toUpperCase()}_CLIENT_SECRET`]);
    }
    expect(containerEnvironment('orientation', secrets).PATIENT_CONTACT_KEY).toBe(secrets.PATIENT_CONTACT_KEY);
    expect(Object.keys(composeServices()).sort()).toEqual([
      'indicators',
      'kafka',
      'keycloak',
      'matching',
      'orientation',
      'postgres',
      'scheduling',
    ]);
  });

  it.each(SERVICES)(
    '%s reaches /health/ready',
    async (service) => {
      const index = SERVICES.indexOf(service);
      const ready = await eventually(
        async () => {
          if (running[index].child.exitCode !== null) throw new Error(`${service} exited: ${running[index].output()}`);
          const res = await fetch(`http://127.0.0.1:${ports[service]}/health/ready`).catch(() => undefined);
          return res?.status === 200 ? true : undefined;
        },
        180_000,
        `${service} ready`,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${running[index].output().slice(-3000)}`);
      });
      expect(ready).toBe(true);
    },
    200_000,
  );

  it("accepts the token orientation's compose settings obtain from the provider, and refuses a request without one", async () => {
    // The service's own client code, with orientation's container settings (AUTH_TOKEN_URL inside the network).
    const settings = providerSettingsFromEnv(mapHosts(containerEnvironment('orientation', secrets), hosts));
    const token = await new ServiceCredentials('orientation', settings).token();
    expect(decodeJwt(token)).toMatchObject({ sas_role: 'service', aud: 'sas-api', iss: provider.issuer });
    const res = await fetch(`http://127.0.0.1:${ports.scheduling}/appointments/00000000-0000-4000-8000-000000000000/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ by: 'regulator' }),
    });
    // Authenticated and allowed (a service may cancel): the appointment simply does not exist.
    expect(res.status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${ports.scheduling}/appointments/00000000-0000-4000-8000-000000000000`)).status).toBe(
      401,
    );
  });
});
