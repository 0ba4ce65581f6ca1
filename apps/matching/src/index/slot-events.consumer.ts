import { BeforeApplicationShutdown, Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  AppointmentBooked,
  AppointmentCancelled,
  AppointmentMoved,
  PayloadOf,
  PlaceRetired,
  PlaceUpdated,
  PractitionerRetired,
  SlotPublished,
  SlotUpdated,
  SlotWithdrawn,
  Topics,
} from '@sas/contracts';
import { EventSubscriber, ReplaySubscription } from '@sas/messaging';
import { WeeklyLoad } from '../ranking/weekly-load';
import { IndexSnapshots } from '../snapshot/index-snapshots';
import { IndexFeed } from './index-feed';
import { IngestYield } from './ingest-yield';
import { SlotIndex } from './slot-index';

/** The topics the index is built from: slots, appointments (weekly load), the directory. */
export const INDEX_TOPICS = [Topics.slots, Topics.appointments, Topics.directory];

/**
 * Feeds the index from the slot topic (a booking withdraws the slot, a release
 * publishes it again with a newer revision) and the weekly load of each practitioner
 * from the appointment topic; places changed and records retired from the directory
 * topic. Every replica reads the whole topics under a group of its
 * own: each holds the full read model. It starts from the latest snapshot when there is
 * one (IndexSnapshots), from the beginning otherwise, reads in batches and commits no
 * offset (replay): nothing would ever resume from them. The handlers answer at once
 * (no promise) but every few ms, when the slot handlers give the loop back to searches.
 */
@Controller()
export class SlotEventsConsumer implements EventSubscriber, BeforeApplicationShutdown {
  readonly subscription: ReplaySubscription;
  /** Applying slot events gives the loop back to searches every few ms (see IngestYield). */
  private readonly ingest = new IngestYield();

  constructor(
    private readonly index: SlotIndex,
    private readonly load: WeeklyLoad,
    private readonly snapshots: IndexSnapshots,
    private readonly feed: IndexFeed,
  ) {
    this.subscription = {
      mode: 'replay',
      group: feed.group,
      topics: INDEX_TOPICS,
      inbox: feed.inbox,
      fromBeginning: true,
      // A slot or place state carries its revision and the index ignores older ones, and a
      // retirement is a mark: only the appointment events, which the weekly load counts,
      // need their ids remembered.
      idempotentEvents: new Set([
        SlotPublished.name,
        SlotUpdated.name,
        SlotWithdrawn.name,
        PlaceUpdated.name,
        PlaceRetired.name,
        PractitionerRetired.name,
      ]),
      // The snapshot decides where the replay starts.
      beforeStart: async (consumer) => {
        feed.attach(consumer);
        await snapshots.restore(consumer, feed.inbox);
      },
      afterBatch: (consumer) => snapshots.afterBatch(consumer, feed.inbox),
    };
  }

  @EventPattern(SlotPublished.name)
  slotPublished(@Payload() slot: PayloadOf<typeof SlotPublished>): Promise<void> | undefined {
    this.index.upsert(slot);
    return this.ingest.afterEvent();
  }

  @EventPattern(SlotUpdated.name)
  slotUpdated(@Payload() slot: PayloadOf<typeof SlotUpdated>): Promise<void> | undefined {
    this.index.upsert(slot);
    return this.ingest.afterEvent();
  }

  @EventPattern(SlotWithdrawn.name)
  slotWithdrawn(@Payload() withdrawal: PayloadOf<typeof SlotWithdrawn>): Promise<void> | undefined {
    this.index.withdraw(withdrawal.slotId, withdrawal.revision);
    return this.ingest.afterEvent();
  }

  /** A place changed: its future slots carry the new state at once (see PlaceDirectory). */
  @EventPattern(PlaceUpdated.name)
  placeUpdated(@Payload() update: PayloadOf<typeof PlaceUpdated>): Promise<void> | undefined {
    this.index.applyPlace(update.place);
    return this.ingest.afterEvent();
  }

  /** Retired records leave search and the beyond-slots answer (their slots also have their own slot-withdrawn). */
  @EventPattern(PlaceRetired.name)
  placeRetired(@Payload() retirement: PayloadOf<typeof PlaceRetired>): void {
    this.index.retire({ placeId: retirement.placeId });
  }

  @EventPattern(PractitionerRetired.name)
  practitionerRetired(@Payload() retirement: PayloadOf<typeof PractitionerRetired>): void {
    this.index.retire({ practitionerId: retirement.practitionerId });
  }

  @EventPattern(AppointmentBooked.name)
  appointmentBooked(@Payload() booking: PayloadOf<typeof AppointmentBooked>): void {
    this.load.booked(booking.appointmentId, booking.ownerId, new Date(booking.start));
  }

  @EventPattern(AppointmentCancelled.name)
  appointmentCancelled(@Payload() cancellation: PayloadOf<typeof AppointmentCancelled>): void {
    this.load.cancelled(cancellation.appointmentId);
  }

  @EventPattern(AppointmentMoved.name)
  appointmentMoved(@Payload() move: PayloadOf<typeof AppointmentMoved>): void {
    this.load.moved(move.appointmentId, move.ownerId, new Date(move.start));
  }

  /** Stops consuming first, so the last snapshot holds everything this replica read. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.snapshots.directory || !this.feed.attached) return;
    await this.feed.consumer.stop();
    await this.snapshots.takeStopped(this.feed.consumer, this.feed.inbox);
  }
}
