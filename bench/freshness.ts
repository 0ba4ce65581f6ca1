// Freshness for bench:matching: scheduling books slots the index holds; how long from the
// booking's answer until search stops offering them, and where that time goes.
import { signDevelopmentToken } from '@sas/auth';
import { Topics } from '@sas/contracts';
import { Kafka } from 'kafkajs';
import { percentile, postJson } from './bench-stack';

const QUARTER_HOUR = 15 * 60_000;

const ms = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: +percentile(sorted, 50).toFixed(1),
    p99: +percentile(sorted, 99).toFixed(1),
    max: +sorted[sorted.length - 1].toFixed(1),
  };
};

/** Garbage-collection pauses and the event loop's worst delay, from a service's own metrics. */
export async function pauses(url: string, admin: string) {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${admin}` } })).text();
  const value = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);
  const gc: Record<string, { count: number; seconds: number; over10ms: number; over100ms: number }> = {};
  for (const kind of ['major', 'minor', 'incremental', 'weakcb']) {
    const count = value(new RegExp(`^sas_process_nodejs_gc_duration_seconds_count\\{kind="${kind}"\\} (\\S+)`, 'gm'));
    const bucket = (le: string) =>
      value(new RegExp(`^sas_process_nodejs_gc_duration_seconds_bucket\\{le="${le}",kind="${kind}"\\} (\\S+)`, 'gm'));
    gc[kind] = {
      count,
      seconds: value(new RegExp(`^sas_process_nodejs_gc_duration_seconds_sum\\{kind="${kind}"\\} (\\S+)`, 'gm')),
      over10ms: count - bucket('0.01'),
      over100ms: count - bucket('0.1'),
    };
  }
  // The event loop's delay histogram starts again at every scrape: this is the worst since the last one.
  return { gc, eventLoopDelayMaxMs: +(value(/^sas_process_nodejs_eventloop_lag_max_seconds (\S+)/gm) * 1000).toFixed(1) };
}

/** What happened between two readings of `pauses`. */
function pausesBetween(before: Awaited<ReturnType<typeof pauses>>, after: Awaited<ReturnType<typeof pauses>>) {
  const gc: Record<string, string> = {};
  for (const [kind, a] of Object.entries(after.gc)) {
    const b = before.gc[kind];
    if (a.count === b.count) continue;
    gc[kind] =
      `${a.count - b.count} pauses, ${Math.round((a.seconds - b.seconds) * 1000)} ms in all, ${a.over10ms - b.over10ms} over 10 ms, ${a.over100ms - b.over100ms} over 100 ms`;
  }
  return { gc, eventLoopDelayMaxMs: after.eventLoopDelayMaxMs };
}

/**
 * Books `samples` slots one after the other (a short random pause between them) and
 * polls search every ~2 ms until each is gone. Each slot has its own quarter-hour, so a
 * poll asks for that quarter-hour only and answers few results. A consumer of the slot
 * topic notes when each slot's withdrawal reached Kafka, splitting the delay into
 * scheduling's part (transaction, outbox, relay) and matching's (consumer, index).
 */
export async function measureFreshness(options: {
  schedulingUrl: string;
  matchingUrl: string;
  regulator: string;
  admin: string;
  kafka: Kafka;
  samples: number;
  random: () => number;
}) {
  const { schedulingUrl, matchingUrl, regulator, admin, kafka, samples, random } = options;
  const practice = await signDevelopmentToken({ role: 'practice', practitionerRpps: ['10000000009'], ttlSeconds: 3600 });
  const place = { latitude: 48.8939, longitude: 2.2879 };
  const practitioner = await postJson(
    `${schedulingUrl}/practitioners`,
    { rpps: '10000000009', profession: 'general-practitioner', specialties: ['SM54'] },
    practice,
  );
  const placeRes = await postJson(
    `${schedulingUrl}/places`,
    { practitionerId: practitioner.body.id, communeCode: '92044', ...place },
    practice,
  );
  const first = Math.ceil(Date.now() / 3600_000) * 3600_000 + 3600_000;
  const startOf = (i: number) => first + i * QUARTER_HOUR;
  const slots = Array.from({ length: samples }, (_, i) => ({
    practitionerId: practitioner.body.id,
    placeId: placeRes.body.id,
    start: new Date(startOf(i)).toISOString(),
    end: new Date(startOf(i + 1)).toISOString(),
    visibility: ['SNP'],
    modes: ['AMB'],
  }));
  const batch = await postJson(`${schedulingUrl}/slots/batch`, { slots }, practice);
  if (batch.status !== 201) throw new Error(`the freshness slots were refused (${batch.status})`);
  const ids = batch.body.ids as string[];

  const inKafka = new Map<string, number>();
  const wanted = new Set(ids);
  const consumer = kafka.consumer({ groupId: `bench-freshness-${Date.now()}`, maxWaitTimeInMs: 100 });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topic: Topics.slots, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const arrived = performance.now();
      if (!String(message.headers?.ce_type ?? '').includes('slot-withdrawn')) return;
      const slotId = (JSON.parse(String(message.value)) as { slotId?: string }).slotId;
      if (slotId && wanted.has(slotId) && !inKafka.has(slotId)) inKafka.set(slotId, arrived);
    },
  });
  try {
    await joined;
    const offered = async (i: number) => {
      const window = `from=${new Date(startOf(i)).toISOString()}&to=${new Date(startOf(i) + 60_000).toISOString()}`;
      const res = await fetch(
        `${matchingUrl}/search?lat=${place.latitude}&lon=${place.longitude}&radiusKm=1&limit=100&${window}`,
        { headers: { authorization: `Bearer ${regulator}` } },
      );
      return ((await res.json()) as { results: { slotId: string }[] }).results.some((r) => r.slotId === ids[i]);
    };
    const deadline = Date.now() + 120_000;
    for (let i = 0; i < ids.length; i++) {
      while (!(await offered(i))) {
        if (Date.now() > deadline) throw new Error('the freshness slots never all reached search');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const before = await Promise.all([pauses(matchingUrl, admin), pauses(schedulingUrl, admin)]);
    const total: number[] = [];
    const answered: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      await new Promise((r) => setTimeout(r, random() * 50));
      const res = await postJson(`${schedulingUrl}/appointments`, { slotId: ids[i] }, regulator);
      if (res.status !== 201) throw new Error(`booking answered ${res.status}`);
      answered[i] = performance.now();
      while (await offered(i)) await new Promise((r) => setTimeout(r, 2));
      total.push(performance.now() - answered[i]);
    }
    const after = await Promise.all([pauses(matchingUrl, admin), pauses(schedulingUrl, admin)]);
    // The consumer may note the last withdrawals a little after search stopped offering them.
    const waitUntil = Date.now() + 10_000;
    while (inKafka.size < ids.length && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 50));
    const toKafka = ids.filter((id) => inKafka.has(id)).map((id) => inKafka.get(id)! - answered[ids.indexOf(id)]);
    const worst = [...total.keys()].sort((a, b) => total[b] - total[a]).slice(0, 5);
    return {
      samples: total.length,
      ...ms(total),
      answeredToKafka: { seen: toKafka.length, ...ms(toKafka) },
      worst: worst.map(
        (i) =>
          `${total[i].toFixed(1)} ms, in Kafka after ${inKafka.has(ids[i]) ? (inKafka.get(ids[i])! - answered[i]).toFixed(1) : '?'}`,
      ),
      duringSamples: { matching: pausesBetween(before[0], after[0]), scheduling: pausesBetween(before[1], after[1]) },
      note: 'booking answered by scheduling → slot absent from matching search (polled every ~2 ms); answeredToKafka: → its slot-withdrawn seen by a consumer of the slot topic',
    };
  } finally {
    await consumer.disconnect();
  }
}
