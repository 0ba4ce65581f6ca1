// npm run bench:scheduling — slots accepted per second through the batch API, end to
// end to Kafka, and booking latency under 50 concurrent clients, on real Kafka and
// PostgreSQL started for the run, scheduling in its own process as `npm start` runs it.
// Sizes: BENCH_SLOTS (default 100000), BENCH_BOOKINGS (5000), BENCH_CLIENTS (50); BENCH_RATE paces the bookings.
// Reports each phase's CPU split (service, clients, PostgreSQL, Kafka) and, when the local PostgreSQL
// runs pg_stat_statements (SAS_POSTGRES_SETTINGS), its statement times.
import { Kafka, logLevel } from 'kafkajs';
import { signDevelopmentToken } from '@sas/auth';
import {
  cpuMs,
  cpuMsByCommand,
  keepAlivePoster,
  machine,
  percentile,
  postJson,
  runBenchmark,
  startBenchService,
  startBenchStack,
} from './bench-stack';
import { statementTimes } from './pg-statements';
import { rpps } from '../test/support/scheduling-fixtures';

const SLOTS = Number(process.env.BENCH_SLOTS ?? 100_000);
const BATCH = 1000;
const PUBLISHERS = 4;
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 5000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
/** Bookings per second across all clients; unset = closed loop, each client books again at once. */
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;
const SLOTS_PER_PRACTITIONER = 500;

