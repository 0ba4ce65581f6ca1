import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Gives a test file a database and a Kafka topic prefix of its own on the shared
 * test servers, so test files never see each other's rows or events. Sets
 * DATABASE_URL and KAFKA_TOPIC_PREFIX for the services the file then starts.
 */
export async function useIsolatedEnvironment(name: string): Promise<{ databaseUrl: string; topicPrefix: string }> {
  const suffix = randomBytes(4).toString('hex');
  const database = `${name.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${suffix}`;
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl || !process.env.KAFKA_BROKERS) throw new Error('the test infrastructure is not started (jest globalSetup)');
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
  process.env.KAFKA_TOPIC_PREFIX = `test.${name}.${suffix}.`;
  return { databaseUrl: process.env.DATABASE_URL, topicPrefix: process.env.KAFKA_TOPIC_PREFIX };
}
