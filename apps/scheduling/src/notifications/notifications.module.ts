import { Module } from '@nestjs/common';
import { OutcomeReminderJob } from './outcome-reminder.job';
import { WebhookPruningJob } from './webhook-pruning.job';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookNoticesConsumer } from './webhook-notices.consumer';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Webhook notifications: endpoints, the deliveries owed to them, their sending and the outcome reminders. */
@Module({
  controllers: [WebhooksController, WebhookNoticesConsumer],
  providers: [WebhooksService, WebhookMetrics, WebhookDeliveryWorker, OutcomeReminderJob, WebhookPruningJob],
})
export class NotificationsModule {}
