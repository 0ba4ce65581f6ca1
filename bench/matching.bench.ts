// npm run bench:matching — the matching service as regulators use it: slot events on a
// real Kafka broker, matching as its own process. Measures ingestion into the index, the
// rebuild at start (replaying the topics from the beginning, and from a snapshot),
// resident memory per million slots, search latency through HTTP (1 client, 50
// concurrent clients, paced at 500 searches/s; one replica, then two) next to the same
// search as one SQL query on PostgreSQL with indexes, and freshness (booking answered →
// slot gone from search) with scheduling running too.
// Sizes: BENCH_SLOTS (default 2,000,000), BENCH_SEARCHES (default 2,000), BENCH_FRESHNESS_SAMPLES (default 500).
import { signDevelopmentToken } from '@sas/auth';
import { buildEnvelope, SlotPublished, toKafkaRecord, Topics } from '@sas/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { scrapeTotals, seededRandom } from '@sas/simulation';
import { benchPopulation } from './bench-population';
import { measureFreshness } from './freshness';
import { cpuMs, keepAliveClient, machine, percentile, runBenchmark, startBenchService, startBenchStack } from './bench-stack';

const SLOTS = Number(process.env.BENCH_SLOTS ?? 2_000_000);
const PRACTITIONERS = Math.max(12_000, Math.round(SLOTS / 160));
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 2_000);
const CONCURRENT = 50;
const PACED_RATE = 500;
const FRESHNESS_SAMPLES = Number(process.env.BENCH_FRESHNESS_SAMPLES ?? 500);

const random = seededRandom(20261123);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { spawnService, waitReady, stopService } = require('../infra/lib/services');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../infra/lib/ports');

/** Resident set size of a process, in MB (Linux). */
function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

async function indexSize(url: string, admin: string): Promise<number> {
  return (await scrapeTotals(url, admin)).get('sas_matching_index_slots') ?? 0;
}

/** Where the resident memory is, as the service's own Node.js metrics say: the heap (used, and reserved), and memory outside it (typed arrays' buffers). */
async function heapMb(url: string, admin: string) {
  const totals = await scrapeTotals(url, admin);
  const mb = (name: string) => Math.round((totals.get(`sas_process_nodejs_${name}`) ?? NaN) / 2 ** 20);
  return {
    heapUsedMb: mb('heap_size_used_bytes'),
    heapTotalMb: mb('heap_size_total_bytes'),
    externalMb: mb('external_memory_bytes'),
  };
}

/** What /health/ready says of the index (slots, and the snapshot it started from). */
async function readiness(url: string): Promise<{ restoredSnapshot?: Record<string, unknown> }> {
  return (
    (await (await fetch(`${url}/health/ready`)).json()) as { details: { index: { restoredSnapshot?: Record<string, unknown> } } }
  ).details.index;
}

const ms = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: +percentile(sorted, 50).toFixed(2),
    p99: +percentile(sorted, 99).toFixed(2),
    max: +sorted[sorted.length - 1].toFixed(2),
  };
};

