import { EnvelopeError, EventEnvelope } from '@sas/contracts';
import { KafkaMessage } from 'kafkajs';

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

const EPOCH = new Date(0).toISOString();

/**
 * The envelope of a Kafka message, as @sas/contracts' fromKafkaRecord reads it (same
 * checks in the same order, same errors, same result), for the consumers' hot path: each
 * header is read and decoded once, with no closure per message. record-decoder.spec.ts
 * holds the two to the same answers.
 */
export function decodeEnvelope(message: Pick<KafkaMessage, 'key' | 'value' | 'headers'>): EventEnvelope {
  const headers = message.headers;
  const id = text(headers?.ce_id);
  if (!id) throw new EnvelopeError('missing header ce_id');
  const type = text(headers?.ce_type);
  if (!type) throw new EnvelopeError('missing header ce_type');
  const source = text(headers?.ce_source);
  if (!source) throw new EnvelopeError('missing header ce_source');
  const specversion = text(headers?.ce_specversion);
  if (!specversion) throw new EnvelopeError('missing header ce_specversion');
  if (specversion !== '1.0') throw new EnvelopeError(`unsupported ce_specversion ${specversion}`);
  const contentType = text(headers?.['content-type']) ?? 'application/json';
  if (!contentType.startsWith('application/json')) throw new EnvelopeError(`unsupported content-type ${contentType}`);
  const value = message.value;
  if (value === null) throw new EnvelopeError('empty message value');
  let data: unknown;
  try {
    data = JSON.parse(value.toString());
  } catch (e) {
    throw new EnvelopeError(`value is not JSON: ${(e as Error).message}`);
  }
  const time = text(headers?.ce_time);
  if (time !== undefined && Number.isNaN(Date.parse(time))) throw new EnvelopeError(`ce_time is not a timestamp: ${time}`);
  return {
    id,
    type,
    source,
    specversion: '1.0',
    time: time ?? EPOCH,
    subject: text(headers?.ce_subject) ?? '',
    datacontenttype: 'application/json',
    traceparent: text(headers?.traceparent),
    tracestate: text(headers?.tracestate),
    key: message.key?.toString() ?? '',
    data,
  };
}

/** A header's (first) value as a string. */
export function text(raw: HeaderValue): string | undefined {
  const one = Array.isArray(raw) ? raw[0] : raw;
  return one === undefined ? undefined : one.toString();
}
