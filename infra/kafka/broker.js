'use strict';
// Runs a single-node Apache Kafka broker in KRaft mode (one process is both broker and
// controller) from the pinned jars, for local runs and tests. Java ≥ 17 is the only
// requirement; the jars come from fetch.js.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn, spawnSync, execFile } = require('node:child_process');
const { promisify } = require('node:util');
const { pathToFileURL } = require('node:url');
const { setTimeout: sleep } = require('node:timers/promises');
const { ensureKafkaJars, kafkaVersion } = require('./fetch');
const { assertPortFree, isPortOpen } = require('../lib/ports');

// Logged by KafkaRaftServer once the broker is registered and unfenced, i.e. serves clients.
const READY_LINE = 'Kafka Server started';
const READY_TIMEOUT_MS = 60000;
const STOP_GRACE_MS = 20000;
const LOG_TAIL_LINES = 30;

/**
 * Starts a broker with its data in `dataDir` (formatted on first use) and resolves once
 * it serves clients. The handle stops, kills or restarts it on the same data and ports.
 * The broker does not keep Node running by itself, and dies with the Node process.
 *
 * @param {{ dataDir: string, port?: number, controllerPort?: number, host?: string, heapMb?: number,
 *           log?: (msg: string) => void, logFile?: string, partitions?: number }} options
 * @returns {Promise<{ brokers: string, pid: number, stop(): Promise<void>, kill(): Promise<void>, restart(): Promise<void> }>}
 */
async function startKafka(options) {
  const s = settingsFrom(options);
  const java = findJava(s.log);
  const jarsDir = await ensureKafkaJars({ log: s.log });
  writeConfiguration(s);
  let broker = await launch(java, jarsDir, s);
  return {
    brokers: `${s.host}:${s.port}`,
    get pid() {
      return broker.child.pid;
    },
    stop: () => terminate(broker, 'SIGTERM'),
    kill: () => terminate(broker, 'SIGKILL'),
    async restart() {
      await terminate(broker, 'SIGTERM');
      broker = await launch(java, jarsDir, s);
    },
  };
}

/** Defaults filled in field by field: callers pass `undefined` for "use the default". */
function settingsFrom(options = {}) {
  if (!options.dataDir) throw new Error('startKafka: options.dataDir is required');
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? 9092;
  return {
    dataDir,
    port,
    controllerPort: options.controllerPort ?? port + 1,
    host: options.host ?? 'localhost',
    heapMb: options.heapMb ?? 512,
    partitions: options.partitions ?? 3,
    // A cluster member (startKafkaCluster) names its node id, the controller voters and the
    // shared cluster id; a single node is node 1 and votes alone.
    nodeId: options.nodeId ?? 1,
    voters: options.voters,
    clusterId: options.clusterId,
    replicationFactor: options.replicationFactor ?? 1,
    minInsyncReplicas: options.minInsyncReplicas ?? 1,
    logFile: path.resolve(options.logFile ?? path.join(dataDir, 'kafka.log')),
    log: options.log ?? (() => {}),
  };
}

/** JAVA_HOME's java if it works, else the one on PATH; Kafka 3.9 brokers need Java 17+. */
function findJava(log) {
  const candidates = process.env.JAVA_HOME ? [path.join(process.env.JAVA_HOME, 'bin', 'java'), 'java'] : ['java'];
  const problems = [];
  for (const java of candidates) {
    const major = javaMajorVersion(java);
    if (major >= 17) {
      if (problems.length) log(`using ${java} (${problems.join('; ')})`);
      return java;
    }
    problems.push(major ? `${java} is Java ${major}` : `${java} is missing or does not run`);
  }
  throw new Error(
    `Kafka ${kafkaVersion} needs Java 17 or later and none was found: ${problems.join('; ')}. ` +
      'Install a JDK or JRE 17+ (e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME.',
  );
}

