import { findEventByName } from '@sas/contracts';
import { NOTICE_SOURCES, OUTCOME_MISSING, WEBHOOK_EVENT_TYPES } from './webhook-catalogue';
import { WebhookNoticesConsumer } from './webhook-notices.consumer';

describe('the webhook catalogue', () => {
  it('offers the appointment notices the practices asked for, each type once', () => {
    expect(WEBHOOK_EVENT_TYPES).toEqual([
      'appointment-booked',
      'appointment-cancelled',
      'appointment-moved',
      'appointment-kept-after-retirement',
      OUTCOME_MISSING,
    ]);
    expect(new Set(WEBHOOK_EVENT_TYPES).size).toBe(WEBHOOK_EVENT_TYPES.length);
  });

  it('turns only catalogued events into notices, and the consumer reads the topics of all of them', () => {
    const consumer = new WebhookNoticesConsumer();
    for (const source of NOTICE_SOURCES) {
      expect(findEventByName(source.event.name)).toBe(source.event);
      expect(consumer.subscription.topics).toContain(source.event.topic);
    }
    expect(consumer.subscription).toMatchObject({ mode: 'durable', group: 'scheduling-webhook-notices' });
  });
});
