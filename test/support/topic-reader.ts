import { Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';

export interface ReadMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
  headers: Record<string, string>;
}

/**
 * A plain kafkajs consumer, as a BI consumer would write it: reads topics from the
 * beginning and collects what it sees.
 */
export class TopicReader {
  readonly messages: ReadMessage[] = [];
  private readonly kafka = new Kafka({
    clientId: 'test-reader',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  private readonly consumer = this.kafka.consumer({ groupId: `test-reader-${randomUUID()}` });

  static async open(topics: string[]): Promise<TopicReader> {
    const reader = new TopicReader();
    const admin = reader.kafka.admin();
    await admin.connect();
    // Subscribing needs the topics to exist: create them as the services would (same partitions).
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 6 })), waitForLeaders: true });
    await admin.disconnect();
    await reader.consumer.connect();
    await reader.consumer.subscribe({ topics, fromBeginning: true });
    await reader.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        reader.messages.push({ topic, partition, message, headers });
      },
    });
    return reader;
  }

  withHeader(name: string, value: string): ReadMessage[] {
    return this.messages.filter((m) => m.headers[name] === value);
  }

  close(): Promise<void> {
    return this.consumer.disconnect();
  }
}

/** A raw producer for injecting hand-made messages (duplicates, poison) into a topic. */
export async function produceRaw(
  topic: string,
  messages: { key: string; value: string; headers: Record<string, string> }[],
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'test-producer',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  // With every partition led before the send, kafkajs has no reason to resend the whole batch.
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: [{ topic, numPartitions: Number(process.env.KAFKA_PARTITIONS ?? 6) }],
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}