function javaMajorVersion(java) {
  const probe = spawnSync(java, ['-version'], { encoding: 'utf8' });
  // `openjdk version "17.0.15"`; Java 8 and older print "1.8.0_x".
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${probe.stderr}${probe.stdout}`);
  if (probe.error || !match) return undefined;
  return Number(match[1] === '1' ? match[2] : match[1]);
}

function propertiesFile(s) {
  return path.join(s.dataDir, 'server.properties');
}

function log4jFile(s) {
  return path.join(s.dataDir, 'log4j.properties');
}

/** Writes server.properties and log4j.properties into the data dir (regenerated on every start). */
function writeConfiguration(s) {
  fs.mkdirSync(s.dataDir, { recursive: true });
  fs.mkdirSync(path.dirname(s.logFile), { recursive: true });
  const server = {
    'process.roles': 'broker,controller',
    'node.id': s.nodeId,
    'controller.quorum.voters': s.voters ?? `${s.nodeId}@${s.host}:${s.controllerPort}`,
    listeners: `PLAINTEXT://${s.host}:${s.port},CONTROLLER://${s.host}:${s.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${s.host}:${s.port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': path.join(s.dataDir, 'logs'),
    'num.partitions': s.partitions,
    'auto.create.topics.enable': true,
    // One node: nothing can be replicated, so every replication factor and ISR is 1; a
    // cluster replicates everything, internal topics included.
    'default.replication.factor': s.replicationFactor,
    'min.insync.replicas': s.minInsyncReplicas,
    // Only an in-sync replica may lead (the default, stated): an acknowledged write survives a broker loss.
    'unclean.leader.election.enable': false,
    'offsets.topic.replication.factor': s.replicationFactor,
    'transaction.state.log.replication.factor': s.replicationFactor,
    'transaction.state.log.min.isr': s.minInsyncReplicas,
    // Every start loads each partition's log: the default 50 partitions of each internal topic
    // (created on the first consumer group / transaction) cost ~0.6 s per restart on 2 cores.
    'offsets.topic.num.partitions': 5,
    'transaction.state.log.num.partitions': 5,
    // Consumers join at once instead of waiting 3 s for more members.
    'group.initial.rebalance.delay.ms': 0,
    // Sized for a small heap on a 2-core machine: the cleaner's dedupe buffer is 128 MB by default.
    'log.cleaner.dedupe.buffer.size': 16 * 1024 * 1024,
    // After a SIGKILL the controller refuses the restarted broker's registration until the old
    // session expires (DUPLICATE_BROKER_REGISTRATION): 4 s instead of 9 s brings a restart after
    // kill from ~12 s to ~6 s. Heartbeats every 0.5 s (not 2 s) still leave a 3.5 s stall of
    // the JVM before the broker would be fenced.
    'broker.session.timeout.ms': 4000,
    'broker.heartbeat.interval.ms': 500,
    // Two cores: fewer threads than the defaults (3 and 8).
    'num.network.threads': 2,
    'num.io.threads': 4,
  };
  fs.writeFileSync(propertiesFile(s), propertiesText(server, 'server.properties'));

  const log4j = {
    'log4j.rootLogger': 'INFO, file',
    'log4j.appender.file': 'org.apache.log4j.RollingFileAppender',
    'log4j.appender.file.File': s.logFile,
    'log4j.appender.file.MaxFileSize': '20MB',
    'log4j.appender.file.MaxBackupIndex': 2,
    'log4j.appender.file.layout': 'org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern': '[%d] %p %m (%c)%n',
    // Per-request and per-partition chatter; warnings still come through.
    'log4j.logger.kafka.request.logger': 'WARN',
    'log4j.logger.state.change.logger': 'WARN',
  };
  fs.writeFileSync(log4jFile(s), propertiesText(log4j, 'log4j.properties'));
}

function propertiesText(entries, name) {
  const lines = Object.entries(entries).map(([key, value]) => `${key}=${value}`);
  return [`# ${name} written by infra/kafka/broker.js on every start: edits are overwritten.`, ...lines, ''].join('\n');
}

