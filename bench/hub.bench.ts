// npm run bench:hub — messages per second through the Hub Santé link: patient-oriented
// events on Kafka → the link's consumer and delivery ledger (PostgreSQL) → AMQP 0-9-1 to a
// local Qpid Broker-J → the hub double's dispatcher → the SAMUs' LRMs, which acknowledge each
// (RC-REF on our ack queue) → the ledger marks it acknowledged. Orientation runs in its own
// process as `npm start` runs it. Size: BENCH_MESSAGES (default 5000), spread over 8 SAMUs.
import { buildEnvelope, PatientOriented, PayloadOf, toKafkaRecord, Topics } from '@sas/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { readdirSync, readFileSync } from 'node:fs';
import { cpuMs, machine, runBenchmark, startBenchService, startBenchStack } from './bench-stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startQpid } = require('../infra/qpid/broker');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { HubSanteDouble } = require('../infra/qpid/hub-double');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../infra/lib/ports');

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5000);
const PTF = 'fr.health.test.ptfsas';
const TERRITORIES = ['75', '77', '78', '91', '92', '93', '94', '95'];
const samuOf = (t: string) => `fr.health.samu0${t}`;

async function main() {
  const stack = await startBenchStack('hub');
  const broker = await startQpid({ dataDir: join(__dirname, '..', '.data', 'bench-hub', 'qpid'), port: await freePort() });
  const hub = new HubSanteDouble({ url: broker.url, ptf: PTF, samus: TERRITORIES.map(samuOf) });
  await hub.start({ autoAck: true });
  const service = await startBenchService('orientation', {
    HUB_SANTE_URL: broker.url,
    HUB_SANTE_CLIENT_ID: PTF,
    HUB_SANTE_SAMU: TERRITORIES.map((t) => `${t}=${samuOf(t)}`).join(','),
    HUB_SANTE_DISPATCH_INTERVAL_MS: '50',
  });
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  const producer = new Kafka({ brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    const records = Array.from({ length: MESSAGES }, (_, i) =>
      toKafkaRecord(buildEnvelope(PatientOriented, oriented(TERRITORIES[i % TERRITORIES.length]), { source: 'bench' })),
    );
    const counts = async () => {
      const { rows } = await db.query(`SELECT state, count(*)::int AS n FROM orientation.hub_message GROUP BY state`);
      return Object.fromEntries(rows.map((r: { state: string; n: number }) => [r.state, r.n])) as Record<string, number>;
    };
    const cpuBefore = {
      service: cpuMs(service.pid),
      bench: process.cpuUsage(),
      ...(ownCpuMsByCommand(['postgres', 'java']) as { postgres: number; java: number }),
    };
    const started = performance.now();
    for (let i = 0; i < records.length; i += 500) {
      await producer.send({
        topic: Topics.cases,
        messages: records.slice(i, i + 500).map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
      });
    }
    const produced = performance.now();
    const marks: Record<string, number> = {};
    for (;;) {
      const c = await counts();
      const recorded = Object.values(c).reduce((a, b) => a + b, 0);
      const t = performance.now();
      if (recorded >= MESSAGES) marks.recorded ??= t;
      if ((c.sent ?? 0) + (c.acknowledged ?? 0) >= MESSAGES) marks.sent ??= t;
      if ((c.acknowledged ?? 0) >= MESSAGES) break;
      if (t - started > 600_000) throw new Error(`not all acknowledged after 10 minutes: ${JSON.stringify(c)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const done = performance.now();
    const cpuAfter = ownCpuMsByCommand(['postgres', 'java']);
    const benchCpu = process.cpuUsage(cpuBefore.bench);
    const received = [...(hub.received as Map<string, unknown[]>).values()].reduce((n, list) => n + list.length, 0);
    const seconds = (done - started) / 1000;
    const s = (t: number) => `${((t - started) / 1000).toFixed(2)} s`;
    process.stdout.write(
      [
        `Hub Santé link, ${MESSAGES} orientations over ${TERRITORIES.length} SAMUs (${machine()})`,
        `  produced to Kafka in ${s(produced)}; all in the ledger at ${s(marks.recorded)}; all sent at ${s(marks.sent)}; all acknowledged at ${s(done)}`,
        `  end to end: ${(MESSAGES / seconds).toFixed(0)} messages/s (Kafka → ledger → AMQP → LRM → ack → ledger)`,
        `  delivered to the LRMs: ${received} (${received - MESSAGES} sent again under the same id)`,
        `  CPU: orientation ${((cpuMs(service.pid) - cpuBefore.service) / 1000).toFixed(1)} s, PostgreSQL ${((cpuAfter.postgres - cpuBefore.postgres) / 1000).toFixed(1)} s, ` +
          `Java (Kafka + Qpid) ${((cpuAfter.java - cpuBefore.java) / 1000).toFixed(1)} s, bench + hub double ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} s, over ${seconds.toFixed(1)} s`,
        '',
      ].join('\n'),
    );

    // Phase 2, the link alone: a backlog recorded while the hub is down, then drained. Timed
    // from the ledger's own clock: first sending to last acknowledgement of the backlog.
    await hub.stop();
    await broker.stop();
    const [{ seq: before }] = (await db.query(`SELECT coalesce(max(seq), 0)::bigint AS seq FROM orientation.hub_message`)).rows;
    const backlog = Array.from({ length: MESSAGES }, (_, i) =>
      toKafkaRecord(buildEnvelope(PatientOriented, oriented(TERRITORIES[i % TERRITORIES.length]), { source: 'bench' })),
    );
    for (let i = 0; i < backlog.length; i += 500) {
      await producer.send({
        topic: Topics.cases,
        messages: backlog.slice(i, i + 500).map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
      });
    }
    const open = async () =>
      Number(
        (
          await db.query(
            `SELECT count(*) FILTER (WHERE state <> 'acknowledged') AS open, count(*) AS n FROM orientation.hub_message WHERE seq > $1`,
            [before],
          )
        ).rows[0].open,
      );
    while (
      Number((await db.query(`SELECT count(*) AS n FROM orientation.hub_message WHERE seq > $1`, [before])).rows[0].n) < MESSAGES
    )
      await new Promise((r) => setTimeout(r, 100));
    await broker.restart();
    const drainHub = new HubSanteDouble({ url: broker.url, ptf: PTF, samus: TERRITORIES.map(samuOf) });
    await drainHub.start({ autoAck: true });
    const drainCpu = {
      service: cpuMs(service.pid),
      ...(ownCpuMsByCommand(['postgres', 'java']) as { postgres: number; java: number }),
    };
    while ((await open()) > 0) await new Promise((r) => setTimeout(r, 100));
    const drainCpuAfter = ownCpuMsByCommand(['postgres', 'java']);
    const {
      rows: [drain],
    } = await db.query(
      `SELECT extract(epoch FROM max(settled_at) - min(sent_at))::float AS seconds, max(attempts) AS attempts FROM orientation.hub_message WHERE seq > $1`,
      [before],
    );
    const drained = [...(drainHub.received as Map<string, unknown[]>).values()].reduce((n, list) => n + list.length, 0);
    process.stdout.write(
      [
        `  backlog of ${MESSAGES} recorded while the hub was down, drained in ${drain.seconds.toFixed(2)} s (first sending → last acknowledgement): ${(MESSAGES / drain.seconds).toFixed(0)} messages/s`,
        `  delivered to the LRMs: ${drained} (${drained - MESSAGES} sent again); CPU while draining: orientation ${((cpuMs(service.pid) - drainCpu.service) / 1000).toFixed(1)} s, PostgreSQL ${((drainCpuAfter.postgres - drainCpu.postgres) / 1000).toFixed(1)} s, Java ${((drainCpuAfter.java - drainCpu.java) / 1000).toFixed(1)} s`,
        '',
      ].join('\n'),
    );
    await drainHub.stop();
  } finally {
    await producer.disconnect();
    await db.end();
    await service.stop();
    await hub.stop();
    await broker.stop();
    await stack.stop();
  }
}

/**
 * CPU (ms) of this run's own PostgreSQL and Java processes (descendants of this process),
 * by command: on a machine shared with other runs, a command's total over all processes
 * would count theirs too.
 */
function ownCpuMsByCommand(commands: string[]): Record<string, number> {
  const stats = new Map<number, { ppid: number; command: string; cpu: number }>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(pid), {
        ppid: Number(fields[1]),
        command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
        cpu: (Number(fields[11]) + Number(fields[12])) * 10,
      });
    } catch {
      // the process ended meanwhile
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = pid, depth = 0; p > 1 && depth < 20; p = stats.get(p)?.ppid ?? 0, depth++) if (p === process.pid) return true;
    return false;
  };
  const totals = Object.fromEntries(commands.map((c) => [c, 0]));
  for (const [pid, { command, cpu }] of stats) if (command in totals && ours(pid)) totals[command] += cpu;
  return totals;
}

function oriented(territory: string): PayloadOf<typeof PatientOriented> {
  const start = new Date(Date.now() + 4 * 3600_000);
  return {
    caseId: randomUUID(),
    territory,
    communeCode: territory === '75' ? '75056' : `${territory}001`,
    ageBand: '26-45',
    reasonCategory: 'fever',
    outcome: 'snp-consultation',
    reorientation: false,
    callReceivedAt: new Date(Date.now() - 600_000).toISOString(),
    orientedAt: new Date().toISOString(),
    appointment: { appointmentId: randomUUID(), slotId: randomUUID(), start: start.toISOString() },
    practitionerRpps: '10000000009',
  };
}

runBenchmark(main);
