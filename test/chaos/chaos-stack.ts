import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/* eslint-disable @typescript-eslint/no-require-imports -- the infrastructure scripts are plain CommonJS */
const { startKafka, startKafkaCluster } = require('../../infra/kafka/broker');
const { freePort } = require('../../infra/lib/ports');
const { spawnService, waitReady, stopService } = require('../../infra/lib/services');
/* eslint-enable @typescript-eslint/no-require-imports */

export type ServiceName = 'scheduling' | 'matching' | 'orientation' | 'indicators';
export const SERVICE_NAMES: ServiceName[] = ['scheduling', 'matching', 'orientation', 'indicators'];

interface Child {
  name: ServiceName;
  port: number;
  url: string;
  child: {
    pid?: number;
    kill(signal: string): void;
    exitCode: number | null;
    signalCode: string | null;
    once(e: 'exit', l: () => void): void;
  };
}
interface KafkaHandle {
  brokers: string;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}
interface ClusterHandle {
  brokers: string;
  nodes: KafkaHandle[];
  stop(): Promise<unknown>;
}
interface PostgresHandle {
  url: string;
  stop(): Promise<void>;
}

let built = false;

/**
 * A whole system of its own for a fault scenario: a private Kafka broker and PostgreSQL,
 * and the four services as separate processes built as `npm start` runs them, so any
 * part can be killed (SIGKILL) and started again without touching the other test files.
 */
export class ChaosStack {
  private readonly services = new Map<ServiceName, Child>();
  private readonly ports = new Map<ServiceName, number>();
  private env: Record<string, string> = {};

  private constructor(
    private readonly dataDir: string,
    private kafka: KafkaHandle | ClusterHandle,
    private postgres: PostgresHandle,
    private readonly postgresPort: number,
  ) {}

  /** `brokers: 3` runs a three-node Kafka cluster (replication 3, min in-sync 2) instead of one broker. */
  static async start({ brokers = 1 } = {}): Promise<ChaosStack> {
    if (!built) {
      const build = spawnSync(
        process.execPath,
        [join(__dirname, '../../node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
        { cwd: join(__dirname, '../..'), stdio: 'inherit' },
      );
      if (build.status !== 0) throw new Error('build failed');
      built = true;
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'sas-chaos-'));
    // PostgreSQL runs as its own user when we are root: it must be able to reach its folder.
    chmodSync(dataDir, 0o755);
    const postgresPort = await freePort();
    const ports = async (n: number) => {
      const found: number[] = [];
      while (found.length < n) {
        const port = await freePort();
        if (!found.includes(port)) found.push(port);
      }
      return found;
    };
    const [kafka, postgres] = await Promise.all([
      brokers === 1
        ? startKafka({ dataDir: join(dataDir, 'kafka'), port: await freePort(), controllerPort: await freePort() })
        : ports(2 * brokers).then((p) =>
            startKafkaCluster({
              dataDir: join(dataDir, 'kafka'),
              size: brokers,
              ports: p.slice(0, brokers),
              controllerPorts: p.slice(brokers),
            }),
          ),
      startPostgresProcess(join(dataDir, 'postgres'), postgresPort),
    ]);
    const stack = new ChaosStack(dataDir, kafka, postgres, postgresPort);
    for (const name of SERVICE_NAMES) stack.ports.set(name, await freePort());
    stack.env = {
      KAFKA_BROKERS: kafka.brokers,
      DATABASE_URL: postgres.url,
      KAFKA_TOPIC_PREFIX: '',
      KAFKA_REPLICATION_FACTOR: String(brokers),
      SCHEDULING_URL: `http://localhost:${stack.ports.get('scheduling')}`,
      MATCHING_URL: `http://localhost:${stack.ports.get('matching')}`,
      LOG_LEVEL: 'error',
      // The traffic drives the services hard on purpose: per-client limits would only pace it.
      RATE_LIMIT_SEARCH_PER_MINUTE: '1000000',
      RATE_LIMIT_BOOKING_PER_MINUTE: '1000000',
      OPENING_RULE_EXPANSION_INTERVAL_MS: '3600000',
    };
    // Scheduling first: it creates the topics the others subscribe to.
    await stack.startService('scheduling');
    await Promise.all(['matching', 'orientation', 'indicators'].map((n) => stack.startService(n as ServiceName)));
    return stack;
  }

  url(name: ServiceName): string {
    return `http://localhost:${this.ports.get(name)}`;
  }

  get kafkaBrokers(): string {
    return this.kafka.brokers;
  }

  get databaseUrl(): string {
    return this.postgres.url;
  }

  async startService(name: ServiceName): Promise<void> {
    const service: Child = spawnService({ name, port: this.ports.get(name) }, this.env);
    this.services.set(name, service);
    await waitReady(service, 120_000);
  }

  /** SIGKILL: no shutdown hook runs, whatever was in flight is cut. */
  async killService(name: ServiceName): Promise<void> {
    const service = this.services.get(name)!;
    if (service.child.exitCode !== null || service.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => service.child.once('exit', resolve));
    service.child.kill('SIGKILL');
    await exited;
  }

  /** The single broker, or one node of the cluster (1-based). */
  private broker(node = 1): KafkaHandle {
    return 'nodes' in this.kafka ? this.kafka.nodes[node - 1] : this.kafka;
  }

  killKafka(node = 1): Promise<void> {
    return this.broker(node).kill();
  }

  restartKafka(node = 1): Promise<void> {
    return this.broker(node).restart();
  }

  async restartPostgres(): Promise<void> {
    await this.postgres.stop();
    this.postgres = await startPostgresProcess(join(this.dataDir, 'postgres'), this.postgresPort);
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.services.values()].map((s) => stopService(s, 5000)));
    await Promise.allSettled([this.kafka.stop(), this.postgres.stop()]);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** PostgreSQL in a child process (see postgres-process.js); stop() shuts it down cleanly. */
function startPostgresProcess(dataDir: string, port: number): Promise<PostgresHandle> {
  const child = spawn(process.execPath, [join(__dirname, 'postgres-process.js'), dataDir, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
      const ready = /^ready (\S+)$/m.exec(out);
      if (ready) resolve({ url: ready[1], stop: async () => (child.kill('SIGTERM'), await exited) });
    });
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited during start-up (${code})`)));
  });
}
