import { Injectable } from '@nestjs/common';
import {
  AppointmentBooked,
  AppointmentCancelled,
  AppointmentHonoured,
  AppointmentMoved,
  AppointmentNoShow,
  CaseOpened,
  CaseStepRecorded,
  PatientOriented,
  SlotPublished,
  SlotUpdated,
  SlotWithdrawn,
  Topics,
} from '@sas/contracts';
import { ConsumerRegistry, EventConsumer, handle } from '@sas/messaging';
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
@Injectable()
export class FactsConsumer {
  readonly consumer: EventConsumer;

  constructor(registry: ConsumerRegistry) {
    // Slot facts, most of the events, are written once per transaction (PendingSlotFacts).
    const pending = new WeakMap<EntityManager, PendingSlotFacts>();
    const slotFacts = (tx: EntityManager) => {
      let of = pending.get(tx);
      if (!of) pending.set(tx, (of = new PendingSlotFacts()));
      return of;
    };
    this.consumer = registry.register({
      groupId: FACTS_GROUP,
      topics: [Topics.slots, Topics.appointments, Topics.cases],
      // Database writes only: a fetched batch commits once, not once per event.
      transactionalBatches: true,
      handlers: new Map([
        handle(SlotPublished, async (e, tx) => slotFacts(tx!).state(e.data)),
        handle(SlotUpdated, async (e, tx) => slotFacts(tx!).state(e.data)),
        handle(SlotWithdrawn, async (e, tx) => slotFacts(tx!).withdrawal(e.data)),
        handle(AppointmentBooked, (e, tx) => facts.recordBooked(tx!, e.data)),
        handle(AppointmentMoved, (e, tx) => facts.recordMoved(tx!, e.data)),
        handle(AppointmentCancelled, (e, tx) => facts.recordCancelled(tx!, e.data)),
        handle(AppointmentHonoured, (e, tx) => facts.recordReported(tx!, e.data, 'honoured')),
        handle(AppointmentNoShow, (e, tx) => facts.recordReported(tx!, e.data, 'no-show')),
        handle(CaseOpened, (e, tx) => facts.recordCaseOpened(tx!, e.data)),
        handle(CaseStepRecorded, (e, tx) => facts.recordCaseStep(tx!, e.data)),
        handle(PatientOriented, (e, tx) => facts.recordOrientation(tx!, e.data)),
      ]),
      beforeCommit: async (tx) => {
        const of = pending.get(tx);
        pending.delete(tx);
        await of?.write(tx);
      },
    });
  }
}
