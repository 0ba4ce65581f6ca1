// npm run bench:vendors — one full poll cycle of 12,000 practitioners spread over 10
// vendor FHIR servers (run in this process, answering the guide's INT_R01 search), with
// scheduling and matching in their own processes on a private Kafka and PostgreSQL.
// Reports the cycle's requests, wall time, scheduling's CPU per 1,000 slots, slots per
// second into matching's index, and the search p99 during the cycle against an idle one.
// Sizes: BENCH_PRACTITIONERS (12000), BENCH_VENDORS (10), BENCH_SLOTS_PER_PRACTITIONER (4).
import { signDevelopmentToken } from '@sas/auth';
import { startTestVendorServer, TestVendorServer } from '../test/vendors/test-vendor-server';
import { rpps } from '../test/support/scheduling-fixtures';
import {
  cpuMs,
  cpuMsByCommand,
  keepAliveClient,
  machine,
  percentile,
  runBenchmark,
  startBenchService,
  startBenchStack,
} from './bench-stack';

const PRACTITIONERS = Number(process.env.BENCH_PRACTITIONERS ?? 12_000);
const VENDORS = Number(process.env.BENCH_VENDORS ?? 10);
const PER_PRACTITIONER = Number(process.env.BENCH_SLOTS_PER_PRACTITIONER ?? 4);
const SEARCH_CLIENTS = 4;

async function main() {
  const stack = await startBenchStack('vendors');
  const vendorServers: TestVendorServer[] = [];
  // Polls are started by this script only, so the cycle measured is one and complete.
  const scheduling = await startBenchService('scheduling', {
    VENDOR_PULL_ENABLED: 'false',
    BENCH_CERT: 'unused',
    BENCH_KEY: 'unused',
  });
  const matching = await startBenchService('matching', { RATE_LIMIT_SEARCH_PER_MINUTE: '1000000' });
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
    for (let v = 0; v < VENDORS; v++) {
      const server = await startTestVendorServer(PER_PRACTITIONER);
      vendorServers.push(server);
      const covered = Array.from({ length: Math.min(perVendor, PRACTITIONERS - v * perVendor) }, (_, i) =>
        rpps(5_000_000_000 + v * perVendor + i),
      );
      const res = await fetch(`${scheduling.url}/vendors/bench-vendor-${v}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({
          name: `Bench vendor ${v}`,
          practitionerRpps: covered,
          structureIds: [],
          endpoint: {
            baseUrl: server.url,
            flows: ['INT_R01'],
            auth: { kind: 'mtls', certEnv: 'BENCH_CERT', keyEnv: 'BENCH_KEY' },
            pollIntervalSeconds: 3600,
            timeoutMs: 10_000,
            concurrency: 4,
          },
        }),
      });
      if (res.status !== 200) throw new Error(`registration refused: ${res.status} ${await res.text()}`);
    }
    const get = keepAliveClient(SEARCH_CLIENTS);
    const searchUrl = `${matching.url}/search?commune=92044&limit=20`;
    const searchLoad = (until: () => boolean) => searches(get, searchUrl, regulator, until);
    const indexed = async () =>
      Number(
        /^sas_matching_index_slots(?:\{[^}]*\})? (\d+)/m.exec(
          (await get(`${matching.url}/metrics`, admin)).body.toString(),
        )?.[1] ?? 0,
      );

    // Idle baseline: the same search load with nothing else going on (index holds 0 slots of these vendors yet).
    const idleStarted = performance.now();
    const idle = await searchLoad(() => performance.now() - idleStarted > 10_000);

    const cpu = cpuNow(scheduling.pid, matching.pid);
    const started = performance.now();
    let cycleDone = false;
    const during = searchLoad(() => cycleDone);
    const reports = await pollAll(scheduling.url, admin, VENDORS);
    const cycleSeconds = (performance.now() - started) / 1000;
    cycleDone = true;
    const busy = await during;
    const slots = reports.reduce((n, r) => n + r.slotsReceived, 0);
    const cpuAfter = cpuNow(scheduling.pid, matching.pid);
    while ((await indexed()) < slots && performance.now() - started < 600_000) await new Promise((r) => setTimeout(r, 200));
    const indexSeconds = (performance.now() - started) / 1000;
    const schedulingCpuMs = cpuAfter.scheduling - cpu.scheduling;
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
      },
      secondsUntilAllInIndex: +indexSeconds.toFixed(1),
      slotsPerSecondIntoIndex: Math.round(slots / indexSeconds),
      steadyCycle: {
        wallSeconds: steady.seconds,
        slots: steady.slots,
        schedulingCpuMsPer1000Slots: Math.round(steady.schedulingCpuMs / (steady.slots / 1000)),
      },
      searchIdle: summary(idle),
      searchDuringCycle: summary(busy),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    const p99Ratio = report.searchDuringCycle.p99Ms / report.searchIdle.p99Ms;
    process.stdout.write(
      `targets: cycle ≤ 60 s: ${cycleSeconds <= 60 ? 'met' : 'missed'}; search p99 within 20 % of idle: ${p99Ratio <= 1.2 ? 'met' : 'missed'} (×${p99Ratio.toFixed(2)})\n`,
    );
  } finally {
    await Promise.all(vendorServers.map((s) => s.close()));
    await matching.stop();
    await scheduling.stop();
    await stack.stop();
  }
}

/** One poll of every vendor, all at once, as the poller's ticks would start them. */
async function pollAll(
  url: string,
  admin: string,
  vendors: number,
): Promise<{ requests: number; failedQueries: number; slotsReceived: number }[]> {
  return Promise.all(
    Array.from({ length: vendors }, async (_, v) => {
      const res = await fetch(`${url}/vendors/bench-vendor-${v}/poll`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
      });
      if (res.status !== 200) throw new Error(`poll failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as { requests: number; failedQueries: number; slotsReceived: number };
    }),
  );
}

/** Closed-loop searches from SEARCH_CLIENTS clients until `until()`; their latencies in ms. */
async function searches(
  get: ReturnType<typeof keepAliveClient>,
  url: string,
  token: string,
  until: () => boolean,
): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: SEARCH_CLIENTS }, async () => {
      while (!until()) {
        const t = performance.now();
        const res = await get(url, token);
        if (res.status !== 200) throw new Error(`search failed: ${res.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies;
}

function cpuNow(scheduling: number, matching: number) {
  const { postgres, java } = cpuMsByCommand(['postgres', 'java']);
  return { scheduling: cpuMs(scheduling), matching: cpuMs(matching), postgres, java };
}

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { searches: sorted.length, p50Ms: +percentile(sorted, 50).toFixed(1), p99Ms: +percentile(sorted, 99).toFixed(1) };
}

runBenchmark(main);