/** Runs `task` from `clients` closed-loop clients until `total` are done; latencies in ms. */
async function closedLoop(total: number, clients: number, task: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await task(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { ...ms(latencies), perSecond: Math.round(total / ((performance.now() - started) / 1000)) };
}

/** Starts a service already built in dist/ (startBenchService builds first). */
async function spawnBuilt(
  name: string,
  env: Record<string, string>,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const service = spawnService({ name, port: await freePort() }, { LOG_LEVEL: process.env.LOG_LEVEL ?? 'error', ...env });
  await waitReady(service);
  return { url: service.url, pid: service.child.pid, stop: () => stopService(service) };
}

async function main(): Promise<number> {
  const stack = await startBenchStack('matching');
  const admin = await signDevelopmentToken({ role: 'admin', subject: 'bench', ttlSeconds: 6 * 3600 });
  const regulator = await signDevelopmentToken({
    role: 'regulator',
    regulatorFunction: 'snp-operator',
    territories: ['92'],
    subject: 'bench-regulator',
    ttlSeconds: 6 * 3600,
  });
  const snapshotDirectory = join(__dirname, '..', '.data', 'bench-matching', 'snapshots');
  const serviceEnv = {
    RATE_LIMIT_SEARCH_PER_MINUTE: '100000000',
    RATE_LIMIT_BOOKING_PER_MINUTE: '100000000',
    MATCHING_SNAPSHOT_DIR: snapshotDirectory,
  };
  const kafka = new Kafka({
    clientId: 'bench-matching',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const db = new Pool({ connectionString: process.env.DATABASE_URL, max: CONCURRENT });
  const results: Record<string, unknown> = { machine: machine(), slots: SLOTS, practitioners: PRACTITIONERS };
  // The services running now, stopped whatever happens (a failed run leaves no process behind).
  const running = new Set<{ stop(): Promise<void> }>();
  // `built`: dist/ is already built (by a previous start), so the time to ready is the service's alone.
  const start = async (name: string, built = false, env: Record<string, string> = {}) => {
    const service = built
      ? await spawnBuilt(name, { ...serviceEnv, ...env })
      : await startBenchService(name, { ...serviceEnv, ...env });
    running.add(service);
    return {
      ...service,
      stop: async () => {
        running.delete(service);
        await service.stop();
      },
    };
  };
  try {
    // An empty matching first: its resident size is the baseline of the memory figure.
    const admin_ = kafka.admin();
    await admin_.connect();
    await admin_.createTopics({
      topics: [Topics.slots, Topics.appointments].map((topic) => ({ topic, numPartitions: 6 })),
      waitForLeaders: true,
    });
    await admin_.disconnect();
    let matching = await start('matching');
    const emptyRss = rssMb(matching.pid);

    // The data set: slot-published events produced straight onto the slot topic (as the
    // outbox relays them), and the same slots in a PostgreSQL table for the SQL baseline.
    const population = benchPopulation(random);
    const now = Date.now();
    const practitioners = population.practitioners(PRACTITIONERS);
    await db.query(`CREATE SCHEMA IF NOT EXISTS bench; DROP TABLE IF EXISTS bench.slot;
      CREATE TABLE bench.slot (id uuid PRIMARY KEY, owner_id uuid NOT NULL, start_at timestamptz NOT NULL, end_at timestamptz NOT NULL,
        snp boolean NOT NULL, visibility text[] NOT NULL, modes text[] NOT NULL, specialties text[] NOT NULL, latitude float8 NOT NULL, longitude float8 NOT NULL)`);
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const CHUNK = 2_000; // a produce request stays under the broker's 1 MB per partition
    const loadStarted = performance.now();
    let producedAt = 0;
    for (let n = 0; n < SLOTS; n += CHUNK) {
      const states = Array.from({ length: Math.min(CHUNK, SLOTS - n) }, (_, i) =>
        population.slot(practitioners[(n + i) % PRACTITIONERS], now + 3600_000),
      );
      await producer.send({
        topic: Topics.slots,
        acks: -1,
        messages: states.map((s) => toKafkaRecord(buildEnvelope(SlotPublished, s, { source: '/bench/matching' }))),
      });
      producedAt = performance.now();
      const values: unknown[] = [];
      const rows = states.map((s, i) => {
        values.push(
          s.slotId,
          s.ownerId,
          s.start,
          s.end,
          s.visibility.includes('SNP'),
          s.visibility,
          s.modes,
          s.specialties,
          s.place.latitude,
          s.place.longitude,
        );
        return `(${Array.from({ length: 10 }, (_, k) => `$${i * 10 + k + 1}`).join(',')})`;
      });
      for (let i = 0; i < rows.length; i += 3000) {
        await db.query(
          `INSERT INTO bench.slot VALUES ${rows.slice(i, i + 3000).join(',')}`,
          values.slice(i * 10, (i + 3000) * 10),
        );
      }
    }
    await producer.disconnect();
    // Ingestion: the live matching reads the events as they arrive; time until all are in.
    while ((await indexSize(matching.url, admin)) < SLOTS) await new Promise((r) => setTimeout(r, 200));
    const liveSeconds = (performance.now() - loadStarted) / 1000;
    results.ingestion = {
      note: 'events produced and indexed by the live service, producer included',
      slotsPerSecond: Math.round(SLOTS / liveSeconds),
      producerDoneAfterSeconds: +((producedAt - loadStarted) / 1000).toFixed(1),
    };
    await db.query(
      `CREATE INDEX ON bench.slot USING gist (point(longitude, latitude)); CREATE INDEX ON bench.slot (start_at); ANALYZE bench.slot`,
    );

    // Rebuild: a fresh matching process replays the topics from the beginning (snapshots off)…
    await matching.stop();
    const replayStarted = performance.now();
    const replaying = await start('matching', true, { MATCHING_SNAPSHOT_DIR: '' });
    const replaySeconds = (performance.now() - replayStarted) / 1000;
    const replayRss = rssMb(replaying.pid);
    const replayIndexed = await indexSize(replaying.url, admin);
    await replaying.stop();
    // …and one starts from the snapshot the live replica wrote when it stopped, plus the events after it (none here).
    const snapshotBytes = statSync(join(snapshotDirectory, 'matching-index.snapshot')).size;
    const restoreStarted = performance.now();
    matching = await start('matching', true);
    const restoreSeconds = (performance.now() - restoreStarted) / 1000;
    const fullRss = rssMb(matching.pid);
    results.rebuild = {
      fromBeginning: { seconds: +replaySeconds.toFixed(1), indexed: replayIndexed, rssMb: Math.round(replayRss) },
      fromSnapshot: {
        seconds: +restoreSeconds.toFixed(1),
        indexed: await indexSize(matching.url, admin),
        snapshotMb: Math.round(snapshotBytes / 2 ** 20),
        ...(await readiness(matching.url)).restoredSnapshot,
      },
      note: 'process start to /health/ready (caught up with the topics), build excluded',
    };
    const perMillionSlots = (rss: number) => Math.round((rss - emptyRss) / (SLOTS / 1e6));
    const memory: Record<string, unknown> = {
      emptyRssMb: Math.round(emptyRss),
      loadedRssMb: Math.round(fullRss),
      rssPerMillionSlotsMb: perMillionSlots(fullRss),
      ...(await heapMb(matching.url, admin)),
    };
    results.memory = memory;

    // The same patients for HTTP and SQL. Searches go round the replicas listed.
    const patients = Array.from({ length: SEARCHES }, population.patient);
    const get = keepAliveClient();
    let replicas = [matching];
    const http = async (i: number) => {
      const p = patients[i % SEARCHES];
      const res = await get(
        `${replicas[i % replicas.length].url}/search?lat=${p.latitude}&lon=${p.longitude}&radiusKm=10&limit=20`,
        regulator,
      );
      if (res.status !== 200) throw new Error(`search answered ${res.status}`);
    };
    const sql = async (i: number) => {
      const p = patients[i % SEARCHES];
      const dLat = 10 / 111.2;
      const dLon = 10 / (111.2 * Math.cos((p.latitude * Math.PI) / 180));
      await db.query(
        `SELECT * FROM (
           SELECT id, owner_id, start_at, snp, modes,
                  6371 * 2 * asin(sqrt(sin(radians(latitude - $1) / 2) ^ 2 + cos(radians($1)) * cos(radians(latitude)) * sin(radians(longitude - $2) / 2) ^ 2)) AS km
             FROM bench.slot
            WHERE point(longitude, latitude) <@ box(point($2 - $3, $1 - $4), point($2 + $3, $1 + $4))
              AND start_at >= now() AND start_at < now() + interval '48 hours'
              AND specialties @> '{SM54}' AND visibility && '{SNP,PRO,PUBLIC}') s
          WHERE km <= 10 ORDER BY snp DESC, km, start_at LIMIT 20`,
        [p.latitude, p.longitude, dLon, dLat],
      );
    };
    for (let i = 0; i < 200; i++) await http(i); // warm-up
    // With each HTTP phase, the CPU time per search of the services and of the benchmark's clients (their shares of the 2 cores).
    const withCpu = async <T>(count: number, run: () => Promise<T>) => {
      const cpu = () => replicas.reduce((sum, r) => sum + cpuMs(r.pid), 0);
      const before = cpu();
      const client = process.cpuUsage();
      const measured = await run();
      const { user, system } = process.cpuUsage(client);
      return {
        ...measured,
        serviceCpuMsPerSearch: +((cpu() - before) / count).toFixed(2),
        clientCpuMsPerSearch: +((user + system) / 1000 / count).toFixed(2),
      };
    };
    // Paced: PACED_RATE searches a second for 10 s, whatever the answers' pace.
    const pacedSearches = async () => {
      const paced: number[] = [];
      let failed = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: PACED_RATE * 10 }, async (_, i) => {
          await new Promise((r) => setTimeout(r, Math.max(0, started + (i * 1000) / PACED_RATE - performance.now())));
          const t = performance.now();
          // On a loaded machine a few requests may fail to connect: counted, not fatal.
          if (
            await http(i).then(
              () => true,
              () => false,
            )
          )
            paced.push(performance.now() - t);
          else failed++;
        }),
      );
      return { ...ms(paced), failed };
    };
    results.searchHttp1 = await withCpu(SEARCHES, () => closedLoop(SEARCHES, 1, http));
    results.searchHttp50 = await withCpu(SEARCHES * 2, () => closedLoop(SEARCHES * 2, CONCURRENT, http));
    results.searchSql1 = await closedLoop(Math.min(SEARCHES, 500), 1, sql);
    results.searchSql50 = await closedLoop(Math.min(SEARCHES, 1000), CONCURRENT, sql);
    results.searchHttpPaced500 = await withCpu(PACED_RATE * 10, pacedSearches);
    // Two replicas on the two cores, each with the whole index (as the read model is
    // meant to scale): the same load, every other search to the second one.
    const second = await start('matching', true);
    replicas = [matching, second];
    for (let i = 0; i < 200; i++) await http(i); // warm-up
    results.twoReplicas = {
      searchHttp50: await withCpu(SEARCHES * 2, () => closedLoop(SEARCHES * 2, CONCURRENT, http)),
      searchHttpPaced500: await withCpu(PACED_RATE * 10, pacedSearches),
    };
    await second.stop();
    replicas = [matching];
    // Resident size again once the replay's garbage has had time to be collected and returned.
    const settledRss = rssMb(matching.pid);
    Object.assign(memory, {
      settledRssMb: Math.round(settledRss),
      settledRssPerMillionSlotsMb: perMillionSlots(settledRss),
      settledHeap: await heapMb(matching.url, admin),
    });

    // Freshness: scheduling books slots the index holds; how long until search stops offering them.
    const scheduling = await start('scheduling');
    try {
      results.freshness = await measureFreshness({
        schedulingUrl: scheduling.url,
        matchingUrl: matching.url,
        regulator,
        admin,
        kafka,
        samples: FRESHNESS_SAMPLES,
        random,
      });
    } finally {
      await scheduling.stop();
    }
    await matching.stop();
  } catch (error) {
    // What was measured before the failure is still printed.
    results.failed = (error as Error).stack;
  } finally {
    await Promise.allSettled([...running].map((s) => s.stop()));
    await db.end();
    await stack.stop();
  }
  process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  return results.failed ? 1 : 0;
}

runBenchmark(main);
