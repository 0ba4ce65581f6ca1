import { integerAtLeast, list, nonNegativeNumber, positiveInt, setting, SettingType, verbatim } from '@sas/settings';

export const DEFAULT_KAFKA_BROKERS = 'localhost:9092';

/** At least one host:port. */
const brokers: SettingType<string[]> = {
  expected: 'a comma-separated list of host:port',
  parse: (raw) => {
    const value = list.parse(raw);
    return 'value' in value && value.value.length ? value : { reason: 'must list at least one host:port' };
  },
};

/** -1 (keep everything) or a positive number of milliseconds. */
const retention: SettingType<number> = {
  expected: '-1 or a positive integer',
  parse: (raw) => {
    const value = integerAtLeast(-1).parse(raw);
    return 'value' in value && value.value !== 0
      ? value
      : { reason: 'must be -1 (keep everything) or a positive integer of milliseconds' };
  },
};

/** How a service reaches Kafka and shapes the topics it creates. */
export const KAFKA_SETTINGS = {
  KAFKA_BROKERS: setting({ type: brokers, default: [DEFAULT_KAFKA_BROKERS], description: 'Kafka brokers (comma-separated)' }),
  KAFKA_TOPIC_PREFIX: setting({
    type: verbatim,
    default: '',
    documentedDefault: 'empty',
    description: 'prefix of every topic and consumer group id',
  }),
  KAFKA_PARTITIONS: setting({ type: positiveInt, default: 6, description: 'partitions of the topics the services create' }),
  KAFKA_REPLICATION_FACTOR: setting({
    type: positiveInt,
    default: 1,
    description: 'replication of the topics the services create',
  }),
  KAFKA_RETENTION_MS: setting({ type: retention, default: -1, description: 'retention of the topics the services create' }),
};

/** How long the outbox and the inbox keep what they no longer need, and how often they are pruned. */
export const MESSAGING_SETTINGS = {
  OUTBOX_RETENTION_HOURS: setting({
    type: nonNegativeNumber,
    default: 168,
    description: 'how long a published outbox row is kept',
  }),
  INBOX_RETENTION_HOURS: setting({
    type: nonNegativeNumber,
    default: 0,
    description: 'how long a handled event id is remembered (0: for ever)',
  }),
  MESSAGING_PRUNE_INTERVAL_MS: setting({
    type: positiveInt,
    default: 3_600_000,
    description: 'how often the outbox and inbox are pruned',
  }),
};
