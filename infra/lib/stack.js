'use strict';
// Starts the infrastructure the services need: a local Kafka broker and a local
// PostgreSQL, unless KAFKA_BROKERS / DATABASE_URL point at external servers.
const path = require('node:path');
const { startKafka } = require('../kafka/broker');
const { startPostgres } = require('../postgres/postgres');

/**
 * @param {{ dataDir: string, kafkaPort: number, kafkaControllerPort?: number, postgresPort: number, fast?: boolean, log?: (m: string) => void }} options
 * @returns {Promise<{ kafkaBrokers: string, databaseUrl: string, kafka?: object, postgres?: object, stop(): Promise<void> }>}
 */
async function startStack({ dataDir, kafkaPort, kafkaControllerPort, postgresPort, fast = false, log = () => {} }) {
  const external = { kafka: process.env.KAFKA_BROKERS, db: process.env.DATABASE_URL };
  const [kafka, postgres] = await Promise.all([
    external.kafka
      ? undefined
      : startKafka({ dataDir: path.join(dataDir, 'kafka'), port: kafkaPort, controllerPort: kafkaControllerPort, log }),
    external.db ? undefined : startPostgres({ dataDir: path.join(dataDir, 'postgres'), port: postgresPort, fast, log }),
  ]);
  return {
    kafkaBrokers: external.kafka ?? kafka.brokers,
    databaseUrl: external.db ?? postgres.url,
    kafka,
    postgres,
    async stop() {
      await Promise.allSettled([kafka?.stop(), postgres?.stop()]);
    },
  };
}

module.exports = { startStack };
