import { Injectable, OnModuleInit } from '@nestjs/common';
import { ServiceMetrics } from '@sas/platform';
import { Gauge } from 'prom-client';
import { SlotIndex } from './slot-index';

/** The search index's size in /metrics; search latency is the /search route's HTTP histogram. */
@Injectable()
export class IndexMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly index: SlotIndex,
  ) {}

  onModuleInit(): void {
    const index = this.index;
    new Gauge({
      name: 'sas_matching_index_slots',
      help: 'Free slots in the search index.',
      registers: [this.metrics.registry],
      collect() {
        this.set(index.size);
      },
    });
  }
}
