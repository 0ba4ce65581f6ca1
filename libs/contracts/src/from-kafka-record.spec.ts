import { randomUUID } from 'node:crypto';
import { SlotWithdrawn } from './events/slot-events';
import { buildEnvelope, EnvelopeError, EventEnvelope, fromKafkaRecord, toKafkaRecord } from './envelope';

type Message = Parameters<typeof fromKafkaRecord>[0];

/** The contract's reading of a Kafka message, written plainly (one header lookup per use): the reference fromKafkaRecord must match. */
function decodeEnvelope(record: Message): EventEnvelope {
  const header = (name: string): string | undefined => {
    const raw = record.headers?.[name];
    const one = Array.isArray(raw) ? raw[0] : raw;
    return one === undefined ? undefined : one.toString();
  };
  for (const attr of ['id', 'type', 'source', 'specversion']) {
    if (!header(`ce_${attr}`)) throw new EnvelopeError(`missing header ce_${attr}`);
  }
  if (header('ce_specversion') !== '1.0') throw new EnvelopeError(`unsupported ce_specversion ${header('ce_specversion')}`);
  const contentType = header('content-type') ?? 'application/json';
  if (!contentType.startsWith('application/json')) throw new EnvelopeError(`unsupported content-type ${contentType}`);
  if (record.value === null) throw new EnvelopeError('empty message value');
  let data: unknown;
  try {
    data = JSON.parse(record.value.toString());
  } catch (e) {
    throw new EnvelopeError(`value is not JSON: ${(e as Error).message}`);
  }
  const time = header('ce_time');
  if (time !== undefined && Number.isNaN(Date.parse(time))) throw new EnvelopeError(`ce_time is not a timestamp: ${time}`);
  return {
    id: header('ce_id')!,
    type: header('ce_type')!,
    source: header('ce_source')!,
    specversion: '1.0',
    time: time ?? new Date(0).toISOString(),
    subject: header('ce_subject') ?? '',
    datacontenttype: 'application/json',
    traceparent: header('traceparent'),
    tracestate: header('tracestate'),
    key: record.key?.toString() ?? '',
    data,
  };
}

function outcome(read: (m: Message) => unknown, message: Message): unknown {
  try {
    return { envelope: read(message) };
  } catch (error) {
    return { error: (error as Error).constructor.name, message: (error as Error).message };
  }
}

describe('fromKafkaRecord, reading each header once, against the plain reading of the contract', () => {
  const slotId = randomUUID();
  const record = toKafkaRecord(
    buildEnvelope(SlotWithdrawn, { slotId, revision: 2, reason: 'booked' } as never, {
      source: '/sas/scheduling',
      trace: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    }),
  );
  const asKafka = (
    r: { key: string | null; value: string | null; headers: Record<string, string | undefined> },
    buffers = true,
  ): Message => ({
    key: r.key === null ? null : buffers ? Buffer.from(r.key) : (r.key as never),
    value: r.value === null ? null : buffers ? Buffer.from(r.value) : (r.value as never),
    headers: Object.fromEntries(
      Object.entries(r.headers).map(([k, v]) => [k, v === undefined ? undefined : buffers ? Buffer.from(v) : v]),
    ),
  });
  const without = (name: string) => ({ ...record, headers: { ...record.headers, [name]: undefined } });

  it.each([
    ['a valid event', record],
    ['no ce_id', without('ce_id')],
    ['no ce_type', without('ce_type')],
    ['no ce_source', without('ce_source')],
    ['no ce_specversion', without('ce_specversion')],
    ['an empty ce_id', { ...record, headers: { ...record.headers, ce_id: '' } }],
    ['another specversion', { ...record, headers: { ...record.headers, ce_specversion: '0.3' } }],
    ['another content type', { ...record, headers: { ...record.headers, 'content-type': 'application/avro' } }],
    ['no content type', without('content-type')],
    ['no time, subject nor trace', without('ce_time'), ['ce_subject', 'traceparent']],
    ['a bad time', { ...record, headers: { ...record.headers, ce_time: 'yesterday' } }],
    ['no value', { ...record, value: null }],
    ['a value that is not JSON', { ...record, value: '{"slotId":' }],
    ['no key', { ...record, key: null }],
  ] as [string, { key: string | null; value: string | null; headers: Record<string, string | undefined> }, string[]?][])(
    'reads %s as fromKafkaRecord does',
    (_, r, drop = []) => {
      const headers = { ...r.headers };
      for (const name of drop) delete headers[name];
      for (const buffers of [true, false]) {
        const message = asKafka({ ...r, headers }, buffers);
        expect(outcome(decodeEnvelope, message)).toEqual(outcome(fromKafkaRecord, message));
      }
    },
  );

  it('takes the first value of a repeated header, as fromKafkaRecord does', () => {
    const message = asKafka(record);
    message.headers!.ce_id = [Buffer.from('first'), Buffer.from('second')];
    expect(decodeEnvelope(message)).toEqual(fromKafkaRecord(message));
    expect(decodeEnvelope(message).id).toBe('first');
  });
});
