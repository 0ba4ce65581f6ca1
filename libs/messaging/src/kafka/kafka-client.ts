import { Logger } from '@nestjs/common';
import { Admin, Kafka, logLevel, LogEntry, PartitionMetadata, Partitioners, Producer } from 'kafkajs';
import { KafkaConfig, physicalTopic } from './kafka-config';

/**
 * How events are spread over partitions (murmur2 of the key, as the Java client does).
 * The outbox relay uses it to know which partitions each batch must be acknowledged by.
 */
export const eventPartitioner = Partitioners.DefaultPartitioner;

/** One kafkajs client per service, with its logs routed to the service logger. */
export class KafkaClient {
  readonly kafka: Kafka;
  private readonly logger = new Logger('Kafka');
  private admin?: Admin;

  constructor(readonly config: KafkaConfig) {
    this.kafka = new Kafka({
      clientId: config.clientId,
      brokers: config.brokers,
      connectionTimeout: 3000,
      requestTimeout: 10000,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 3000 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.forward(entry),
    });
  }

  /** An idempotent producer: retries never write a message twice within one producer session. */
  idempotentProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: eventPartitioner,
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    });
  }

  /** A shared admin client, connected on first use. */
  async sharedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  /** Creates the given catalogue topics if missing, with the configured partitions. */
  async ensureTopics(topics: string[]): Promise<void> {
    const admin = await this.sharedAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = topics.map((t) => physicalTopic(this.config, t)).filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: this.config.partitions,
          replicationFactor: this.config.replicationFactor,
          configEntries: [{ name: 'retention.ms', value: String(this.config.retentionMs) }],
        })),
      });
    } catch (error) {
      // Another service may have created the same topic in the meantime.
      if (!String((error as Error).message).includes('already exists')) throw error;
    }
  }

  /** The partitions of each given physical topic, from the cluster's metadata. */
  async partitionsOf(topics: string[]): Promise<Map<string, PartitionMetadata[]>> {
    const admin = await this.sharedAdmin();
    const { topics: found } = await admin.fetchTopicMetadata({ topics });
    return new Map(found.map((t) => [t.name, t.partitions]));
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }

  private forward({ level, log }: LogEntry): void {
    const { message, ...fields } = log;
    const text = `${message} ${JSON.stringify(fields)}`;
    // kafkajs reports every failed connection attempt as an error; our own code logs
    // the outcome that matters (a publish or a consumer start that failed).
    if (level === logLevel.ERROR) this.logger.warn(text);
    else this.logger.debug(text);
  }
}
