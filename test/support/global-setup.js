'use strict';
// Starts a private Kafka broker and PostgreSQL for the test run, on free ports and in
// a data folder of its own (so tests can run while `npm start` is up), unless
// KAFKA_BROKERS / DATABASE_URL select external servers.
const fs = require('node:fs');
const path = require('node:path');
const { startStack } = require('../../infra/lib/stack');
const { freePort } = require('../../infra/lib/ports');

module.exports = async function globalSetup() {
  const dataDir = path.resolve(__dirname, '../../.data/test');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const started = Date.now();
  const stack = await startStack({
    dataDir,
    kafkaPort: await freePort(),
    kafkaControllerPort: await freePort(),
    postgresPort: await freePort(),
    fast: true,
  });
  globalThis.__SAS_TEST_STACK__ = stack;
  process.env.KAFKA_BROKERS = stack.kafkaBrokers;
  process.env.DATABASE_URL = stack.databaseUrl;
  process.env.LOG_LEVEL ??= 'warn';
  process.stdout.write(
    `\ntest infrastructure ready in ${Date.now() - started} ms (Kafka ${stack.kafkaBrokers}, PostgreSQL ${stack.databaseUrl})\n`,
  );
};
