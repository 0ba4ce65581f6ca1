import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('sas-http');

/** The service a Kafka client id or a service name stands for (`sas-matching` → `matching`). */
export function serviceOf(clientIdOrName: string): string {
  return clientIdOrName.replace(/^sas-/, '');
}

interface Req {
  method: string;
  originalUrl: string;
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
    const carrier: Record<string, string> = {};
    for (const name of ['traceparent', 'tracestate']) if (typeof req.headers[name] === 'string') carrier[name] = req.headers[name] as string;
    const parent = propagation.extract(ROOT_CONTEXT, carrier);
    const span = tracer.startSpan(`${req.method} ${req.originalUrl.split('?')[0].replace(/[0-9a-f-]{36}/gi, ':id')}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'sas.service': service } }, parent);
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
