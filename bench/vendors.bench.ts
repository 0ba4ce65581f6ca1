// npm run bench:vendors — one full poll cycle of 12,000 practitioners spread over 10
// vendor FHIR servers (run in this process, answering the guide's INT_R01 search), with
// scheduling and matching in their own processes on a private Kafka and PostgreSQL.
// Reports the cycle's requests, wall time, scheduling's CPU per 1,000 slots, slots per
// second into matching's index, and the search p99 while the cycle's slots go into the
// index against idle ones (before the cycle, empty index; after it, the same full index),
// with the 1-minute load average beside them (the machine may be shared).
// The cycle is the poller's own (BENCH_CYCLE=scheduled, the default: paced as in
// production, BENCH_POLL_INTERVAL_SECONDS 300) or every search at once (BENCH_CYCLE=burst,
// as an admin's POST /vendors/:id/poll runs it).
// Sizes: BENCH_PRACTITIONERS (12000), BENCH_VENDORS (10), BENCH_SLOTS_PER_PRACTITIONER (4). Searches:
// 4 clients back to back (default), or BENCH_SEARCH_RATE per second at a steady pace (open loop).
// BENCH_PULL_NICE: the pulling scheduling's nice value (0); BENCH_BACKGROUND_NICE: PostgreSQL's
// and Kafka's (0). BENCH_CORES: split (default: matching and the searches on the last CPU, the
// rest on the others, with taskset) or shared (every process on every CPU).
import { signDevelopmentToken } from '@sas/auth';
import os from 'node:os';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { startTestVendorServer, TestVendorServer } from '../test/vendors/test-vendor-server';
import { rpps } from '../test/support/scheduling-fixtures';
import {
  cpuMs,
  cpuMsByCommand,
  keepAliveClient,
  machine,
  percentile,
  runBenchmark,
  runQueueWaitMs,
  startBenchService,
  startBenchStack,
  pinToCpus,
  renice,
  mainThreadCpuMs,
} from './bench-stack';
import { statementTimes } from './pg-statements';

const PRACTITIONERS = Number(process.env.BENCH_PRACTITIONERS ?? 12_000);
const VENDORS = Number(process.env.BENCH_VENDORS ?? 10);
const PER_PRACTITIONER = Number(process.env.BENCH_SLOTS_PER_PRACTITIONER ?? 4);
const SEARCH_CLIENTS = 4;
// Searches per second sent at a steady pace whatever the answers' speed (open loop); 0 (the
// default): SEARCH_CLIENTS clients searching back to back, which keeps matching's core busy.
const SEARCH_RATE = Number(process.env.BENCH_SEARCH_RATE ?? 0);
// The pulling scheduling's nice value (0: as every other process).
const PULL_NICE = Number(process.env.BENCH_PULL_NICE ?? 0);
const BACKGROUND_NICE = Number(process.env.BENCH_BACKGROUND_NICE ?? 0);
// split (the default): matching and the searches on a core of their own, everything else (the
// pull: scheduling, PostgreSQL, Kafka, the simulated vendors) on the others, as a deployment
// gives the search service CPU of its own; shared: every process on every core.
const CORES = process.env.BENCH_CORES === 'shared' ? 'shared' : 'split';
const CPU_COUNT = os.cpus().length;
const SEARCH_CPUS = String(CPU_COUNT - 1);
const PULL_CPUS = CPU_COUNT > 2 ? `0-${CPU_COUNT - 2}` : '0';
const CYCLE = process.env.BENCH_CYCLE === 'burst' ? 'burst' : 'scheduled';
const POLL_INTERVAL_SECONDS = Number(process.env.BENCH_POLL_INTERVAL_SECONDS ?? 300);
const IDLE_SECONDS = 10;

