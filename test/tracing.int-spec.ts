import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { startBookingChain } from './support/all-services';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { useIsolatedEnvironment } from './support/isolated-environment';
import { eventually, RunningService } from './support/running-service';
import { practitionerWithPlace, slotBody } from './support/scheduling-fixtures';
import { adminToken, regulatorToken } from './support/tokens';

/** One booking through orientation gives one trace: HTTP → scheduling → database → outbox → Kafka → matching. */
describe('tracing across services', () => {
  const exporter = new InMemorySpanExporter();
  let scheduling: RunningService;
  let matching: RunningService;
  let orientation: RunningService;

  beforeAll(async () => {
    // What startTelemetry's SDK does in a service process, with spans kept in memory.
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    await useIsolatedEnvironment('tracing');
    ({ scheduling, matching, orientation } = await startBookingChain());
  });

  afterAll(async () => {
    await Promise.all([orientation?.close(), scheduling?.close(), matching?.close()]);
    delete process.env.SCHEDULING_URL;
    delete process.env.MATCHING_URL;
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('follows one booking from orientation through scheduling, the outbox and Kafka into matching', async () => {
    const owner = await practitionerWithPlace(scheduling, '92044');
    const slotId = (
      await owner.practice
        .post('/slots')
        .send({ ...slotBody(owner, 120), modes: ['AMB'] })
        .expect(201)
    ).body.id;
    const regulator = { authorization: `Bearer ${await regulatorToken(['92'], 'gp-regulator', 'tracing-gp')}` };
    await eventually(
      async () =>
        (await matching.http.get('/search').query({ commune: '92044', limit: 100 }).set(regulator)).body.results.some(
          (r: { slotId: string }) => r.slotId === slotId,
        ) || undefined,
      5000,
      'the slot in search',
    );
    const o = orientation.http;
    const kase = (
      await o
        .post('/cases')
        .set(regulator)
        .send({
          territory: '92',
          channel: '15',
          communeCode: '92044',
          ageBand: '26-45',
          reasonCategory: 'fever',
          hasTreatingDoctor: false,
        })
        .expect(201)
    ).body.id;
    await o.post(`/cases/${kase}/triage`).set(regulator).send({ lifeThreatening: false }).expect(200);
    await o
      .post(`/cases/${kase}/assessment`)
      .set(regulator)
      .send({ consultationNeeded: true, urgency: 'within-48h', mode: 'AMB' })
      .expect(200);
    exporter.reset();
    await o.post(`/cases/${kase}/orientation`).set(regulator).send({ outcome: 'snp-consultation', slotId }).expect(200);

    const root = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER && s.name === 'POST /cases/:id/orientation')!;
    expect(root).toBeDefined();
    const inTrace = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === root.spanContext().traceId);
    const services = (spans: ReadableSpan[]) => new Set(spans.map((s) => s.attributes['sas.service']));
    // matching consumes the slot-withdrawn and appointment-booked events of the booking.
    const consumedByMatching = () =>
      inTrace()
        .filter((s) => s.attributes['sas.service'] === 'matching' && s.kind === SpanKind.CONSUMER)
        .map((s) => s.name);
    await eventually(
      async () => (consumedByMatching().includes('consume slot-withdrawn') ? true : undefined),
      10_000,
      'matching consuming the booking in the trace',
    );
    const spans = inTrace();
    expect([...services(spans)].sort()).toEqual(['matching', 'orientation', 'scheduling']);
    const named = (service: string, kind: SpanKind) =>
      spans.filter((s) => s.attributes['sas.service'] === service && s.kind === kind).map((s) => s.name);
    expect(named('scheduling', SpanKind.SERVER)).toContain('POST /appointments');
    expect(named('scheduling', SpanKind.CLIENT).length).toBeGreaterThan(0); // database
    expect(named('scheduling', SpanKind.PRODUCER)).toEqual(
      expect.arrayContaining(['publish fr.sas.appointment-booked.v1', 'publish fr.sas.slot-withdrawn.v1']),
    );
    expect(named('matching', SpanKind.CONSUMER)).toEqual(expect.arrayContaining(['consume slot-withdrawn']));
    // Every span but the root has its parent in the trace (once the consumers' spans in flight have ended).
    const orphans = () => {
      const all = inTrace();
      const ids = new Set(all.map((s) => s.spanContext().spanId));
      return all.filter((s) => s !== root && !ids.has(s.parentSpanContext?.spanId ?? '')).map((s) => s.name);
    };
    await eventually(async () => (orphans().length === 0 ? true : undefined), 5000, 'every span parented').catch(() => undefined);
    expect(orphans()).toEqual([]);
  });

  it('exposes Prometheus metrics on every service', async () => {
    const admin = { authorization: `Bearer ${await adminToken()}` };
    for (const service of [scheduling, matching, orientation]) {
      const text = (await service.http.get('/metrics').set(admin).expect(200)).text;
      expect(text).toMatch(
        /^sas_http_request_duration_seconds_bucket\{le="[^"]+",method="[A-Z]+",route="[^"]+",status="\d+"\} \d+$/m,
      );
      expect(text).toMatch(/^sas_outbox_backlog_events \d+$/m);
      expect(text).toMatch(/^sas_outbox_oldest_age_seconds [\d.]+$/m);
    }
    const matchingText = (await matching.http.get('/metrics').set(admin).expect(200)).text;
    expect(matchingText).toMatch(/^sas_matching_index_slots \d+$/m);
    expect(matchingText).toMatch(
      /^sas_http_request_duration_seconds_count\{method="GET",route="\/search",status="200"\} [1-9]\d*$/m,
    );
    expect(matchingText).toMatch(/^sas_consumer_lag_messages\{group="[^"]+",topic="[^"]+",partition="\d+"\} \d+$/m);
    expect(matchingText).toMatch(/^sas_dead_letter_messages_total\{group="[^"]+"\} \d+$/m);
  });
});
