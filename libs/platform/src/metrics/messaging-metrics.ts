import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { endOffsets, EventConsumers, KafkaClient } from '@sas/messaging';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { ServiceMetrics } from './service-metrics';

/** Outbox backlog and age, consumer outcomes, dead letters and lag per partition, read at each scrape. */
@Injectable()
export class MessagingMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: ServiceMetrics,
    @InjectDataSource() private readonly db: DataSource,
    private readonly consumers: EventConsumers,
    private readonly kafka: KafkaClient,
  ) {}

  onModuleInit(): void {
    const { registry } = this.metrics;
    const schema = (this.db.options as { schema?: string }).schema;
    const db = this.db;
    // The same list throughout: the transport adds the groups when it starts, after this.
    const consumers = this.consumers.all;
    const kafka = this.kafka;
    // Both read by one query, when the backlog is collected.
    const oldest = new Gauge({
      name: 'sas_outbox_oldest_age_seconds',
      help: 'Age of the oldest unpublished event.',
      registers: [registry],
    });
    new Gauge({
      name: 'sas_outbox_backlog_events',
      help: 'Events written but not yet published to Kafka.',
      registers: [registry],
      async collect() {
        const [row] = await db.query(
          `SELECT count(*)::int AS n, coalesce(extract(epoch FROM now() - min(created_at)), 0) AS age FROM "${schema}".outbox WHERE published_at IS NULL`,
        );
        this.set(row.n);
        oldest.set(Number(row.age));
      },
    });
    new Gauge({
      name: 'sas_outbox_parked_events',
      help: 'Events Kafka refused for good (too large, invalid record), parked in the outbox_dead_letter table: alert on any.',
      registers: [registry],
      async collect() {
        const [row] = await db.query(`SELECT count(*)::int AS n FROM "${schema}".outbox_dead_letter`);
        this.set(row.n);
      },
    });
    new Counter({
      name: 'sas_consumer_events_total',
      help: 'Events seen by each consumer, by outcome (handled, duplicates, ignored, deadLettered).',
      labelNames: ['group', 'outcome'],
      registers: [registry],
      collect() {
        this.reset();
        for (const c of consumers) for (const [outcome, n] of Object.entries(c.stats)) this.inc({ group: c.groupId, outcome }, n);
      },
    });
    new Counter({
      name: 'sas_dead_letter_messages_total',
      help: 'Messages each consumer sent to its dead-letter topic.',
      labelNames: ['group'],
      registers: [registry],
      collect() {
        this.reset();
        for (const c of consumers) this.inc({ group: c.groupId }, c.stats.deadLettered);
      },
    });
    new Counter({
      name: 'sas_consumer_restarts_after_crash_total',
      help: "Times Kafka's client stopped a consumer for good and it joined its group again by itself.",
      labelNames: ['group'],
      registers: [registry],
      collect() {
        this.reset();
        for (const c of consumers) this.inc({ group: c.groupId }, c.restartsAfterCrash);
      },
    });
    new Gauge({
      name: 'sas_consumer_lag_messages',
      help: 'Messages not yet processed, per consumer and partition.',
      labelNames: ['group', 'topic', 'partition'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const c of consumers) {
          const positions = c.currentPositions();
          const targets = await endOffsets(kafka, c.topics).catch(() => undefined);
          for (const [tp, { low, high }] of targets ?? []) {
            const lag = high - (positions.get(tp) ?? low);
            this.set(
              { group: c.groupId, topic: tp.slice(0, tp.lastIndexOf(':')), partition: tp.slice(tp.lastIndexOf(':') + 1) },
              Number(lag > 0n ? lag : 0n),
            );
          }
        }
      },
    });
  }
}
