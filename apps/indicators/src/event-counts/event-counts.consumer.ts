import { Controller } from '@nestjs/common';
import { Ctx, EventPattern } from '@nestjs/microservices';
import { EventCatalogue, EventEnvelope, Topics } from '@sas/contracts';
import { DurableEventContext, EventSubscriber, TransactionalBatchSubscription } from '@sas/messaging';
import { utcToParisLocal } from '@sas/referentials';
import { EntityManager } from 'typeorm';

export const EVENT_COUNTS_GROUP = 'indicators-event-counts';

const TOPICS: string[] = [Topics.slots, Topics.appointments, Topics.cases];

/** Every event of the catalogue on those topics (indicators' own are not among them). */
const COUNTED = EventCatalogue.filter((d) => TOPICS.includes(d.topic)).map((d) => d.name);

/**
 * Counts every catalogued event per type and day (Europe/Paris) of its occurrence.
 * The counts and the inbox rows commit together: a redelivered event counts once. The
 * events of a transaction are counted in memory and added in one statement before it
 * commits (a transaction that fails takes its counts with it).
 */
@Controller()
export class EventCountsConsumer implements EventSubscriber {
  private readonly pending = new WeakMap<EntityManager, Map<string, number>>();

  readonly subscription: TransactionalBatchSubscription = {
    mode: 'transactional-batch',
    group: EVENT_COUNTS_GROUP,
    topics: TOPICS,
    // Database writes only: a fetched batch commits once, not once per event.
    beforeCommit: async (tx) => {
      const counts = this.pending.get(tx);
      this.pending.delete(tx);
      if (counts) await addCounts(tx, counts);
    },
  };

  /** Only the envelope counts (type and time): the payload is not asked for. */
  @EventPattern(COUNTED)
  count(@Ctx() { envelope, tx }: DurableEventContext): void {
    let counts = this.pending.get(tx);
    if (!counts) this.pending.set(tx, (counts = new Map()));
    const key = countKey(envelope);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
}

/** Type and Paris day of an event's occurrence, as one key. */
function countKey(event: EventEnvelope): string {
  return `${event.type} ${utcToParisLocal(new Date(event.time)).date}`;
}

async function addCounts(tx: EntityManager, counts: Map<string, number>): Promise<void> {
  const [types, days, additions]: [string[], string[], number[]] = [[], [], []];
  for (const [key, added] of counts) {
    const at = key.lastIndexOf(' ');
    types.push(key.slice(0, at));
    days.push(key.slice(at + 1));
    additions.push(added);
  }
  await tx.query(
    `INSERT INTO indicators.event_count (event_type, day, count)
     SELECT * FROM unnest($1::text[], $2::date[], $3::bigint[])
     ON CONFLICT (event_type, day) DO UPDATE SET count = indicators.event_count.count + excluded.count`,
    [types, days, additions],
  );
}
