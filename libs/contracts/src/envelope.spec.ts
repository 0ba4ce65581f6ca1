import { randomUUID } from 'node:crypto';
import { buildEnvelope, EnvelopeError, fromKafkaRecord, toKafkaRecord } from './envelope';
import { SlotWithdrawn } from './events/slot-events';

const data = { slotId: randomUUID(), ownerId: randomUUID(), reason: 'withdrawn' as const, revision: 2 };

describe('CloudEvents envelope (Kafka binary mode)', () => {
  it('puts the attributes in ce_ headers, the key in the message key and the payload in the value', () => {
    const envelope = buildEnvelope(SlotWithdrawn, data, { source: '/sas/scheduling', trace: { traceparent: '00-abc-def-01' } });
    const record = toKafkaRecord(envelope);
    expect(record.key).toBe(data.ownerId);
    expect(JSON.parse(record.value)).toEqual(data);
    expect(record.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'fr.sas.slot-withdrawn.v1',
      ce_source: '/sas/scheduling',
      ce_subject: data.slotId,
      ce_id: envelope.id,
      'content-type': 'application/json',
      traceparent: '00-abc-def-01',
    });
  });

  it('reads back what it wrote', () => {
    const envelope = buildEnvelope(SlotWithdrawn, data, { source: '/sas/scheduling' });
    const record = toKafkaRecord(envelope);
    const headers = Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)]));
    expect(fromKafkaRecord({ key: Buffer.from(record.key), value: Buffer.from(record.value), headers })).toEqual(envelope);
  });

  it('names the missing attribute of a message without envelope', () => {
    expect(() =>
      fromKafkaRecord({ key: null, value: '{}', headers: { ce_id: 'x', ce_type: 't', ce_specversion: '1.0' } }),
    ).toThrow(new EnvelopeError('missing header ce_source'));
  });

  it('refuses a value that is not JSON', () => {
    const headers = { ce_id: 'x', ce_type: 't', ce_source: 's', ce_specversion: '1.0' };
    expect(() => fromKafkaRecord({ key: null, value: 'not json', headers })).toThrow(/value is not JSON/);
  });
});
