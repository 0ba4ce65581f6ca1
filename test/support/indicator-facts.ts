import { Topics } from '@sas/contracts';
import { endOffsets, EventConsumers, KafkaClient, remainingMessages } from '@sas/messaging';
import { FACTS_GROUP } from '../../apps/indicators/src/facts/facts.consumer';
import { eventually, RunningService } from './running-service';
import { asShuffledRecords, ScriptedEvent } from './scripted-week';
import { produceRaw } from './topic-reader';

/**
 * Feeds a running indicators service scripted events as their producers would — each event
 * `copies` times, shuffled across and within partitions — and waits until its facts consumer
 * has read to the end of the slot, appointment and case topics: every copy seen (slots and
 * appointments travel apart, so waiting for one figure is not enough). Returns the consumer's
 * stats (handled, dead-lettered).
 */
export async function feedIndicators(
  indicators: RunningService,
  events: ScriptedEvent[],
  options: { prefix: string; copies?: number; seed?: number; timeoutMs?: number },
) {
  const records = asShuffledRecords(events, options.copies ?? 2, options.seed);
  for (const topic of new Set(records.map((r) => r.topic)))
    await produceRaw(
      options.prefix + topic,
      records.filter((r) => r.topic === topic).map((r) => r.record),
    );
  const facts = indicators.app.get(EventConsumers).get(FACTS_GROUP);
  const targets = await endOffsets(indicators.app.get(KafkaClient), [Topics.slots, Topics.appointments, Topics.cases]);
  await eventually(
    async () => (remainingMessages(facts.currentPositions(), targets) === 0n ? true : undefined),
    options.timeoutMs ?? 30_000,
    'the end of every topic',
  );
  return facts.stats;
}
