import { KafkaClient } from '../kafka/kafka-client';
import { endOffsets } from './catch-up';

/** A client whose admin answers a topic's offsets after `failures` retriable refusals (as a partition without a leader yet). */
function clientFailing(failures: number, retriable = true) {
  let calls = 0;
  const admin = {
    fetchTopicOffsets: async () => {
      if (++calls <= failures)
        throw Object.assign(new Error('This server is not the leader for that topic-partition'), { retriable });
      return [{ partition: 0, offset: '7', high: '7', low: '2' }];
    },
  };
  const client = {
    config: {
      topicPrefix: 'unit.',
      clientId: 'sas-indicators',
      brokers: [],
      partitions: 1,
      replicationFactor: 1,
      retentionMs: -1,
    },
    sharedAdmin: async () => admin,
  } as unknown as KafkaClient;
  return { client, calls: () => calls };
}

describe('the end offsets a catch-up waits for', () => {
  it('asks again while the broker answers with a retriable error, as for a topic whose leader is not elected yet', async () => {
    const { client, calls } = clientFailing(2);
    const targets = await endOffsets(client, ['sas.scheduling.slots.v1']);
    expect([...targets]).toEqual([['unit.sas.scheduling.slots.v1:0', { low: 2n, high: 7n }]]);
    expect(calls()).toBe(3);
  });

  it('gives up on an error that is not retriable, and after a few attempts on one that is', async () => {
    await expect(endOffsets(clientFailing(1, false).client, ['sas.scheduling.slots.v1'])).rejects.toThrow(/not the leader/);
    const persistent = clientFailing(100);
    await expect(endOffsets(persistent.client, ['sas.scheduling.slots.v1'])).rejects.toThrow(/not the leader/);
    expect(persistent.calls()).toBe(5);
  });
});
