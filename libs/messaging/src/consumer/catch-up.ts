import { Admin } from 'kafkajs';
import { sleep } from '../backoff';
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
    for (const p of await offsetsOf(admin, topic)) {
      targets.set(`${topic}:${p.partition}`, { low: BigInt(p.low), high: BigInt(p.high) });
    }
  }
  return targets;
}

/**
 * A topic's offsets, asked again a little later when the broker answers with a retriable
 * error: the partitions of a topic just created answer "not the leader" until their leader
 * is elected, and kafkajs's admin gives up on that error at once (it retries only an
 * unknown topic).
 */
async function offsetsOf(admin: Admin, topic: string, attempts = 5): ReturnType<Admin['fetchTopicOffsets']> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if (attempt >= attempts || !(error as { retriable?: boolean }).retriable) throw error;
      await sleep(100 * attempt);
    }
  }
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
