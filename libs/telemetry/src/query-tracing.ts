import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('sas-db');

/** SQL text, or node-postgres's query config of a named prepared statement. */
type Query = string | { text: string };
type QueryFn = (this: unknown, query: Query, ...rest: unknown[]) => Promise<unknown>;

/**
 * Wraps a query function (TypeORM's PostgreSQL query runner) in client spans: the
 * statement's first words name the span; parameters are never recorded.
 */
export function traceQueries(target: { query: QueryFn }, service: (self: unknown) => string | undefined): void {
  const original = target.query;
  if ((original as { traced?: boolean }).traced) return;
  const traced: QueryFn = function (this: unknown, query: Query, ...rest: unknown[]) {
    if (!trace.getActiveSpan()) return original.call(this, query, ...rest);
    const statement = (typeof query === 'string' ? query : query.text).replace(/\s+/g, ' ').trim();
    const owner = service(this);
    const span = tracer.startSpan(`db ${statement.split(' ').slice(0, 3).join(' ')}`.slice(0, 80), {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system': 'postgresql',
        'db.query.text': statement.slice(0, 300),
        ...(owner ? { 'sas.service': owner } : {}),
      },
    });
    return original.call(this, query, ...rest).then(
      (result) => (span.end(), result),
      (error: Error) => {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
        span.end();
        throw error;
      },
    );
  };
  (traced as { traced?: boolean }).traced = true;
  target.query = traced;
}
