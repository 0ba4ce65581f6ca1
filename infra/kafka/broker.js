'use strict';
// Runs a single-node Apache Kafka broker in KRaft mode (combined broker and
// controller) from the pinned jars, for local runs and tests.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn, spawnSync } = require('node:child_process');
const { ensureKafkaJars } = require('./fetch');
const { assertPortFree, isPortOpen } = require('../lib/ports');

const READY_LINE = 'Kafka Server started';

/**
 * Starts a broker with its data in `dataDir` (formatted on first use) and resolves
 * once it accepts clients. The handle stops, kills or restarts it on the same data.
 */
async function startKafka(options) {
  const settings = {
    host: 'localhost',
    port: 9092,
    heapMb: 512,
    partitions: 6,
    log: () => {},
    ...options,
  };
  settings.controllerPort ??= settings.port + 1;
  settings.logFile ??= path.join(settings.dataDir, 'kafka.log');
  const jarsDir = await ensureKafkaJars({ log: settings.log });
  const java = findJava();
  const propsFile = writeConfiguration(settings);
  format(java, jarsDir, settings, propsFile);

  let child;
  const launch = async () => {
    await assertPortFree(settings.port, 'Kafka');
    await assertPortFree(settings.controllerPort, 'Kafka controller');
    const started = Date.now();
    child = spawnBroker(java, jarsDir, settings, propsFile);
    await waitUntilReady(child, settings);
    settings.log(`Kafka ready on ${settings.host}:${settings.port} in ${Date.now() - started} ms`);
  };
  await launch();

  const handle = {
    brokers: `${settings.host}:${settings.port}`,
    get pid() {
      return child.pid;
    },
    stop: () => terminate(child, 'SIGTERM', 20000),
    kill: () => terminate(child, 'SIGKILL', 5000),
    restart: async () => {
      await terminate(child, 'SIGTERM', 20000);
      await launch();
    },
  };
  return handle;
}

function findJava() {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const probe = spawnSync(java, ['-version'], { encoding: 'utf8' });
  const match = /version "(\d+)/.exec(`${probe.stderr}${probe.stdout}`);
  if (probe.error || !match) throw new Error(`Java ≥ 17 is needed to run Kafka and none was found (${java}); install a JDK or set JAVA_HOME`);
  if (Number(match[1]) < 17) throw new Error(`Java ≥ 17 is needed to run Kafka; ${java} is Java ${match[1]}`);
  return java;
}

/** Writes server.properties and the log4j configuration; returns the properties path. */
function writeConfiguration(s) {
  fs.mkdirSync(s.dataDir, { recursive: true });
  const props = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${s.host}:${s.controllerPort}`,
    listeners: `PLAINTEXT://${s.host}:${s.port},CONTROLLER://${s.host}:${s.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${s.host}:${s.port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': path.join(s.dataDir, 'logs'),
    'num.partitions': s.partitions,
    'auto.create.topics.enable': true,
    // One node: internal topics cannot be replicated, and fewer partitions start faster.
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 10,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    // Consumers join immediately instead of waiting for more members.
    'group.initial.rebalance.delay.ms': 0,
    'num.network.threads': 2,
    'num.io.threads': 4,
  };
  const propsFile = path.join(s.dataDir, 'server.properties');
  fs.writeFileSync(propsFile, Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  fs.writeFileSync(
    path.join(s.dataDir, 'log4j.properties'),
    [
      'log4j.rootLogger=INFO, file',
      'log4j.appender.file=org.apache.log4j.RollingFileAppender',
      `log4j.appender.file.File=${s.logFile}`,
      'log4j.appender.file.MaxFileSize=20MB',
      'log4j.appender.file.MaxBackupIndex=2',
      'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.logger.kafka.request.logger=WARN',
      'log4j.logger.org.apache.kafka.controller=INFO',
      'log4j.logger.state.change.logger=WARN',
    ].join('\n') + '\n',
  );
  return propsFile;
}

/** Formats the storage once; the cluster id is kept beside it so restarts reuse it. */
function format(java, jarsDir, s, propsFile) {
  if (fs.existsSync(path.join(s.dataDir, 'logs', 'meta.properties'))) return;
  const idFile = path.join(s.dataDir, 'cluster.id');
  if (!fs.existsSync(idFile)) fs.writeFileSync(idFile, crypto.randomBytes(16).toString('base64url'));
  const clusterId = fs.readFileSync(idFile, 'utf8').trim();
  const result = spawnSync(
    java,
    [...jvmArgs(jarsDir, s, 128), 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propsFile, '--ignore-formatted'],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`formatting Kafka storage failed:\n${result.stdout}${result.stderr}`);
}

function jvmArgs(jarsDir, s, heapMb) {
  return [
    `-Xmx${heapMb}m`,
    `-Xms${heapMb}m`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${path.join(s.dataDir, 'log4j.properties')}`,
    `-Dkafka.logs.dir=${path.dirname(s.logFile)}`,
    '-cp',
    path.join(jarsDir, '*'),
  ];
}

function spawnBroker(java, jarsDir, s, propsFile) {
  const child = spawn(java, [...jvmArgs(jarsDir, s, s.heapMb), 'kafka.Kafka', propsFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (chunk) => s.log(`[kafka] ${chunk.toString().trimEnd()}`));
  // A broker never outlives the Node process that started it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  return child;
}

async function waitUntilReady(child, s, timeoutMs = 90000) {
  const deadline = Date.now() + timeoutMs;
  const logStart = fs.existsSync(s.logFile) ? fs.statSync(s.logFile).size : 0;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Kafka exited during start-up (${child.signalCode ?? `exit ${child.exitCode}`}):\n${logTail(s.logFile)}`);
    }
    if (readFrom(s.logFile, logStart).includes(READY_LINE) && (await isPortOpen(s.port))) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`Kafka not ready after ${timeoutMs / 1000} s:\n${logTail(s.logFile)}`);
}

function readFrom(file, offset) {
  if (!fs.existsSync(file)) return '';
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size <= offset) return '';
    const buffer = Buffer.alloc(size - offset);
    fs.readSync(fd, buffer, 0, buffer.length, offset);
    return buffer.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function logTail(file, lines = 30) {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
}

/** Sends `signal`, waits for the exit, and kills outright after `graceMs`. */
function terminate(child, signal, graceMs) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

module.exports = { startKafka };
