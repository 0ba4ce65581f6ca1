import { Injectable } from '@nestjs/common';
import { EventCatalogue, EventEnvelope, Topics } from '@sas/contracts';
import { ConsumerRegistry, EventConsumer, EventHandler } from '@sas/messaging';
import { EntityManager } from 'typeorm';

/**
 * Counts every catalogued event per type and day (Europe/Paris) of its occurrence.
 * The count and the inbox row commit together: a redelivered event counts once.
 */
@Injectable()
export class EventCountsConsumer {
  readonly consumer: EventConsumer;

  constructor(registry: ConsumerRegistry) {
    const count: EventHandler = (event, tx) => countEvent(event, tx!);
    this.consumer = registry.register({
      groupId: 'indicators-event-counts',
      topics: [Topics.slots, Topics.appointments, Topics.cases],
      // Database writes only: a fetched batch commits once, not once per event.
      transactionalBatches: true,
      handlers: new Map(EventCatalogue.filter((d) => d.producer !== 'indicators').map((d) => [d.name, count])),
    });
  }
}

async function countEvent(event: EventEnvelope, tx: EntityManager): Promise<void> {
  await tx.query(
    `INSERT INTO indicators.event_count (event_type, day, count)
     VALUES ($1, (($2::timestamptz) AT TIME ZONE 'Europe/Paris')::date, 1)
     ON CONFLICT (event_type, day) DO UPDATE SET count = indicators.event_count.count + 1`,
    [event.type, event.time],
  );
}
