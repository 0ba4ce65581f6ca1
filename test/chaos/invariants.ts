import { signDevelopmentToken } from '@sas/auth';
import { Topics } from '@sas/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ChaosStack } from './chaos-stack';
import { TrafficLog } from './traffic';

export interface Verdict {
  /** Accepted writes whose event never reached Kafka. */
  eventsLost: number;
  /** Effects users could see twice: a slot booked twice, an event whose effect was applied twice. */
  duplicatesVisible: number;
  /** Everything that does not hold yet, in words. */
  problems: string[];
}

/**
 * Checks what must hold once the fault is repaired: every accepted write is in PostgreSQL
 * and its event on Kafka exactly once in effect (one distinct event id), the outboxes are
 * empty, matching's index holds exactly scheduling's future free slots, indicators'
 * counts equal a recount from the topics, and no slot is booked twice.
 */
export async function checkInvariants(stack: ChaosStack, log: TrafficLog): Promise<Verdict> {
  const problems: string[] = [];
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  let eventsLost = 0;
  let duplicatesVisible = 0;
  try {
    const slotIds = [...log.acceptedSlots];
    const [{ n: storedSlots }] = (
      await db.query(`SELECT count(*)::int AS n FROM scheduling.slot WHERE id = ANY($1::uuid[])`, [slotIds])
    ).rows;
    if (storedSlots !== slotIds.length) problems.push(`${slotIds.length - storedSlots} accepted slots missing from PostgreSQL`);
    const appointmentIds = [...log.acceptedBookings.keys()];
    const [{ n: storedBookings }] = (
      await db.query(`SELECT count(*)::int AS n FROM scheduling.appointment WHERE id = ANY($1::uuid[])`, [appointmentIds])
    ).rows;
    if (storedBookings !== appointmentIds.length)
      problems.push(`${appointmentIds.length - storedBookings} accepted bookings missing from PostgreSQL`);
    const [{ n: twice }] = (
      await db.query(
        `SELECT count(*)::int AS n FROM (SELECT slot_id FROM scheduling.appointment WHERE status <> 'cancelled' GROUP BY slot_id HAVING count(*) > 1) d`,
      )
    ).rows;
    duplicatesVisible += twice;
    if (twice) problems.push(`${twice} slots booked twice`);
    for (const schema of ['scheduling', 'orientation', 'indicators']) {
      const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM ${schema}.outbox WHERE published_at IS NULL`)).rows;
      if (n) problems.push(`${n} events still waiting in ${schema}'s outbox`);
    }

    const events = await readTopics(stack.kafkaBrokers, [Topics.slots, Topics.appointments]);
    const distinct = (type: string, key: string) => {
      const ids = new Map<string, Set<string>>();
      for (const e of events.filter((x) => x.type === type)) {
        const k = String(e.data[key]);
        if (!ids.has(k)) ids.set(k, new Set());
        ids.get(k)!.add(e.id);
      }
      return ids;
    };
    const published = distinct('fr.sas.slot-published.v1', 'slotId');
    const booked = distinct('fr.sas.appointment-booked.v1', 'appointmentId');
    const lostSlots = slotIds.filter((id) => !published.has(id)).length;
    const lostBookings = appointmentIds.filter((id) => !booked.has(id)).length;
    eventsLost = lostSlots + lostBookings;
    if (eventsLost) {
      problems.push(`${lostSlots} slot-published and ${lostBookings} appointment-booked events missing from Kafka`);
      // What the outbox says of them: still waiting, or relayed (acknowledged by the broker).
      const missing = [...slotIds.filter((id) => !published.has(id)), ...appointmentIds.filter((id) => !booked.has(id))].slice(
        0,
        5,
      );
      const rows = (
        await db.query(
          `SELECT payload::jsonb->>'slotId' AS slot, payload::jsonb->>'appointmentId' AS appointment, headers->>'ce_type' AS type, event_id, created_at, published_at
             FROM scheduling.outbox WHERE payload::jsonb->>'slotId' = ANY($1) OR payload::jsonb->>'appointmentId' = ANY($1)`,
          [missing],
        )
      ).rows;
      problems.push(`outbox rows of the first missing: ${JSON.stringify(rows)}`);
    }
    const doubled = [...published.values(), ...booked.values()].filter((ids) => ids.size > 1).length;
    duplicatesVisible += doubled;
    if (doubled) problems.push(`${doubled} writes published under two event ids`);

    const [{ n: free }] = (
      await db.query(`SELECT count(*)::int AS n FROM scheduling.slot WHERE status = 'free' AND start_at > now()`)
    ).rows;
    const admin = await signDevelopmentToken({ role: 'admin', subject: 'chaos-check' });
    const metrics = await fetch(`${stack.url('matching')}/metrics`, { headers: { authorization: `Bearer ${admin}` } })
      .then((r) => r.text())
      .catch(() => '');
    const indexed = Number(/^sas_matching_index_slots (\d+)$/m.exec(metrics)?.[1] ?? NaN);
    if (indexed !== free) problems.push(`matching's index holds ${indexed} slots, scheduling ${free} free ones`);

    const counts = await fetch(`${stack.url('indicators')}/indicators/event-counts`, {
      headers: { authorization: `Bearer ${admin}` },
    })
      .then((r) => r.json() as Promise<{ eventType: string; count: number }[]>)
      .catch(() => []);
    for (const type of ['fr.sas.slot-published.v1', 'fr.sas.appointment-booked.v1']) {
      const counted = counts.filter((c) => c.eventType === type).reduce((sum, c) => sum + c.count, 0);
      const onTopics = new Set(events.filter((e) => e.type === type).map((e) => e.id)).size;
      if (counted !== onTopics) problems.push(`indicators count ${counted} ${type}, the topics hold ${onTopics}`);
    }
  } finally {
    await db.end();
  }
  return { eventsLost, duplicatesVisible, problems };
}

interface SeenEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/** Every message on the topics, read to their current end by a throw-away consumer. */
async function readTopics(brokers: string, topics: string[]): Promise<SeenEvent[]> {
  const kafka = new Kafka({ clientId: 'chaos-check', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<string, number>();
  for (const topic of topics)
    for (const p of await admin.fetchTopicOffsets(topic))
      if (Number(p.high) > Number(p.low)) remaining.set(`${topic}:${p.partition}`, Number(p.high));
  await admin.disconnect();
  const seen: SeenEvent[] = [];
  if (!remaining.size) return seen;
  const consumer = kafka.consumer({ groupId: `chaos-check-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('topics not read within 300 s')), 300_000);
    void consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const header = (name: string) => message.headers?.[name]?.toString() ?? '';
        try {
          seen.push({ id: header('ce_id'), type: header('ce_type'), data: JSON.parse(message.value!.toString()) });
        } catch {
          // A poison message: not an event of anyone's.
        }
        const key = `${topic}:${partition}`;
        if (remaining.has(key) && Number(message.offset) + 1 >= remaining.get(key)!) remaining.delete(key);
        if (!remaining.size) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return seen;
}
