import { context, Context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';

export interface TraceHeaders {
  traceparent?: string;
  tracestate?: string;
}

/** The W3C trace context of the active span, to be carried by an event. */
export function currentTraceHeaders(): TraceHeaders {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return { traceparent: carrier.traceparent, tracestate: carrier.tracestate };
}

/** The context an event was produced in, so its handling joins the producer's trace. */
export function contextFromTraceHeaders(headers: TraceHeaders): Context {
  const carrier: Record<string, string> = {};
  if (headers.traceparent) carrier.traceparent = headers.traceparent;
  if (headers.tracestate) carrier.tracestate = headers.tracestate;
  return propagation.extract(ROOT_CONTEXT, carrier);
}
