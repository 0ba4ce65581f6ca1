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
import * as facts from './fact-recorders';

export const FACTS_GROUP = 'indicators-facts';

/**
 * Distils slot, appointment and case events into fact rows. The fact and the inbox row
 * commit together (a redelivered event is applied once), and every recorder is
 * order-independent (events of different partitions may arrive in any order).
 */
@Injectable()
export class FactsConsumer {
  readonly consumer: EventConsumer;

  constructor(registry: ConsumerRegistry) {
    this.consumer = registry.register({
      groupId: FACTS_GROUP,
      topics: [Topics.slots, Topics.appointments, Topics.cases],
      // Database writes only: a fetched batch commits once, not once per event.
      transactionalBatches: true,
      handlers: new Map([
        handle(SlotPublished, (e, tx) => facts.recordSlotState(tx!, e.data)),
        handle(SlotUpdated, (e, tx) => facts.recordSlotState(tx!, e.data)),
        handle(SlotWithdrawn, (e, tx) => facts.recordSlotWithdrawal(tx!, e.data)),
        handle(AppointmentBooked, (e, tx) => facts.recordBooked(tx!, e.data)),
        handle(AppointmentMoved, (e, tx) => facts.recordMoved(tx!, e.data)),
        handle(AppointmentCancelled, (e, tx) => facts.recordCancelled(tx!, e.data)),
        handle(AppointmentHonoured, (e, tx) => facts.recordReported(tx!, e.data, 'honoured')),
        handle(AppointmentNoShow, (e, tx) => facts.recordReported(tx!, e.data, 'no-show')),
        handle(CaseOpened, (e, tx) => facts.recordCaseOpened(tx!, e.data)),
        handle(CaseStepRecorded, (e, tx) => facts.recordCaseStep(tx!, e.data)),
        handle(PatientOriented, (e, tx) => facts.recordOrientation(tx!, e.data)),
      ]),
    });
  }
}
