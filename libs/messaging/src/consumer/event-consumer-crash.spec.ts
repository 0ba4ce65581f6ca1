import { Logger } from '@nestjs/common';
import { SlotPublished, Topics } from '@sas/contracts';
import { fakeKafka, transactionalInbox } from './consumer-fakes.fixture';
import { DurableConsumer } from './durable-consumer';

describe("a consumer that Kafka's client stops for good joins again by itself", () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  async function started() {
    const kafka = fakeKafka();
    const consumer = new DurableConsumer(kafka.client, {
      groupId: 'matching-test',
      topics: [Topics.slots],
      inbox: transactionalInbox(),
      deadLetterTopic: 'sas.matching.dead-letter.v1',
      handlers: new Map([[SlotPublished.name, () => undefined]]),
    });
    await consumer.start();
    return { kafka, consumer };
  }
  const coordinatorNotFound = Object.assign(new Error('There is no coordinator for the group'), {
    name: 'KafkaJSGroupCoordinatorNotFound',
  });
  /** Lets the pending timers and the promises they start run. */
  const elapse = async (ms: number) => {
    await jest.advanceTimersByTimeAsync(ms);
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };

  it('connects, subscribes and runs again after a crash the client does not restart from', async () => {
    const { kafka, consumer } = await started();
    expect(kafka.consumerConfigs).toHaveLength(1);

    kafka.emit('CRASH', { error: coordinatorNotFound, restart: false, groupId: 'unit.matching-test' });
    await elapse(1_000);
    expect(kafka.consumerConfigs).toHaveLength(2);
    expect(kafka.run().eachMessage).toBeDefined();
    expect(consumer.restartsAfterCrash).toBe(1);
    await consumer.stop();
  });

  it('leaves a crash the client restarts from to the client, and acts on a crash only of its current connection', async () => {
    const { kafka, consumer } = await started();
    kafka.emit('CRASH', { error: coordinatorNotFound, restart: true });
    await elapse(60_000);
    expect(kafka.consumerConfigs).toHaveLength(1);

    kafka.emit('CRASH', { error: coordinatorNotFound, restart: false });
    await elapse(1_000);
    expect(kafka.consumerConfigs).toHaveLength(2);
    // Both connections' listeners hear this one (the fake keeps one consumer): only the current one acts.
    kafka.emit('CRASH', { error: coordinatorNotFound, restart: false });
    await elapse(60_000);
    expect(kafka.consumerConfigs).toHaveLength(3);
    expect(consumer.restartsAfterCrash).toBe(2);
    await consumer.stop();
  });

  it('ends the pause before a rejoin when stopped, and a start meanwhile joins once', async () => {
    const { kafka, consumer } = await started();
    kafka.emit('CRASH', { error: coordinatorNotFound, restart: false });
    await consumer.stop(); // at once: the pause does not hold it (no timer advanced)
    expect(kafka.consumerConfigs).toHaveLength(1);

    await consumer.start();
    expect(kafka.consumerConfigs).toHaveLength(2);
    await elapse(60_000);
    expect(kafka.consumerConfigs).toHaveLength(2);
    expect(consumer.restartsAfterCrash).toBe(0);
    await consumer.stop();
  });

  it('does not join again once stopped', async () => {
    const { kafka, consumer } = await started();
    await consumer.stop();
    kafka.emit('CRASH', { error: coordinatorNotFound, restart: false });
    await elapse(60_000);
    expect(kafka.consumerConfigs).toHaveLength(1);
    expect(consumer.restartsAfterCrash).toBe(0);
  });
});