async function main() {
  const stack = await startBenchStack('scheduling');
  // The per-regulator booking limit would pace the closed loop: lifted to measure capacity.
  const { url, pid, stop } = await startBenchService('scheduling', { RATE_LIMIT_BOOKING_PER_MINUTE: '1000000' });
  try {
    const count = Math.ceil((SLOTS + BOOKINGS) / SLOTS_PER_PRACTITIONER);
    // One practice token for all the generated practitioners (a vendor-like group practice).
    const practice = await signDevelopmentToken({
      role: 'practice',
      practitionerRpps: Array.from({ length: count }, (_, i) => rpps(2_000_000_000 + i)),
      ttlSeconds: 6 * 3600,
    });
    const regulators = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) =>
        signDevelopmentToken({
          role: 'regulator',
          regulatorFunction: 'snp-operator',
          territories: ['92'],
          subject: `bench-${i}`,
          ttlSeconds: 6 * 3600,
        }),
      ),
    );
    const owners = await registerOwners(url, count, practice);
    const batches = slotBatches(owners, SLOTS + BOOKINGS);
    const [publishBatches, bookingBatches] = [batches.slice(0, SLOTS / BATCH), batches.slice(SLOTS / BATCH)];

    const baseline = await slotEventsOnKafka();
    const publishStatements = await statementTimes(process.env.DATABASE_URL!);
    const publishCpu = cpuSplit(pid);
    const started = performance.now();
    await inParallel(publishBatches, PUBLISHERS, async (slots) => {
      const res = await postJson(`${url}/slots/batch`, { slots }, practice);
      if (res.status !== 201) throw new Error(`batch refused: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    });
    const accepted = performance.now();
    await waitFor(async () => (await slotEventsOnKafka()) - baseline >= SLOTS);
    const onKafka = performance.now();
    const publishCpuMs = publishCpu.end();
    const publishingStatements = await publishStatements.top(6);

    const bookable: string[] = [];
    for (const slots of bookingBatches) bookable.push(...(await postJson(`${url}/slots/batch`, { slots }, practice)).body.ids);
    // Kept-alive node:http: the clients share the two cores with the service and PostgreSQL.
    const post = keepAlivePoster(CLIENTS);
    const latencies: number[] = [];
    let conflicts = 0;
    const statements = await statementTimes(process.env.DATABASE_URL!);
    const bookingCpu = cpuSplit(pid);
    const bookingStarted = performance.now();
    await inParallel(bookable.slice(0, BOOKINGS), CLIENTS, async (slotId, i) => {
      // Paced load: booking i is due at i / RATE seconds after the start.
      if (RATE) await new Promise((r) => setTimeout(r, Math.max(0, bookingStarted + (i * 1000) / RATE - performance.now())));
      const t = performance.now();
      const res = await post(`${url}/appointments`, { slotId }, regulators[i % CLIENTS]);
      latencies.push(performance.now() - t);
      if (res.status === 409) conflicts++;
      else if (res.status !== 201) throw new Error(`booking failed: ${res.status}`);
    });
    const bookingSeconds = (performance.now() - bookingStarted) / 1000;
    const bookingCpuMs = bookingCpu.end();
    const bookingStatements = await statements.top(8);
    latencies.sort((a, b) => a - b);

    const report = {
      machine: machine(),
      slots: SLOTS,
      batchSize: BATCH,
      concurrentPublishers: PUBLISHERS,
      acceptedPerSecond: Math.round(SLOTS / ((accepted - started) / 1000)),
      endToEndKafkaPerSecond: Math.round(SLOTS / ((onKafka - started) / 1000)),
      secondsToKafka: +((onKafka - started) / 1000).toFixed(1),
      cpuMsPer1000SlotsToKafka: per(publishCpuMs, SLOTS / 1000),
      ...(publishingStatements ? { publishPhaseStatements: publishingStatements } : {}),
      bookings: BOOKINGS,
      bookingClients: CLIENTS,
      bookingLoad: RATE ? `paced at ${RATE}/s` : 'closed loop, no think time',
      bookingsPerSecond: Math.round(BOOKINGS / bookingSeconds),
      bookingConflicts: conflicts,
      bookingP50ms: +percentile(latencies, 50).toFixed(1),
      bookingP99ms: +percentile(latencies, 99).toFixed(1),
      bookingMaxMs: +latencies[latencies.length - 1].toFixed(1),
      cpuMsPerBooking: per(bookingCpuMs, BOOKINGS),
      ...(bookingStatements ? { bookingPhaseStatements: bookingStatements } : {}),
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } finally {
    await stop();
    await stack.stop();
  }
}

/**
 * CPU used from now until `end()` by the service, the benchmark's own clients,
 * PostgreSQL and the Kafka broker (ms each): where a phase's work goes on the two cores.
 */
function cpuSplit(servicePid: number) {
  const service = cpuMs(servicePid);
  const clients = process.cpuUsage();
  const others = cpuMsByCommand(['postgres', 'java']);
  return {
    end() {
      const { user, system } = process.cpuUsage(clients);
      const now = cpuMsByCommand(['postgres', 'java']);
      return {
        service: cpuMs(servicePid) - service,
        clients: (user + system) / 1000,
        postgres: now.postgres - others.postgres,
        kafka: now.java - others.java,
      };
    },
  };
}

function per(cpu: Record<string, number>, count: number): Record<string, number> {
  return Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, +(v / count).toFixed(3)]));
}

async function registerOwners(url: string, count: number, practice: string) {
  const owners: { practitionerId: string; placeId: string }[] = [];
  await inParallel(
    Array.from({ length: count }, (_, i) => i),
    8,
    async (i) => {
      const practitioner = await postJson(
        `${url}/practitioners`,
        { rpps: rpps(2_000_000_000 + i), profession: 'general-practitioner', specialties: ['SM54'] },
        practice,
      );
      const place = await postJson(`${url}/places`, { practitionerId: practitioner.body.id, communeCode: '92044' }, practice);
      owners[i] = { practitionerId: practitioner.body.id, placeId: place.body.id };
    },
  );
  return owners;
}

/** Back-to-back 15-minute slots from tomorrow, SLOTS_PER_PRACTITIONER per practitioner, in batches. */
function slotBatches(owners: { practitionerId: string; placeId: string }[], total: number) {
  const origin = Math.ceil(Date.now() / 3600_000) * 3600_000 + 86400_000;
  const slots = Array.from({ length: total }, (_, n) => {
    const owner = owners[Math.floor(n / SLOTS_PER_PRACTITIONER)];
    const start = origin + (n % SLOTS_PER_PRACTITIONER) * 15 * 60_000;
    return {
      ...owner,
      start: new Date(start).toISOString(),
      end: new Date(start + 15 * 60_000).toISOString(),
      visibility: ['SNP'],
      modes: ['AMB', 'VR'],
    };
  });
  return Array.from({ length: Math.ceil(total / BATCH) }, (_, b) => slots.slice(b * BATCH, (b + 1) * BATCH));
}

async function slotEventsOnKafka(): Promise<number> {
  const kafka = new Kafka({ clientId: 'bench', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = await admin.listTopics();
    if (!topics.includes('sas.scheduling.slot.v1')) return 0;
    const offsets = await admin.fetchTopicOffsets('sas.scheduling.slot.v1');
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

async function inParallel<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}

async function waitFor(done: () => Promise<boolean>, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  // A topic just created may not have its leader yet: asking again is the answer.
  while (!(await done().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the events on Kafka');
    await new Promise((r) => setTimeout(r, 200));
  }
}

runBenchmark(main);
