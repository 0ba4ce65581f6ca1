import { KafkaClient } from '../kafka/kafka-client';
import { physicalTopic } from '../kafka/kafka-config';
import { Positions } from './event-consumer';

/** Per partition, the end offset a consumer must reach: `topic:partition` → offset. */
export type Targets = Map<string, { low: bigint; high: bigint }>;

/** The current end of each partition of the given catalogue topics. */
export async function endOffsets(kafka: KafkaClient, topics: string[]): Promise<Targets> {
  const admin = await kafka.sharedAdmin();
  const targets: Targets = new Map();
  for (const logical of topics) {
    const topic = physicalTopic(kafka.config, logical);
    for (const p of await admin.fetchTopicOffsets(topic)) {
      targets.set(`${topic}:${p.partition}`, { low: BigInt(p.low), high: BigInt(p.high) });
    }
  }
  return targets;
}

/** Messages between the consumer's positions and the targets, summed over partitions. */
export function remainingMessages(positions: Positions, targets: Targets): bigint {
  let total = 0n;
  for (const [tp, { low, high }] of targets) {
    const position = positions.get(tp) ?? low;
    if (high > position) total += high - position;
  }
  return total;
}
