import { positiveInt } from '../settings';

/** How a service reaches Kafka. KAFKA_BROKERS selects an external cluster. */
export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  /** Prepended to every topic name and consumer group id; lets test runs or tenants share one cluster. */
  topicPrefix: string;
  /** Partitions of the topics this service creates (slot and appointment topics must match). */
  partitions: number;
  replicationFactor: number;
  /**
   * retention.ms of the topics this service creates: -1 (keep everything) by default,
   * because read models and indicators are rebuilt by replaying the topics from the start.
   */
  retentionMs: number;
}

export const DEFAULT_KAFKA_BROKERS = 'localhost:9092';

/** Reads the Kafka settings of one service from the environment. */
export function kafkaConfigFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): KafkaConfig {
  const brokers = (env.KAFKA_BROKERS ?? DEFAULT_KAFKA_BROKERS).split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS must list at least one host:port');
  return {
    brokers,
    clientId: `sas-${service}`,
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    partitions: positiveInt('KAFKA_PARTITIONS', env.KAFKA_PARTITIONS, 6),
    replicationFactor: positiveInt('KAFKA_REPLICATION_FACTOR', env.KAFKA_REPLICATION_FACTOR, 1),
    retentionMs: env.KAFKA_RETENTION_MS === undefined || env.KAFKA_RETENTION_MS === '-1' ? -1 : positiveInt('KAFKA_RETENTION_MS', env.KAFKA_RETENTION_MS, -1),
  };
}

/** The physical topic name of a catalogue topic. */
export function physicalTopic(config: Pick<KafkaConfig, 'topicPrefix'>, topic: string): string {
  return config.topicPrefix + topic;
}

/**
 * The consumer group id Kafka sees for a service's consumer: prefixed like the topics, so
 * two deployments sharing a cluster under different prefixes never join the same group.
 * In one group, kafkajs's leader hands the partitions of its own topics to every member
 * (consumerGroup.js assigns `topicsSubscribed` of the leader): members of the other
 * deployment would get them and not read them.
 */
export function physicalGroup(config: Pick<KafkaConfig, 'topicPrefix'>, groupId: string): string {
  return config.topicPrefix + groupId;
}