/** Formats storage if needed, spawns the broker and resolves once it serves clients. */
async function launch(java, jarsDir, s) {
  await assertPortFree(s.port, `Kafka (${s.dataDir})`);
  await assertPortFree(s.controllerPort, `The Kafka controller (${s.dataDir})`);
  const started = Date.now();
  await formatStorage(java, jarsDir, s);
  const logOffset = sizeOf(s.logFile);
  const broker = spawnBroker(java, jarsDir, s);
  await waitUntilReady(broker, s, logOffset);
  s.log(`Kafka ${kafkaVersion} ready on ${s.host}:${s.port} in ${Date.now() - started} ms (pid ${broker.child.pid})`);
  return broker;
}

/** Formats the metadata log once; the cluster id is kept in the data dir so restarts reuse it. */
async function formatStorage(java, jarsDir, s) {
  if (fs.existsSync(path.join(s.dataDir, 'logs', 'meta.properties'))) return;
  const clusterId = clusterIdOf(s.dataDir, s.clusterId);
  const format = ['format', '-t', clusterId, '-c', propertiesFile(s), '--ignore-formatted'];
  try {
    await promisify(execFile)(java, [...jvmArgs(jarsDir, s, 256), 'kafka.tools.StorageTool', ...format]);
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    throw new Error(
      `formatting Kafka storage in ${s.dataDir} failed (${error.code ?? error.message}):\n${output}\n${logTail(s.logFile)}`,
    );
  }
  s.log(`formatted Kafka storage in ${s.dataDir} (cluster id ${clusterId})`);
}

function clusterIdOf(dataDir, given) {
  const file = path.join(dataDir, 'cluster.id');
  if (!fs.existsSync(file)) fs.writeFileSync(file, `${given ?? newClusterId()}\n`);
  return fs.readFileSync(file, 'utf8').trim();
}

/** A Kafka Uuid: 16 random bytes, base64url (22 chars). Like Kafka, never one starting
 * with '-', which the format command line would take for an option. */
