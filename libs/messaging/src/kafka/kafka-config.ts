import { readSettings } from '@sas/settings';
import { DEFAULT_KAFKA_BROKERS, KAFKA_SETTINGS } from '../settings';

export { DEFAULT_KAFKA_BROKERS };

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

/** Reads the Kafka settings of one service from the environment. */
export function kafkaConfigFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): KafkaConfig {
  const settings = readSettings(KAFKA_SETTINGS, env);
  return {
    brokers: settings.KAFKA_BROKERS,
    clientId: `sas-${service}`,
    topicPrefix: settings.KAFKA_TOPIC_PREFIX,
    partitions: settings.KAFKA_PARTITIONS,
    replicationFactor: settings.KAFKA_REPLICATION_FACTOR,
    retentionMs: settings.KAFKA_RETENTION_MS,
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
