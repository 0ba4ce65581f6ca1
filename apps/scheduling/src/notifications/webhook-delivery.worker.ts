import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IntervalJob } from '@sas/platform';
import { ServiceSettings, SettingValues } from '@sas/settings';
import { DataSource } from 'typeorm';
import { WEBHOOK_SETTINGS } from '../settings';
import { nextAttemptAt, RetrySchedule } from './retry-schedule';
import { WebhookMetrics } from './webhook-metrics';
import { AttemptResult, WebhookSender } from './webhook-sender';
import { webhookHeaders } from './webhook-signature';

/** Deliveries in flight at once per replica; a slow endpoint holds at most its own. */
const IN_FLIGHT = 32;

interface Claimed {
  id: string;
  endpoint_id: string;
  body: string;
  attempts: number;
  created_at: Date;
  url: string;
  secret: string;
}

/**
 * Sends the deliveries that are due, each signed for its attempt, and records every attempt.
 * A delivery is claimed by pushing its next attempt past the time-out (a lease), so replicas
 * never send it twice at once and a replica that dies leaves it due again. A failure is
 * retried on the schedule; past the retry window the delivery fails and its endpoint is
 * disabled with the reason. Sends run in the background, up to IN_FLIGHT at once.
 */
@Injectable()
export class WebhookDeliveryWorker extends IntervalJob {
  private readonly settings: SettingValues<typeof WEBHOOK_SETTINGS>;
  private readonly schedule: RetrySchedule;
  private readonly sender: WebhookSender;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    settings: ServiceSettings,
    private readonly metrics: WebhookMetrics,
  ) {
    super(WEBHOOK_SETTINGS, 'WEBHOOK_DELIVERY_INTERVAL_MS');
    this.settings = settings.of(WEBHOOK_SETTINGS);
    this.schedule = {
      firstDelayMs: this.settings.WEBHOOK_RETRY_FIRST_DELAY_MS,
      maxDelayMs: this.settings.WEBHOOK_RETRY_MAX_DELAY_MS,
      windowMs: this.settings.WEBHOOK_RETRY_WINDOW_MS,
    };
    this.sender = new WebhookSender(this.settings.WEBHOOK_TIMEOUT_MS, this.settings.WEBHOOK_CA_FILE);
  }

  protected async run(): Promise<void> {
    const room = IN_FLIGHT - this.inFlight.size;
    if (room <= 0) return;
    for (const delivery of await this.claim(room, new Date())) {
      const sending: Promise<void> = this.attempt(delivery)
        .catch((error) =>
          this.logger.warn({ msg: 'webhook attempt not recorded', deliveryId: delivery.id, error: (error as Error).message }),
        )
        .finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
  }

  override async onApplicationShutdown(): Promise<void> {
    await super.onApplicationShutdown();
    await Promise.all(this.inFlight);
    this.sender.close();
  }

  private async claim(limit: number, now: Date): Promise<Claimed[]> {
    const lease = new Date(now.getTime() + this.settings.WEBHOOK_TIMEOUT_MS + 5_000);
    const [rows]: [Claimed[], number] = await this.db.query(
      `UPDATE scheduling.webhook_delivery d SET next_attempt_at = $2
         FROM scheduling.webhook_endpoint e
        WHERE e.id = d.endpoint_id AND d.id IN (
          SELECT d2.id FROM scheduling.webhook_delivery d2 JOIN scheduling.webhook_endpoint e2 ON e2.id = d2.endpoint_id
           WHERE d2.state = 'pending' AND d2.next_attempt_at <= $1 AND e2.disabled_at IS NULL
           ORDER BY d2.next_attempt_at LIMIT $3 FOR UPDATE OF d2 SKIP LOCKED)
        RETURNING d.id, d.endpoint_id, d.body, d.attempts, d.created_at, e.url, e.secret`,
      [now, lease, limit],
    );
    return rows;
  }

  private async attempt(delivery: Claimed): Promise<void> {
    const at = new Date();
    const result = await this.sender.send(
      delivery.url,
      webhookHeaders(delivery.secret, delivery.id, at, delivery.body),
      delivery.body,
    );
    await this.record(delivery, at, result);
  }

  private async record(delivery: Claimed, at: Date, result: AttemptResult): Promise<void> {
    const attempt = delivery.attempts + 1;
    const delivered = result.statusCode !== undefined && result.statusCode >= 200 && result.statusCode < 300;
    const now = new Date();
    const next = delivered ? undefined : nextAttemptAt(this.schedule, delivery.created_at, attempt, now);
    const state = delivered ? 'delivered' : next ? 'pending' : 'failed';
    this.metrics.attempts.inc({ outcome: state === 'pending' ? 'retrying' : state });
    this.metrics.duration.observe(result.durationMs / 1000);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO scheduling.webhook_attempt (delivery_id, attempt, at, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)`,
        [delivery.id, attempt, at, result.statusCode ?? null, result.error ?? null, result.durationMs],
      );
      await tx.query(
        `UPDATE scheduling.webhook_delivery SET attempts = $2, state = $3, next_attempt_at = $4, delivered_at = $5 WHERE id = $1`,
        [delivery.id, attempt, state, next ?? null, delivered ? now : null],
      );
      if (state !== 'failed') return;
      const last = result.statusCode !== undefined ? `HTTP ${result.statusCode}` : result.error;
      const reason = `delivery ${delivery.id} failed for ${duration(this.schedule.windowMs)} over ${attempt} attempts (last: ${last})`;
      const [disabled]: [unknown[], number] = await tx.query(
        `UPDATE scheduling.webhook_endpoint SET disabled_at = $2, disabled_reason = $3 WHERE id = $1 AND disabled_at IS NULL RETURNING id`,
        [delivery.endpoint_id, now, reason],
      );
      if (disabled.length) this.logger.warn({ msg: 'webhook endpoint disabled', endpointId: delivery.endpoint_id, reason });
    });
  }
}

/** A retry window as an owner reads it: 24 h, 30 min, 3 s. */
export function duration(ms: number): string {
  if (ms >= 3600_000) return `${Math.round(ms / 360_000) / 10} h`;
  if (ms >= 60_000) return `${Math.round(ms / 6_000) / 10} min`;
  return `${Math.round(ms / 100) / 10} s`;
}
