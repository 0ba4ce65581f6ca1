import { Injectable } from '@nestjs/common';
import { SlotPublished, SlotUpdated, SlotWithdrawn, Topics } from '@sas/contracts';
import { ConsumerRegistry, EventConsumer, handle, MemoryInbox } from '@sas/messaging';
import { randomUUID } from 'node:crypto';
import { SlotIndex } from './slot-index';

/**
 * Feeds the index from the slot topic (a booking withdraws the slot, a release
 * publishes it again with a newer revision). Every replica reads the
 * whole topics from the beginning under a group of its own: each holds the full index.
 */
@Injectable()
export class SlotEventsConsumer {
  readonly consumer: EventConsumer;

  constructor(registry: ConsumerRegistry, index: SlotIndex) {
    this.consumer = registry.register({
      groupId: `matching-replica-${randomUUID()}`,
      topics: [Topics.slots],
      inbox: new MemoryInbox(),
      fromBeginning: true,
      handlers: new Map([
        handle(SlotPublished, async (e) => index.upsert(e.data)),
        handle(SlotUpdated, async (e) => index.upsert(e.data)),
        handle(SlotWithdrawn, async (e) => index.withdraw(e.data.slotId, e.data.revision)),
      ]),
    });
  }
}
