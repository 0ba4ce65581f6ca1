import { Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@sas/platform';
import { Counter, Gauge } from 'prom-client';
import { HubLedger } from './hub-ledger';

/** The link's figures in /metrics: what the ledger holds, and what this process sent and heard. */
@Injectable()
export class HubMetrics {
  readonly published: Counter;
  readonly publishFailures: Counter;
  readonly expired: Counter;
  readonly feedback: Counter<'kind'>;
  readonly territoriesWithoutSamu: Gauge;

  constructor(metrics: ServiceMetrics, ledger: HubLedger) {
    const registers = [metrics.registry];
    this.published = new Counter({
      name: 'sas_hub_messages_published_total',
      help: 'Messages confirmed by Hub Santé (resends included).',
      registers,
    });
    this.publishFailures = new Counter({
      name: 'sas_hub_publish_failures_total',
      help: 'Messages Hub Santé did not confirm (retried later).',
      registers,
    });
    this.expired = new Counter({
      name: 'sas_hub_messages_expired_total',
      help: 'Messages past dateTimeExpires before an acknowledgement.',
      registers,
    });
    this.feedback = new Counter({
      name: 'sas_hub_feedback_total',
      help: 'Acknowledgements and errors read on our ack and info queues.',
      labelNames: ['kind'],
      registers,
    });
    this.territoriesWithoutSamu = new Gauge({
      name: 'sas_hub_territories_without_samu',
      help: 'Territories of active regulators with no SAMU configured, at start.',
      registers,
    });
    new Gauge({
      name: 'sas_hub_messages',
      help: 'Messages of the delivery ledger by state.',
      labelNames: ['state'],
      registers,
      async collect() {
        const { counts } = await ledger.summary();
        for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
      },
    });
    new Gauge({
      name: 'sas_hub_oldest_unacknowledged_seconds',
      help: 'Age of the oldest message neither acknowledged, rejected nor expired.',
      registers,
      async collect() {
        this.set((await ledger.summary()).oldestOpenSeconds);
      },
    });
  }
}
