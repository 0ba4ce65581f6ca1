#!/usr/bin/env node
'use strict';
// A BI consumer of the SAS public topics, with nothing but kafkajs: it reads the
// orientation and scheduling topics, prints one JSON line per event, and keeps a running
// count of orientations by outcome. Events are CloudEvents in Kafka binary mode (ce_*
// headers, JSON payload); the contract is served at GET /contracts/asyncapi.json.
//
//   node examples/bi-consumer.js                     # from the beginning, localhost:9092
//   KAFKA_BROKERS=kafka:9092 node examples/bi-consumer.js --group my-bi --topics sas.orientation.case.v1
//
// Options: --group <consumer group> (default sas-bi-example), --topics <a,b> (default the
// case, appointment and indicators topics), --max <n> (stop after n distinct events).
const { Kafka, logLevel } = require('kafkajs');

const DEFAULT_TOPICS = ['sas.orientation.case.v1', 'sas.scheduling.appointment.v1', 'sas.indicators.daily.v1'];

function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

/** The CloudEvent carried by a Kafka message: attributes from the ce_* headers, data from the value. */
function cloudEvent(message) {
  const header = (name) => message.headers?.[name]?.toString();
  return {
    id: header('ce_id'),
    type: header('ce_type'),
    time: header('ce_time'),
    subject: header('ce_subject'),
    data: JSON.parse(message.value.toString()),
  };
}

async function main(args = process.argv.slice(2), out = process.stdout) {
  const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
  const topics = option(args, 'topics', DEFAULT_TOPICS.join(','))
    .split(',')
    .map((t) => prefix + t);
  const max = Number(option(args, 'max', 'Infinity'));
  const kafka = new Kafka({
    clientId: 'sas-bi-example',
    brokers: (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(','),
    logLevel: logLevel.WARN,
  });
  const consumer = kafka.consumer({ groupId: option(args, 'group', 'sas-bi-example') });
  const outcomes = {};
  const ids = new Set();
  let seen = 0;
  let done;
  const finished = new Promise((resolve) => (done = resolve));

  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      if (seen >= max) return;
      const event = cloudEvent(message);
      // Delivery is at least once: a redelivered event (same id) is counted once. A BI store
      // should deduplicate on event.id the same way, durably.
      if (ids.has(event.id)) return;
      ids.add(event.id);
      if (event.type === 'fr.sas.patient-oriented.v1') outcomes[event.data.outcome] = (outcomes[event.data.outcome] ?? 0) + 1;
      out.write(
        JSON.stringify({ topic, partition, offset: message.offset, ...event, orientationsByOutcome: { ...outcomes } }) + '\n',
      );
      if (++seen >= max) done();
    },
  });
  const stop = () => done();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await finished;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  await consumer.disconnect();
  return { seen, outcomes };
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { main, cloudEvent };
