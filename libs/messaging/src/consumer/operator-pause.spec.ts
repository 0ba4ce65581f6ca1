import { Logger } from '@nestjs/common';
import { SlotPublished, Topics } from '@sas/contracts';
import { DurableConsumer } from './durable-consumer';
import { fakeKafka, transactionalInbox } from './consumer-fakes.fixture';

describe('an operator pauses and resumes a consumer at any time', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));

  /** A consumer still joining its group (subscribe not answered yet), whose Kafka client refuses pause/resume before run, as kafkajs does. */
  function joiningConsumer() {
    const kafka = fakeKafka();
    const calls: string[] = [];
    let ran = false;
    let subscribed!: () => void;
    const fake = kafka.client.kafka.consumer({ groupId: 'matching-test' }) as unknown as Record<string, unknown>;
    kafka.consumerConfigs.length = 0;
    const refuseBeforeRun = (name: string) => () => {
      if (!ran) throw new Error('Consumer group was not initialized, consumer#run must be called first');
      calls.push(name);
    };
    const run = fake.run as (config: unknown) => Promise<void>;
    Object.assign(fake, {
      subscribe: () => new Promise<void>((resolve) => (subscribed = resolve)),
      run: async (config: unknown) => {
        await run(config);
        ran = true;
      },
      pause: refuseBeforeRun('pause'),
      resume: refuseBeforeRun('resume'),
    });
    const consumer = new DurableConsumer(kafka.client, {
      groupId: 'matching-test',
      topics: [Topics.slots],
      inbox: transactionalInbox(),
      deadLetterTopic: 'sas.matching.dead-letter.v1',
      maxAttempts: 2,
      handlers: new Map([[SlotPublished.name, async () => undefined]]),
    });
    return { consumer, calls, joined: () => subscribed() };
  }

  it('accepts a pause while the consumer joins, and applies it once the consumer runs', async () => {
    const { consumer, calls, joined } = joiningConsumer();
    const started = consumer.start();
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => consumer.pause()).not.toThrow();
    expect(consumer.paused).toBe(true);
    joined();
    await started;
    expect(calls).toEqual(['pause']);
    consumer.resume();
    expect(consumer.paused).toBe(false);
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('accepts a pause then a resume while it joins, and runs unpaused', async () => {
    const { consumer, calls, joined } = joiningConsumer();
    const started = consumer.start();
    await new Promise((resolve) => setImmediate(resolve));
    consumer.pause();
    expect(() => consumer.resume()).not.toThrow();
    joined();
    await started;
    expect(consumer.paused).toBe(false);
    expect(calls).toEqual([]);
  });
});
