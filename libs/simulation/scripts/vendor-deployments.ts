// The agenda vendors of `--vendor-share` as their own processes: one more scheduling per
// vendor (compiled, as `npm start` runs it), each on a database of its own on the same
// PostgreSQL server and a topic prefix of its own on the same Kafka, pulling nobody itself.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ServiceUrls } from '../src/api-client';
import { RegionPlan } from '../src/region-plan';
import { openVendorShare, RunningVendorShare, SIMULATION_VENDOR_SECRET_ENV } from '../src/vendor-sites';
import { splitForVendors, VendorSplit } from '../src/vendor-share';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../../../infra/lib/ports');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { spawnService, waitReady, stopService } = require('../../../infra/lib/services');

export interface VendorShareRun extends RunningVendorShare {
  split: VendorSplit;
}

/**
 * Splits `plan` (`share` of its practitioners at `vendors` vendors), starts a scheduling per
 * vendor, publishes each vendor's part to it and has our scheduling register and pull them
 * (`openVendorShare`). `close()` stops the vendors and drops their databases. Our scheduling
 * must hold `SAS_SIMULATION_VENDOR_SECRET`, the value given in `secret`.
 */
export async function startVendorShare(
  urls: ServiceUrls,
  plan: RegionPlan,
  options: {
    share: number;
    vendors: number;
    secret: string;
    env: { DATABASE_URL: string; KAFKA_BROKERS: string } & Record<string, string>;
  },
): Promise<VendorShareRun> {
  const split = splitForVendors(plan, options.share, options.vendors);
  const run = randomBytes(4).toString('hex');
  const started: { service: unknown; database: string }[] = [];
  const stop = async () => {
    await Promise.all(started.map((s) => stopService(s.service)));
    for (const { database } of started) await onServer(options.env.DATABASE_URL, `DROP DATABASE IF EXISTS ${database}`);
  };
  try {
    const deployments: string[] = [];
    for (const part of split.vendors) {
      const database = `sas_${part.id.replace(/-/g, '_')}_${run}`;
      await onServer(options.env.DATABASE_URL, `CREATE DATABASE ${database}`);
      const port: number = await freePort();
      const service = spawnService(
        { name: 'scheduling', port },
        {
          ...options.env,
          DATABASE_URL: databaseOn(options.env.DATABASE_URL, database),
          KAFKA_TOPIC_PREFIX: `${part.id}.${run}.`,
          VENDOR_PULL_ENABLED: 'false',
          SCHEDULING_URL: `http://127.0.0.1:${port}`,
          [SIMULATION_VENDOR_SECRET_ENV]: '',
        },
      );
      started.push({ service, database });
      await waitReady(service);
      deployments.push(`http://127.0.0.1:${port}`);
    }
    const running = await openVendorShare(urls, split.vendors, deployments, { secret: options.secret });
    return {
      ...running,
      split,
      close: async () => {
        await running.close();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function databaseOn(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** CREATE / DROP DATABASE, which cannot run in a transaction. */
async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
