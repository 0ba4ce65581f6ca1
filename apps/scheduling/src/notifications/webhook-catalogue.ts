import {
  AppointmentBooked,
  AppointmentCancelled,
  AppointmentMoved,
  EventDefinition,
  PayloadOf,
  PlaceRetired,
  PractitionerRetired,
} from '@sas/contracts';
import { EntityManager } from 'typeorm';
import { bookedNotices, cancelledNotices, movedNotices } from './appointment-notices';
import { KEPT_AFTER_RETIREMENT, retirementNotices } from './retirement-notices';
import { WebhookNotice } from './webhook-notice';

/** A Kafka event that practices are told about, and how it becomes notices. */
export interface NoticeSource<E extends EventDefinition = EventDefinition> {
  event: E;
  /** The webhook event types its notices have (the event's name, unless said otherwise). */
  types: readonly string[];
  notices(tx: Pick<EntityManager, 'query'>, payload: PayloadOf<E>, cause: string, at: string): Promise<WebhookNotice[]>;
}

const from = <E extends EventDefinition>(
  event: E,
  notices: NoticeSource<E>['notices'],
  types: readonly string[] = [event.name],
): NoticeSource => ({
  event,
  types,
  notices: notices as NoticeSource['notices'],
});

/**
 * The events turned into webhooks, one line each: the consumer subscribes to their topics
 * and names, and endpoints may subscribe to their names. Telling practices about another
 * event is one more line here (with its builder).
 */
export const NOTICE_SOURCES: readonly NoticeSource[] = [
  from(AppointmentBooked, bookedNotices),
  from(AppointmentCancelled, cancelledNotices),
  from(AppointmentMoved, movedNotices),
  from(PlaceRetired, retirementNotices, [KEPT_AFTER_RETIREMENT]),
  from(PractitionerRetired, retirementNotices, [KEPT_AFTER_RETIREMENT]),
];

/** Sent by the outcome reminder job, not caused by an event. */
export const OUTCOME_MISSING = 'appointment-outcome-missing';

/** Every webhook event type an endpoint may subscribe to. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [...new Set(NOTICE_SOURCES.flatMap((s) => s.types)), OUTCOME_MISSING];
