import { Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@sas/platform';
import { Counter, Histogram } from 'prom-client';

/** Webhook deliveries in scheduling's /metrics: by outcome only, never an endpoint, URL or owner (unbounded, and owners' business). */
@Injectable()
export class WebhookMetrics {
  /** `delivered`, `retrying` (failed, tried again later) or `failed` (window exhausted, endpoint disabled). */
  readonly attempts: Counter<'outcome'>;
  readonly duration: Histogram;

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.attempts = new Counter({
      name: 'sas_webhook_attempts_total',
      help: 'Webhook delivery attempts, by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'sas_webhook_attempt_duration_seconds',
      help: 'Duration of webhook delivery attempts, failures included.',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
  }
}
