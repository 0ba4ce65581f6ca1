import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus registry of one service (one per service even when several run in one
 * process, as in the tests). Shared metrics are created here; services add their own.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(readonly service: string) {
    this.httpDuration = new Histogram({
      name: 'sas_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'sas_process_' });
  }

  /** Express middleware timing every request, refusals included. */
  httpTiming() {
    return (
      req: { method: string; route?: { path: string } },
      res: { statusCode: number; once(e: 'finish', l: () => void): void },
      next: () => void,
    ) => {
      const end = this.httpDuration.startTimer();
      res.once('finish', () =>
        end({ method: req.method, route: req.route?.path ?? 'unmatched', status: String(res.statusCode) }),
      );
      next();
    };
  }
}