function newClusterId() {
  for (;;) {
    const id = crypto.randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** The heap asked for, and the GC settings of Kafka's own kafka-run-class.sh. */
function jvmArgs(jarsDir, s, heapMb) {
  return [
    `-Xmx${heapMb}m`,
    `-Xms${heapMb}m`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=${pathToFileURL(log4jFile(s)).href}`,
    '-cp',
    path.join(jarsDir, '*'),
  ];
}

/** Spawns kafka.Kafka with its stdout and stderr appended to the log file, away from ours. */
function spawnBroker(java, jarsDir, s) {
  const args = [...jvmArgs(jarsDir, s, s.heapMb), 'kafka.Kafka', propertiesFile(s)];
  const out = fs.openSync(s.logFile, 'a');
  let child;
  try {
    child = spawn(...withParentDeathSignal(java, args), { stdio: ['ignore', out, out] });
  } finally {
    fs.closeSync(out);
  }
  const broker = track(child);
  killWithParent(broker);
  return broker;
}

/**
 * On Linux, setpriv makes the kernel SIGKILL the broker when this process dies, even by
 * SIGKILL or a crash, where no 'exit' handler runs. setpriv execs java: the pid is java's.
 */
let hasSetpriv;
function withParentDeathSignal(java, args) {
  hasSetpriv ??= spawnSync('setpriv', ['--version']).status === 0;
  return hasSetpriv ? ['setpriv', ['--pdeathsig', 'KILL', java, ...args]] : [java, args];
}

/** Wraps a child process with its exit status (undefined while it runs) and a promise of it. */
function track(child) {
  const broker = { child, status: undefined };
  broker.exited = new Promise((resolve) => {
    const done = (status) => {
      broker.status ??= status;
      resolve(broker.status);
    };
    child.once('exit', (code, signal) => done(signal ? `killed by ${signal}` : `exit code ${code}`));
    child.once('error', (error) => done(`could not run: ${error.message}`));
  });
  return broker;
}

// Brokers never outlive the Node process that started them. The child is unref'd, so a
// broker nobody stopped does not keep Node alive either: Node exits and this kills it.
const running = new Set();
let exitHookInstalled = false;
function killWithParent(broker) {
  if (!exitHookInstalled) {
    process.on('exit', () => running.forEach((b) => b.child.kill('SIGKILL')));
    exitHookInstalled = true;
  }
  running.add(broker);
  broker.exited.then(() => running.delete(broker));
  broker.child.unref();
}

async function waitUntilReady(broker, s, logOffset) {
  const sawReadyLine = logWatcher(s.logFile, logOffset, READY_LINE);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (broker.status) {
      throw new Error(`Kafka exited during start-up (${broker.status}). Last lines of ${s.logFile}:\n${logTail(s.logFile)}`);
    }
    if (sawReadyLine() && (await isPortOpen(s.port, s.host))) return;
    if (Date.now() > deadline) {
      await terminate(broker, 'SIGKILL');
      throw new Error(
        `Kafka was not ready after ${READY_TIMEOUT_MS / 1000} s. Last lines of ${s.logFile}:\n${logTail(s.logFile)}`,
      );
    }
    await sleep(100);
  }
}

/** Returns a function telling whether `text` was appended to `file` after `offset`, reading only new bytes. */
function logWatcher(file, offset, text) {
  let carry = '';
  let seen = false;
  return () => {
    if (seen) return true;
    const size = sizeOf(file);
    if (size < offset) offset = 0; // log4j rolled the file over
    if (size === offset) return false;
    const chunk = readRange(file, offset, size);
    offset = size;
    seen = (carry + chunk).includes(text);
    carry = chunk.slice(-text.length);
    return seen;
  };
}

function readRange(file, start, end) {
  const buffer = Buffer.alloc(end - start);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, buffer, 0, buffer.length, start);
  } finally {
    fs.closeSync(fd);
  }
  return buffer.toString('utf8');
}

function sizeOf(file) {
  return fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
}

function logTail(file) {
  if (!fs.existsSync(file)) return `(${file} does not exist)`;
  const size = sizeOf(file);
  // Reads only the end of a log that may be megabytes long.
  return readRange(file, Math.max(0, size - 65536), size)
    .trimEnd()
    .split('\n')
    .slice(-LOG_TAIL_LINES)
    .join('\n');
}

/** Sends `signal` and resolves once the process has exited; SIGKILL after STOP_GRACE_MS. */
async function terminate(broker, signal) {
  if (broker.status) return;
  broker.child.kill(signal);
  // Also what keeps Node running while it waits, since the child is unref'd.
  const timer = setTimeout(() => broker.child.kill('SIGKILL'), STOP_GRACE_MS);
  await broker.exited;
  clearTimeout(timer);
}

/**
 * A cluster of `size` KRaft nodes (each broker and controller) on this machine, for fault
 * tests: replication `size`, min in-sync replicas `size - 1`. All nodes start together
 * (each waits for the controller quorum). Returns the bootstrap list and each node's handle.
 *
 * @param {{ dataDir: string, size?: number, ports: number[], controllerPorts: number[], host?: string, heapMb?: number, log?: (msg: string) => void }} options
 */
async function startKafkaCluster({ dataDir, size = 3, ports, controllerPorts, host = 'localhost', heapMb = 384, log }) {
  const clusterId = newClusterId();
  const voters = controllerPorts
    .slice(0, size)
    .map((port, i) => `${i + 1}@${host}:${port}`)
    .join(',');
  const nodes = await Promise.all(
    Array.from({ length: size }, (_, i) =>
      startKafka({
        dataDir: path.join(dataDir, `node-${i + 1}`),
        port: ports[i],
        controllerPort: controllerPorts[i],
        host,
        heapMb,
        log,
        nodeId: i + 1,
        voters,
        clusterId,
        replicationFactor: size,
        minInsyncReplicas: size - 1,
      }),
    ),
  );
  return { brokers: nodes.map((n) => n.brokers).join(','), nodes, stop: () => Promise.all(nodes.map((n) => n.stop())) };
}

// The process handling, shared with the other Java servers the project runs (infra/qpid).
const javaProcess = { javaMajorVersion, withParentDeathSignal, track, killWithParent, terminate, logWatcher, logTail };

module.exports = { startKafka, startKafkaCluster, javaProcess };
