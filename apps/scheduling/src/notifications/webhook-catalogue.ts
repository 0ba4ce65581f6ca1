import { AppointmentBooked, AppointmentCancelled, AppointmentMoved, EventDefinition, PayloadOf } from '@sas/contracts';
import { EntityManager } from 'typeorm';
import { bookedNotices, cancelledNotices, movedNotices } from './appointment-notices';
import { WebhookNotice } from './webhook-notice';

/** A Kafka event that practices are told about, and how it becomes notices. */
export interface NoticeSource<E extends EventDefinition = EventDefinition> {
  event: E;
  notices(tx: Pick<EntityManager, 'query'>, payload: PayloadOf<E>, cause: string, at: string): Promise<WebhookNotice[]>;
}

const from = <E extends EventDefinition>(event: E, notices: NoticeSource<E>['notices']): NoticeSource => ({
  event,
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
];

/** Sent by the outcome reminder job, not caused by an event. */
export const OUTCOME_MISSING = 'appointment-outcome-missing';

/** Every webhook event type an endpoint may subscribe to. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [...NOTICE_SOURCES.map((s) => s.event.name), OUTCOME_MISSING];
