import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { findEventByType } from '@sas/contracts';
import { DurableEventContext, DurableSubscription, EventSubscriber } from '@sas/messaging';
import { NOTICE_SOURCES } from './webhook-catalogue';
import { dispatchNotice } from './webhook-dispatcher';

const SOURCES = new Map(NOTICE_SOURCES.map((source) => [source.event.name, source]));

/**
 * Turns the catalogued events (webhook-catalogue.ts) into deliveries owed to the endpoints
 * of the agendas they concern, in the transaction that records the event in the inbox:
 * an event is either handled with all its deliveries or not at all, and never twice.
 */
@Controller()
export class WebhookNoticesConsumer implements EventSubscriber {
  readonly subscription: DurableSubscription = {
    mode: 'durable',
    group: 'scheduling-webhook-notices',
    topics: [...new Set(NOTICE_SOURCES.map((source) => source.event.topic))],
  };

  @EventPattern(NOTICE_SOURCES.map((source) => source.event.name))
  async notify(@Payload() payload: unknown, @Ctx() { tx, envelope }: DurableEventContext): Promise<void> {
    const source = SOURCES.get(findEventByType(envelope.type)?.name ?? '');
    if (!source) return;
    for (const notice of await source.notices(tx, payload as never, envelope.id, envelope.time)) await dispatchNotice(tx, notice);
  }
}
