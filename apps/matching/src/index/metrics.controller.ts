import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Topics } from '@sas/contracts';
import { endOffsets, KafkaClient } from '@sas/messaging';
import { SlotEventsConsumer } from './slot-events.consumer';
import { SlotIndex } from './slot-index';
import { Roles } from '@sas/auth';

/** Prometheus metrics of the read model: its size, its consumer, its lag behind Kafka. */
@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly index: SlotIndex,
    private readonly events: SlotEventsConsumer,
    private readonly kafka: KafkaClient,
  ) {}

  @Get()
  @Roles('admin')
  @Header('content-type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    const lines = [
      '# HELP sas_matching_index_slots Free slots in the search index.',
      '# TYPE sas_matching_index_slots gauge',
      `sas_matching_index_slots ${this.index.size}`,
      '# HELP sas_consumer_events_total Events seen by the index consumer, by outcome.',
      '# TYPE sas_consumer_events_total counter',
      ...Object.entries(this.events.consumer.stats).map(([outcome, n]) => `sas_consumer_events_total{outcome="${outcome}"} ${n}`),
      '# HELP sas_consumer_lag_messages Messages not yet applied to the index, per partition.',
      '# TYPE sas_consumer_lag_messages gauge',
    ];
    try {
      const positions = this.events.consumer.currentPositions();
      for (const [tp, { low, high }] of await endOffsets(this.kafka, [Topics.slots, Topics.appointments])) {
        const [topic, partition] = [tp.slice(0, tp.lastIndexOf(':')), tp.slice(tp.lastIndexOf(':') + 1)];
        const lag = high - (positions.get(tp) ?? low);
        lines.push(`sas_consumer_lag_messages{topic="${topic}",partition="${partition}"} ${lag > 0n ? lag : 0n}`);
      }
    } catch {
      lines.push('# lag unavailable: Kafka did not answer');
    }
    return lines.join('\n') + '\n';
  }
}
