import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  AppointmentBooked,
  AppointmentCancelled,
  AppointmentHonoured,
  AppointmentMoved,
  AppointmentNoShow,
  CaseOpened,
  CaseStepRecorded,
  PatientOriented,
  PayloadOf,
  SlotPublished,
  SlotUpdated,
  SlotWithdrawn,
  Topics,
} from '@sas/contracts';
import { DurableEventContext, EventSubscriber, TransactionalBatchSubscription } from '@sas/messaging';
import { EntityManager } from 'typeorm';
import * as facts from './fact-recorders';
import { PendingSlotFacts } from './pending-slot-facts';

export const FACTS_GROUP = 'indicators-facts';

/**
 * Distils slot, appointment and case events into fact rows. The fact and the inbox row
 * commit together (a redelivered event is applied once), and every recorder is
 * order-independent (events of different partitions may arrive in any order) — which
 * also lets the slot facts of a transaction be written together before it commits.
 */
@Controller()
export class FactsConsumer implements EventSubscriber {
  /** Slot facts, most of the events, are written once per transaction. */
  private readonly pending = new WeakMap<EntityManager, PendingSlotFacts>();

  readonly subscription: TransactionalBatchSubscription = {
    mode: 'transactional-batch',
    group: FACTS_GROUP,
    topics: [Topics.slots, Topics.appointments, Topics.cases],
    // Database writes only: a fetched batch commits once, not once per event.
    beforeCommit: async (tx) => {
      const of = this.pending.get(tx);
      this.pending.delete(tx);
      await of?.write(tx);
    },
  };

  private slotFacts(tx: EntityManager): PendingSlotFacts {
    let of = this.pending.get(tx);
    if (!of) this.pending.set(tx, (of = new PendingSlotFacts()));
    return of;
  }

  @EventPattern(SlotPublished.name)
  slotPublished(@Payload() slot: PayloadOf<typeof SlotPublished>, @Ctx() { tx }: DurableEventContext): void {
    this.slotFacts(tx).state(slot);
  }

  @EventPattern(SlotUpdated.name)
  slotUpdated(@Payload() slot: PayloadOf<typeof SlotUpdated>, @Ctx() { tx }: DurableEventContext): void {
    this.slotFacts(tx).state(slot);
  }

  @EventPattern(SlotWithdrawn.name)
  slotWithdrawn(@Payload() withdrawal: PayloadOf<typeof SlotWithdrawn>, @Ctx() { tx }: DurableEventContext): void {
    this.slotFacts(tx).withdrawal(withdrawal);
  }

  @EventPattern(AppointmentBooked.name)
  appointmentBooked(@Payload() booking: PayloadOf<typeof AppointmentBooked>, @Ctx() { tx }: DurableEventContext): Promise<void> {
    return facts.recordBooked(tx, booking);
  }

  @EventPattern(AppointmentMoved.name)
  appointmentMoved(@Payload() move: PayloadOf<typeof AppointmentMoved>, @Ctx() { tx }: DurableEventContext): Promise<void> {
    return facts.recordMoved(tx, move);
  }

  @EventPattern(AppointmentCancelled.name)
  appointmentCancelled(
    @Payload() cancellation: PayloadOf<typeof AppointmentCancelled>,
    @Ctx() { tx }: DurableEventContext,
  ): Promise<void> {
    return facts.recordCancelled(tx, cancellation);
  }

  @EventPattern(AppointmentHonoured.name)
  appointmentHonoured(
    @Payload() report: PayloadOf<typeof AppointmentHonoured>,
    @Ctx() { tx }: DurableEventContext,
  ): Promise<void> {
    return facts.recordReported(tx, report, 'honoured');
  }

  @EventPattern(AppointmentNoShow.name)
  appointmentNoShow(@Payload() report: PayloadOf<typeof AppointmentNoShow>, @Ctx() { tx }: DurableEventContext): Promise<void> {
    return facts.recordReported(tx, report, 'no-show');
  }

  @EventPattern(CaseOpened.name)
  caseOpened(@Payload() opened: PayloadOf<typeof CaseOpened>, @Ctx() { tx }: DurableEventContext): Promise<void> {
    return facts.recordCaseOpened(tx, opened);
  }

  @EventPattern(CaseStepRecorded.name)
  caseStepRecorded(@Payload() step: PayloadOf<typeof CaseStepRecorded>, @Ctx() { tx }: DurableEventContext): Promise<void> {
    return facts.recordCaseStep(tx, step);
  }

  @EventPattern(PatientOriented.name)
  patientOriented(@Payload() orientation: PayloadOf<typeof PatientOriented>, @Ctx() { tx }: DurableEventContext): Promise<void> {
    return facts.recordOrientation(tx, orientation);
  }
}
