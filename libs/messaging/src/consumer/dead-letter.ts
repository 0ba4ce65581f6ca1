import { KafkaMessage, Producer } from 'kafkajs';

/** Why a message could not be processed; travels in the `dlq-reason` header. */
export type DeadLetterReason = 'invalid-envelope' | 'unknown-event-type' | 'wrong-topic' | 'schema-validation' | 'handler-failed';

export interface DeadLetter {
  reason: DeadLetterReason;
  detail: string;
  sourceTopic: string;
  partition: number;
  message: KafkaMessage;
  consumerGroup: string;
}

/** Copies the original message (key, value, headers) to the dead-letter topic with the reason. */
export async function sendToDeadLetter(producer: Producer, topic: string, letter: DeadLetter): Promise<void> {
  const headers: Record<string, string | Buffer> = {};
  for (const [name, value] of Object.entries(letter.message.headers ?? {})) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value[0] : value;
  }
  Object.assign(headers, {
    'dlq-reason': letter.reason,
    'dlq-detail': letter.detail.slice(0, 2000),
    'dlq-source-topic': letter.sourceTopic,
    'dlq-source-partition': String(letter.partition),
    'dlq-source-offset': letter.message.offset,
    'dlq-consumer-group': letter.consumerGroup,
    'dlq-failed-at': new Date().toISOString(),
  });
  await producer.send({
    topic,
    acks: -1,
    messages: [{ key: letter.message.key, value: letter.message.value, headers }],
  });
}