async function main() {
  const stack = await startBenchStack('vendors');
  const vendorServers: TestVendorServer[] = [];
  // scheduled: the poller's own cycle, paced as in production; burst: every search at once (an admin's poll-now).
  const scheduled = CYCLE === 'scheduled';
  const scheduling = await startBenchService('scheduling', {
    VENDOR_PULL_ENABLED: String(scheduled),
    BENCH_CERT: 'unused',
    BENCH_KEY: 'unused',
  });
  // A deployment where the pulling scheduling shares cores with matching may lower its CPU
  // priority (nice) so that the regulators' searches go first: BENCH_PULL_NICE measures it.
  if (PULL_NICE) renice(scheduling.pid, PULL_NICE);
  const matching = await startBenchService('matching', { RATE_LIMIT_SEARCH_PER_MINUTE: '1000000' }, { probeLoopDelay: true });
  const split =
    CORES === 'split' &&
    CPU_COUNT >= 2 &&
    pinToCpus(matching.pid, SEARCH_CPUS) &&
    pinToCpus(scheduling.pid, PULL_CPUS) &&
    pinToCpus(['postgres', 'java'], PULL_CPUS) &&
    pinToCpus(process.pid, PULL_CPUS);
  if (CORES === 'split' && !split) process.stderr.write('could not give matching a core of its own (taskset): cores shared\n');
  try {
    const admin = await signDevelopmentToken({ role: 'admin', subject: 'bench-admin', ttlSeconds: 6 * 3600 });
    const regulator = await signDevelopmentToken({
      role: 'regulator',
      regulatorFunction: 'snp-operator',
      territories: ['92'],
      subject: 'bench-regulator',
      ttlSeconds: 6 * 3600,
    });
    const perVendor = Math.ceil(PRACTITIONERS / VENDORS);
    const registrations: { id: string; body: object }[] = [];
    for (let v = 0; v < VENDORS; v++) {
      const server = await startTestVendorServer(PER_PRACTITIONER);
      vendorServers.push(server);
      const covered = Array.from({ length: Math.min(perVendor, PRACTITIONERS - v * perVendor) }, (_, i) =>
        rpps(5_000_000_000 + v * perVendor + i),
      );
      registrations.push({
        id: `bench-vendor-${v}`,
        body: {
          name: `Bench vendor ${v}`,
          practitionerRpps: covered,
          structureIds: [],
          endpoint: {
            baseUrl: server.url,
            flows: ['INT_R01'],
            auth: { kind: 'mtls', certEnv: 'BENCH_CERT', keyEnv: 'BENCH_KEY' },
            pollIntervalSeconds: POLL_INTERVAL_SECONDS,
            timeoutMs: 10_000,
            concurrency: 4,
          },
        },
      });
    }
    const register = async () => {
      for (const { id, body } of registrations) {
        const res = await fetch(`${scheduling.url}/vendors/${id}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
          body: JSON.stringify(body),
        });
        if (res.status !== 200) throw new Error(`registration refused: ${res.status} ${await res.text()}`);
      }
    };
    // matching's /metrics, between phases (the searches have a client of their own: bench/search-load.js)
    const get = keepAliveClient(1);
    const searchUrl = `${matching.url}/search?commune=92044&limit=20`;
    const searchLoad = (until: () => boolean) => searches(searchUrl, regulator, until, split);
    // What matching's event loop went through in each phase: its delay histogram, the time
    // its main thread waited for a core (other processes), and the CPU it used itself.
    const phases: Record<string, object> = {};
    const phase = async (name: string, work: () => Promise<number[]>) => {
      await matching.loopDelay(`before ${name}`);
      const [wait, cpu, from] = [runQueueWaitMs(matching.pid), cpuMs(matching.pid), performance.now()];
      const latencies = await work();
      const seconds = (performance.now() - from) / 1000;
      phases[name] = {
        seconds: +seconds.toFixed(1),
        loopDelay: await matching.loopDelay(name),
        runQueueWaitMsPerSecond: Math.round((runQueueWaitMs(matching.pid) - wait) / seconds),
        cpuMsPerSecond: Math.round((cpuMs(matching.pid) - cpu) / seconds),
      };
      return latencies;
    };
    const forSeconds = (seconds: number) => {
      const from = performance.now();
      return () => performance.now() - from > seconds * 1000;
    };
    const indexed = async () =>
      Number(
        /^sas_matching_index_slots(?:\{[^}]*\})? (\d+)/m.exec(
          (await get(`${matching.url}/metrics`, admin)).body.toString(),
        )?.[1] ?? 0,
      );
    const load: Record<string, number> = { atStart: loadavg() };

    // Idle, empty: the search load with nothing going on and none of the vendors' slots indexed yet.
    const idleEmpty = await phase('idleEmptyIndex', () => searchLoad(forSeconds(IDLE_SECONDS)));
    if (!scheduled) await register();

    // Experimental: PostgreSQL and Kafka at a lower priority than the searches too.
    if (BACKGROUND_NICE) renice(['postgres', 'java'], BACKGROUND_NICE);
    load.beforeCycle = loadavg();
    // With SAS_POSTGRES_SETTINGS="shared_preload_libraries=pg_stat_statements": where PostgreSQL's time goes in the cycle.
    const statements = await statementTimes(process.env.DATABASE_URL!);
    const cpu = cpuNow(scheduling.pid, matching.pid);
    const started = performance.now();
    let cycleDone = false;
    const during = phase('duringCycle', () => searchLoad(() => cycleDone));
    let reports: CycleFigures[];
    if (scheduled) {
      // Registering starts each vendor's scheduled cycle at the poller's next tick.
      await register();
      reports = await cyclesEnded(scheduling.url, admin, VENDORS);
    } else reports = await pollAll(scheduling.url, admin, VENDORS);
    const cycleSeconds = (performance.now() - started) / 1000;
    const slots = reports.reduce((n, r) => n + r.slotsReceived, 0);
    const cpuAfter = cpuNow(scheduling.pid, matching.pid);
    while ((await indexed()) < slots && performance.now() - started < 600_000) await new Promise((r) => setTimeout(r, 200));
    const indexSeconds = (performance.now() - started) / 1000;
    cycleDone = true;
    const busy = await during;
    const cycleStatements = await statements.top(10);
    load.afterCycle = loadavg();
    const schedulingCpuMs = cpuAfter.scheduling - cpu.scheduling;
    // Idle, full: the same load over the index the cycle filled, nothing else going on.
    const idleFull = await phase('idleFullIndex', () => searchLoad(forSeconds(IDLE_SECONDS)));
    // The next cycle finds every practitioner, place and slot known: the steady state.
    const againStarted = performance.now();
    const againCpu = cpuMs(scheduling.pid);
    const again = await pollAll(scheduling.url, admin, VENDORS);
    const steady = {
      seconds: +((performance.now() - againStarted) / 1000).toFixed(1),
      schedulingCpuMs: cpuMs(scheduling.pid) - againCpu,
      slots: again.reduce((n, r) => n + r.slotsReceived, 0),
    };

    const report = {
      machine: machine(),
      loadAverage1m: load,
      cycle: CYCLE,
      cores: split ? `matching and the searches on CPU ${SEARCH_CPUS}, the rest on CPU ${PULL_CPUS}` : 'shared by every process',
      pullNice: PULL_NICE,
      searches: SEARCH_RATE ? `${SEARCH_RATE} per second, open loop` : `${SEARCH_CLIENTS} clients back to back`,
      practitioners: PRACTITIONERS,
      vendors: VENDORS,
      slotsPerPractitioner: PER_PRACTITIONER,
      requests: reports.reduce((n, r) => n + r.requests, 0),
      failedQueries: reports.reduce((n, r) => n + r.failedQueries, 0),
      slots,
      cycleWallSeconds: +cycleSeconds.toFixed(1),
      schedulingCpuMsPer1000Slots: Math.round(schedulingCpuMs / (slots / 1000)),
      cpuMsDuringCycle: {
        scheduling: schedulingCpuMs,
        matching: cpuAfter.matching - cpu.matching,
        postgres: cpuAfter.postgres - cpu.postgres,
        kafka: cpuAfter.java - cpu.java,
        // This process's main thread: the ten simulated vendors answering (the searches run in a process of their own).
        simulatedVendors: cpuAfter.vendors - cpu.vendors,
      },
      postgresStatementsDuringCycle: cycleStatements,
      secondsUntilAllInIndex: +indexSeconds.toFixed(1),
      slotsPerSecondIntoIndex: Math.round(slots / indexSeconds),
      steadyCycle: {
        wallSeconds: steady.seconds,
        slots: steady.slots,
        schedulingCpuMsPer1000Slots: Math.round(steady.schedulingCpuMs / (steady.slots / 1000)),
      },
      searchIdleEmptyIndex: summary(idleEmpty),
      searchDuringCycle: summary(busy),
      searchIdleFullIndex: summary(idleFull),
      matchingEventLoop: phases,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    // The fair baseline is the idle search over the same index the cycle fills; the empty one is shown too.
    const ratio = report.searchDuringCycle.p99Ms / report.searchIdleFullIndex.p99Ms;
    const ratioEmpty = report.searchDuringCycle.p99Ms / report.searchIdleEmptyIndex.p99Ms;
    process.stdout.write(
      `targets: cycle ≤ 60 s: ${cycleSeconds <= 60 ? 'met' : 'missed'}; search p99 within 20 % of idle (full index): ${ratio <= 1.2 ? 'met' : 'missed'} (×${ratio.toFixed(2)}; ×${ratioEmpty.toFixed(2)} against the idle empty index)\n`,
    );
  } finally {
    await Promise.all(vendorServers.map((s) => s.close()));
    await matching.stop();
    await scheduling.stop();
    await stack.stop();
  }
}

interface CycleFigures {
  requests: number;
  failedQueries: number;
  slotsReceived: number;
}

/** Waits until every vendor's first scheduled cycle has ended (GET /vendors/:id shows it) and returns their figures. */
async function cyclesEnded(url: string, admin: string, vendors: number): Promise<CycleFigures[]> {
  const figures = new Map<number, CycleFigures>();
  while (figures.size < vendors) {
    await new Promise((r) => setTimeout(r, 250));
    for (let v = 0; v < vendors; v++) {
      if (figures.has(v)) continue;
      const res = await fetch(`${url}/vendors/bench-vendor-${v}`, { headers: { authorization: `Bearer ${admin}` } });
      const last = ((await res.json()) as { pull?: { lastCycle: CycleFigures | null } }).pull?.lastCycle;
      if (last) figures.set(v, last);
    }
  }
  return [...figures.values()];
}

function loadavg(): number {
  return +os.loadavg()[0].toFixed(2);
}

/** One poll of every vendor, all at once, as the poller's ticks would start them. */
async function pollAll(url: string, admin: string, vendors: number): Promise<CycleFigures[]> {
  return Promise.all(
    Array.from({ length: vendors }, async (_, v) => {
      const res = await fetch(`${url}/vendors/bench-vendor-${v}/poll`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
      });
      if (res.status !== 200) throw new Error(`poll failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as CycleFigures;
    }),
  );
}

/** One phase's searches, from a process of its own (bench/search-load.js) until `until()`; their latencies in ms. */
function searches(url: string, token: string, until: () => boolean, split: boolean): Promise<number[]> {
  const load = fork(join(__dirname, 'search-load.js'), [
    JSON.stringify({ url, token, clients: SEARCH_CLIENTS, rate: SEARCH_RATE }),
  ]);
  let watch: NodeJS.Timeout | undefined;
  return new Promise<number[]>((resolve, reject) => {
    load.on('message', (message: 'ready' | { latencies?: number[]; error?: string }) => {
      if (message === 'ready') {
        // On the searching side's core, beside matching (it inherited this process's).
        if (split) pinToCpus(load.pid!, SEARCH_CPUS);
        load.send('start');
        watch = setInterval(() => until() && load.send('stop'), 50);
      } else if (message.latencies) resolve(message.latencies);
      else reject(new Error(message.error));
    });
    load.once('error', reject);
    load.once('exit', (code) => code && reject(new Error(`the search load ended with ${code}`)));
  }).finally(() => clearInterval(watch));
}

function cpuNow(scheduling: number, matching: number) {
  const { postgres, java } = cpuMsByCommand(['postgres', 'java']);
  return {
    scheduling: cpuMs(scheduling),
    matching: cpuMs(matching),
    postgres,
    java,
    vendors: mainThreadCpuMs(process.pid),
  };
}

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { searches: sorted.length, p50Ms: +percentile(sorted, 50).toFixed(1), p99Ms: +percentile(sorted, 99).toFixed(1) };
}

runBenchmark(main);
