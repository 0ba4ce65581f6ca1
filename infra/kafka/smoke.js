#!/usr/bin/env node
'use strict';
// Smoke check of the local Kafka broker: `node infra/kafka/smoke.js`. In a temporary data
// dir on free ports it starts a broker (format + start), stops it, restarts it on the same
// data, kills it, restarts it after the kill, and prints how long each step took. Between
// steps it asks the broker for its API versions over the Kafka protocol.
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const { ensureKafkaJars, kafkaVersion } = require('./fetch');
const { startKafka } = require('./broker');
const { freePort } = require('../lib/ports');

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-kafka-smoke-'));
  const step = async (name, action) => {
    const started = Date.now();
    const result = await action();
    process.stdout.write(`  ${name.padEnd(30)} ${String(Date.now() - started).padStart(6)} ms\n`);
    return result;
  };
  process.stdout.write(`Kafka ${kafkaVersion} smoke check on ${os.cpus().length} cores, in ${dataDir}\n`);
  let broker;
  try {
    await step('jars ready (cache checked)', () => ensureKafkaJars());
    await step('refuses a port in use', () => expectPortInUseError(dataDir));

    const port = await freePort();
    const controllerPort = await freePort();
    broker = await step('cold start (format + start)', () => startKafka({ dataDir, port, controllerPort }));
    await expectApiVersions(port);
    // Formatting again would write a new directory.id into meta.properties.
    const meta = readMeta(dataDir);

    await step('stop (SIGTERM)', () => broker.stop());
    await expectClosed(port);
    await step('warm restart', () => broker.restart());
    await expectApiVersions(port);
    if (readMeta(dataDir) !== meta) throw new Error('the restart formatted the storage again');

    await step('kill (SIGKILL)', () => broker.kill());
    await expectClosed(port);
    await step('restart after kill', () => broker.restart());
    await expectApiVersions(port);
    await step('stop (SIGTERM)', () => broker.stop());

    process.stdout.write('smoke check passed\n');
    fs.rmSync(dataDir, { recursive: true, force: true });
  } catch (error) {
    await broker?.kill();
    process.stderr.write(`smoke check failed: ${error.message}\n(data and kafka.log kept in ${dataDir})\n`);
    process.exitCode = 1;
  }
}

/** Starting on a port something else listens on must fail at once, with a message saying so. */
async function expectPortInUseError(dataDir) {
  const squatter = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => squatter.once('listening', resolve));
  try {
    await startKafka({ dataDir: path.join(dataDir, 'unused'), port: squatter.address().port });
    throw new Error('startKafka started on a port already in use');
  } catch (error) {
    if (!/already in use/.test(error.message)) throw error;
  } finally {
    squatter.close();
  }
}

function readMeta(dataDir) {
  return fs.readFileSync(path.join(dataDir, 'logs', 'meta.properties'), 'utf8');
}

/** Sends ApiVersions v0 and checks the broker answers without error. */
async function expectApiVersions(port) {
  const response = await kafkaRequest(port, 18, 0, Buffer.alloc(0));
  const errorCode = response.readInt16BE(0);
  const apiCount = response.readInt32BE(2);
  if (errorCode !== 0 || apiCount < 1) throw new Error(`ApiVersions answered error ${errorCode} with ${apiCount} APIs`);
}

/** One request/response on a fresh connection, with a v1 request header; resolves the body after the correlation id. */
function kafkaRequest(port, apiKey, apiVersion, body) {
  const clientId = Buffer.from('sas-kafka-smoke');
  const header = Buffer.alloc(10);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(7, 4); // correlation id
  header.writeInt16BE(clientId.length, 8);
  const payload = Buffer.concat([header, clientId, body]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);

  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: 'localhost' }, () => socket.write(Buffer.concat([size, payload])));
    let received = Buffer.alloc(0);
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer to a Kafka request within 5 s')));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4 || received.length < 4 + received.readInt32BE(0)) return;
      socket.end();
      if (received.readInt32BE(4) !== 7) return reject(new Error('the Kafka answer has the wrong correlation id'));
      resolve(received.subarray(8, 4 + received.readInt32BE(0)));
    });
    socket.on('error', reject);
  });
}

async function expectClosed(port) {
  const refused = await new Promise((resolve) => {
    const socket = net.connect({ port, host: 'localhost' }, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
  if (!refused) throw new Error(`port ${port} still accepts connections after the broker exited`);
}

main();
