import { Injectable } from '@nestjs/common';
import { EventCatalogue, EventEnvelope, Topics } from '@sas/contracts';
import { ConsumerRegistry, EventConsumer, EventHandler } from '@sas/messaging';
import { utcToParisLocal } from '@sas/referentials';
import { EntityManager } from 'typeorm';

/**
 * Counts every catalogued event per type and day (Europe/Paris) of its occurrence.
 * The counts and the inbox rows commit together: a redelivered event counts once. The
 * events of a transaction are counted in memory and added in one statement before it
 * commits (a transaction that fails takes its counts with it).
 */
@Injectable()
export class EventCountsConsumer {
  readonly consumer: EventConsumer;

  constructor(registry: ConsumerRegistry) {
    const pending = new WeakMap<EntityManager, Map<string, number>>();
    const count: EventHandler = async (event, tx) => {
      let counts = pending.get(tx!);
      if (!counts) pending.set(tx!, (counts = new Map()));
      const key = countKey(event);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    };
    this.consumer = registry.register({
      groupId: 'indicators-event-counts',
      topics: [Topics.slots, Topics.appointments, Topics.cases],
      // Database writes only: a fetched batch commits once, not once per event.
      transactionalBatches: true,
      handlers: new Map(EventCatalogue.filter((d) => d.producer !== 'indicators').map((d) => [d.name, count])),
      beforeCommit: async (tx) => {
        const counts = pending.get(tx);
        pending.delete(tx);
        if (counts) await addCounts(tx, counts);
      },
    });
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
