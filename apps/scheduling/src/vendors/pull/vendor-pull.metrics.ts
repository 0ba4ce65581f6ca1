import { Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@sas/platform';
import { Counter, Gauge, Histogram } from 'prom-client';

/** Per-vendor pull metrics in scheduling's /metrics: no URL, credential or identifier besides the vendor id. */
@Injectable()
export class VendorPullMetrics {
  readonly requests: Counter<'vendor' | 'flow'>;
  readonly latency: Histogram<'vendor'>;
  readonly errors: Counter<'vendor' | 'kind'>;
  readonly held: Gauge<'vendor'>;
  readonly lastSuccess: Gauge<'vendor'>;
  readonly breaker: Gauge<'vendor'>;

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.requests = new Counter({
      name: 'sas_vendor_requests_total',
      help: 'HTTP requests to vendor FHIR servers.',
      labelNames: ['vendor', 'flow'],
      registers,
    });
    this.latency = new Histogram({
      name: 'sas_vendor_request_duration_seconds',
      help: 'Duration of vendor requests, failures included.',
      labelNames: ['vendor'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({
      name: 'sas_vendor_errors_total',
      help: 'Failed vendor requests and refused answers, by kind.',
      labelNames: ['vendor', 'kind'],
      registers,
    });
    this.held = new Gauge({
      name: 'sas_vendor_slots_held',
      help: 'Free future slots held from each vendor.',
      labelNames: ['vendor'],
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'sas_vendor_last_success_seconds',
      help: 'Unix time of the last usable answer.',
      labelNames: ['vendor'],
      registers,
    });
    this.breaker = new Gauge({
      name: 'sas_vendor_breaker_state',
      help: 'Circuit breaker: 0 closed, 1 half-open, 2 open.',
      labelNames: ['vendor'],
      registers,
    });
  }
}
