'use strict';
// Runs a local Apache Qpid Broker-J (AMQP 0-9-1) from the pinned jars, standing in for Hub
// Santé's RabbitMQ in tests, benchmarks and `npm start`. Java ≥ 17 is the only requirement.
// Everything lives in memory: a restart is an empty broker, as after a hub outage that lost
// its queues, which is what the link must survive anyway (it re-declares and re-sends).
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { setTimeout: sleep } = require('node:timers/promises');
const { ensurePinnedJars } = require('../kafka/fetch');
const { javaProcess } = require('../kafka/broker');
const { assertPortFree, isPortOpen } = require('../lib/ports');
const manifest = require('./manifest.json');

const root = path.resolve(__dirname, '../..');
// Logged once the virtual host is open and the AMQP port listens.
const READY_LINE = 'BRK-1004 : Qpid Broker Ready';
const READY_TIMEOUT_MS = 60000;

/** Makes sure the pinned Broker-J jars are in the cache; resolves the folder. */
function ensureQpidJars({ log } = {}) {
  const dir = process.env.SAS_QPID_CACHE || path.join(root, '.cache', 'qpid', manifest.qpid);
  return ensurePinnedJars({ jars: manifest.jars, dir, label: `Qpid Broker-J ${manifest.qpid}`, log });
}

/**
 * Starts a broker on localhost:`port` and resolves once it accepts AMQP clients, with the
 * URL to give the link (user and password `sas`). The handle stops, kills or restarts it.
 *
 * @param {{ dataDir: string, port: number, heapMb?: number, log?: (msg: string) => void }} options
 * @returns {Promise<{ url: string, pid: number, stop(): Promise<void>, kill(): Promise<void>, restart(): Promise<void> }>}
 */
async function startQpid({ dataDir, port, heapMb = 192, log = () => {} }) {
  if (!dataDir || !port) throw new Error('startQpid: dataDir and port are required');
  const java = findJava();
  const jarsDir = await ensureQpidJars({ log });
  const s = { dataDir: path.resolve(dataDir), port, heapMb, logFile: path.resolve(dataDir, 'qpid.log') };
  fs.mkdirSync(s.dataDir, { recursive: true });
  let broker = await launch(java, jarsDir, s);
  return {
    url: `amqp://sas:sas@127.0.0.1:${port}`,
    get pid() {
      return broker.child.pid;
    },
    stop: () => javaProcess.terminate(broker, 'SIGTERM'),
    kill: () => javaProcess.terminate(broker, 'SIGKILL'),
    async restart() {
      await javaProcess.terminate(broker, 'SIGTERM');
      broker = await launch(java, jarsDir, s);
    },
  };
}

function findJava() {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const major = javaProcess.javaMajorVersion(java);
  if (!(major >= 17)) {
    throw new Error(`Qpid Broker-J ${manifest.qpid} needs Java 17 or later; ${java} is ${major ? `Java ${major}` : 'missing'}.`);
  }
  return java;
}

async function launch(java, jarsDir, s) {
  await assertPortFree(s.port, 'Qpid Broker-J');
  const args = [
    `-Xms${s.heapMb}m`,
    `-Xmx${s.heapMb}m`,
    '-XX:+UseSerialGC', // one small broker on a shared two-core machine: no parallel GC threads
    `-Dqpid.work_dir=${path.join(s.dataDir, 'work')}`,
    '-cp',
    path.join(jarsDir, '*'),
    'org.apache.qpid.server.Main',
    '--initial-config-path',
    path.join(__dirname, 'broker-config.json'),
    '--store-type',
    'Memory',
    '-prop',
    `qpid.amqp_port=${s.port}`,
    '-prop',
    'sas.user=sas',
    '-prop',
    'sas.password=sas',
  ];
  const offset = fs.statSync(s.logFile, { throwIfNoEntry: false })?.size ?? 0;
  const out = fs.openSync(s.logFile, 'a');
  let child;
  try {
    child = spawn(...javaProcess.withParentDeathSignal(java, args), { stdio: ['ignore', out, out] });
  } finally {
    fs.closeSync(out);
  }
  const broker = javaProcess.track(child);
  javaProcess.killWithParent(broker);
  const ready = javaProcess.logWatcher(s.logFile, offset, READY_LINE);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (broker.status) throw new Error(`Qpid exited during start-up (${broker.status}):\n${javaProcess.logTail(s.logFile)}`);
    if (ready() && (await isPortOpen(s.port, '127.0.0.1'))) return broker;
    if (Date.now() > deadline) {
      await javaProcess.terminate(broker, 'SIGKILL');
      throw new Error(`Qpid was not ready after ${READY_TIMEOUT_MS / 1000} s:\n${javaProcess.logTail(s.logFile)}`);
    }
    await sleep(100);
  }
}

module.exports = { startQpid, ensureQpidJars, qpidVersion: manifest.qpid };
