import { kafkaConfigFromEnv, physicalGroup, physicalTopic } from './kafka-config';

describe('kafkaConfigFromEnv', () => {
  it('has local defaults: one broker, 6 partitions, replication 1, topics kept forever', () => {
    expect(kafkaConfigFromEnv('matching', {})).toEqual({
      brokers: ['localhost:9092'],
      clientId: 'sas-matching',
      topicPrefix: '',
      partitions: 6,
      replicationFactor: 1,
      retentionMs: -1,
    });
  });

  it('reads external brokers and settings, and refuses nonsense with the variable named', () => {
    const config = kafkaConfigFromEnv('scheduling', {
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      KAFKA_PARTITIONS: '12',
      KAFKA_RETENTION_MS: '86400000',
      KAFKA_TOPIC_PREFIX: 't.',
    });
    expect(config).toMatchObject({ brokers: ['k1:9092', 'k2:9092'], partitions: 12, retentionMs: 86400000 });
    expect(physicalTopic(config, 'sas.scheduling.slot.v1')).toBe('t.sas.scheduling.slot.v1');
    expect(physicalGroup(config, 'indicators-event-counts')).toBe('t.indicators-event-counts');
    expect(() => kafkaConfigFromEnv('scheduling', { KAFKA_PARTITIONS: 'many' })).toThrow(
      'KAFKA_PARTITIONS must be a positive integer',
    );
    expect(() => kafkaConfigFromEnv('scheduling', { KAFKA_BROKERS: ' ' })).toThrow('KAFKA_BROKERS');
  });
});
