import { BeforeApplicationShutdown, Injectable, OnModuleInit } from '@nestjs/common';
import { AppointmentBooked, AppointmentCancelled, AppointmentMoved, SlotPublished, SlotUpdated, SlotWithdrawn, Topics } from '@sas/contracts';
import { ConsumerRegistry, EventConsumer, handle, MemoryInbox } from '@sas/messaging';
import { randomUUID } from 'node:crypto';
import { WeeklyLoad } from '../ranking/weekly-load';
import { IndexSnapshots } from '../snapshot/index-snapshots';
import { IngestYield } from './ingest-yield';
import { SlotIndex } from './slot-index';

/**
 * Feeds the index from the slot topic (a booking withdraws the slot, a release
 * publishes it again with a newer revision) and the weekly load of each practitioner
 * from the appointment topic. Every replica reads the whole topics under a group of its
 * own: each holds the full read model. It starts from the latest snapshot when there is
 * one (IndexSnapshots), from the beginning otherwise, reads in batches and commits no
 * offset (replay): nothing would ever resume from them.
 */
@Injectable()
export class SlotEventsConsumer implements OnModuleInit, BeforeApplicationShutdown {
  readonly consumer: EventConsumer;
  private readonly inbox = new MemoryInbox();
  /** Applying events gives the loop back to searches every few ms (see IngestYield). */
  private readonly ingest = new IngestYield();

  constructor(
    registry: ConsumerRegistry,
    index: SlotIndex,
    load: WeeklyLoad,
    private readonly snapshots: IndexSnapshots,
  ) {
    this.consumer = registry.register({
      groupId: `matching-replica-${randomUUID()}`,
      topics: [Topics.slots, Topics.appointments],
      inbox: this.inbox,
      fromBeginning: true,
      replay: true,
      afterBatch: () => snapshots.afterBatch(this.consumer, this.inbox),
      // A slot state carries its revision and the index ignores older ones: only the
      // appointment events, which the weekly load counts, need their ids remembered.
      idempotentEvents: new Set([SlotPublished.name, SlotUpdated.name, SlotWithdrawn.name]),
      handlers: new Map([
        handle(SlotPublished, async (e) => {
          index.upsert(e.data);
          await this.ingest.afterEvent();
        }),
        handle(SlotUpdated, async (e) => {
          index.upsert(e.data);
          await this.ingest.afterEvent();
        }),
        handle(SlotWithdrawn, async (e) => {
          index.withdraw(e.data.slotId, e.data.revision);
          await this.ingest.afterEvent();
        }),
        handle(AppointmentBooked, async (e) => load.booked(e.data.appointmentId, e.data.ownerId, new Date(e.data.start))),
        handle(AppointmentCancelled, async (e) => load.cancelled(e.data.appointmentId)),
        handle(AppointmentMoved, async (e) => load.moved(e.data.appointmentId, e.data.ownerId, new Date(e.data.start))),
      ]),
    });
  }

  /** Before the messaging module starts the consumer: the snapshot decides where it starts. */
  async onModuleInit(): Promise<void> {
    await this.snapshots.restore(this.consumer, this.inbox);
  }

  /** Stops consuming first, so the last snapshot holds everything this replica read. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.snapshots.directory) return;
    await this.consumer.stop();
    await this.snapshots.takeStopped(this.consumer, this.inbox);
  }
}
