import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextFromTraceHeaders } from './trace-context';

const tracer = trace.getTracer('sas-http');

/** The service a Kafka client id or a service name stands for (`sas-matching` → `matching`). */
export function serviceOf(clientIdOrName: string): string {
  return clientIdOrName.replace(/^sas-/, '');
}

interface Req {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  route?: { path: string };
}
interface Res {
  statusCode: number;
  once(event: 'finish' | 'close', listener: () => void): void;
}

/**
 * An HTTP server span per request, continuing the caller's trace (W3C traceparent), named
 * after the route template once known (never the concrete path: ids stay out of names).
 * Everything the request does runs inside it: database queries, outbox writes, calls to
 * other services (which carry the trace on).
 */
export function httpTracing(service: string) {
  return (req: Req, res: Res, next: () => void): void => {
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    const parent = contextFromTraceHeaders({ traceparent: header('traceparent'), tracestate: header('tracestate') });
    // Named by the method until the router has matched a route (OpenTelemetry's convention).
    const span = tracer.startSpan(
      req.method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'sas.service': service } },
      parent,
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      if (req.route?.path) {
        span.updateName(`${req.method} ${req.route.path}`);
        span.setAttribute('http.route', req.route.path);
      }
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(trace.setSpan(parent, span), next);
  };
}
