import { Controller, INestApplication, Logger, ParseIntPipe, UseGuards } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { AppointmentBooked, CaseOpened, PayloadOf, RegulatorAccountChanged, SlotPublished, Topics } from '@sas/contracts';
import { DataSource } from 'typeorm';
import { KafkaClient } from '../kafka/kafka-client';
import { fakeKafka, kafkaMessage, published, TOPIC } from './consumer-fakes.fixture';
import { DurableConsumer } from './durable-consumer';
import { DurableEventContext, EventContext } from './event-handler';
import { EventConsumers } from './event-consumers';
import { KafkaEventsServer } from './kafka-events.server';
import { MemoryInbox } from './inbox';
import { ReplayConsumer } from './replay-consumer';
import { EventSubscriber, ReplaySubscription, Subscription } from './subscription';

@Controller()
class ReadModel implements EventSubscriber {
  readonly seen: { slotId: string; context: EventContext }[] = [];
  started?: ReplayConsumer;
  readonly subscription: ReplaySubscription = {
    mode: 'replay',
    group: 'read-model',
    topics: [Topics.slots, Topics.appointments],
    inbox: new MemoryInbox(),
    beforeStart: (consumer) => void (this.started = consumer),
  };

  @EventPattern(SlotPublished.name)
  published(@Payload() slot: PayloadOf<typeof SlotPublished>, @Ctx() context: EventContext): void {
    this.seen.push({ slotId: slot.slotId, context });
  }

  // Context first and a property of the payload: placed where the decorators say.
  @EventPattern(AppointmentBooked.name)
  booked(@Ctx() _context: EventContext, @Payload('appointmentId') _appointmentId: string): void {}
}

@Controller()
class Ledger implements EventSubscriber {
  readonly subscription: Subscription = { mode: 'durable', group: 'ledger', topics: [Topics.cases] };

  @EventPattern(CaseOpened.name)
  async opened(@Payload() _opened: PayloadOf<typeof CaseOpened>, @Ctx() _context: DurableEventContext): Promise<void> {}
}

@Controller()
class SwitchedOff implements EventSubscriber {
  readonly subscription = undefined;

  @EventPattern(RegulatorAccountChanged.name)
  changed(@Payload() _change: unknown): void {}
}

/** A Nest application with these controllers, the fake Kafka, and the transport started. */
async function startWith(
  ...controllers: (new (...args: never[]) => unknown)[]
): Promise<{ app: INestApplication; kafka: ReturnType<typeof fakeKafka> }> {
  const kafka = fakeKafka();
  const moduleRef = await Test.createTestingModule({
    controllers,
    providers: [
      { provide: KafkaClient, useValue: kafka.client },
      { provide: DataSource, useValue: {} },
      { provide: EventConsumers, useValue: new EventConsumers() },
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.connectMicroservice({ strategy: new KafkaEventsServer('matching', app) });
  await app.init();
  try {
    await app.startAllMicroservices();
  } catch (error) {
    await app.close();
    throw error;
  }
  return { app, kafka };
}

describe('KafkaEventsServer', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));

  it('runs one consumer per subscribing controller, in its mode, and none for a controller that switched its group off', async () => {
    const { app } = await startWith(ReadModel, Ledger, SwitchedOff);
    const consumers = app.get(EventConsumers).all;
    expect(consumers.map((c) => [c.groupId, c.constructor])).toEqual([
      ['read-model', ReplayConsumer],
      ['ledger', DurableConsumer],
    ]);
    expect(app.get(ReadModel).started).toBe(consumers[0]);
    await app.close();
  });

  it('hands each @EventPattern method its payload and context, where @Payload() and @Ctx() say', async () => {
    const { app, kafka } = await startWith(ReadModel);
    const model = app.get(ReadModel);
    // The consumer connects in the background.
    await new Promise((resolve) => setImmediate(resolve));
    const event = published();
    const message = kafkaMessage(event);
    const eachBatch = kafka.run().eachBatch;
    expect(eachBatch).toBeDefined();
    await eachBatch!({
      batch: { topic: TOPIC, partition: 4, messages: [message] },
      resolveOffset: () => undefined,
      heartbeat: async () => undefined,
      isRunning: () => true,
      isStale: () => false,
    } as never);
    expect(model.seen).toEqual([
      {
        slotId: event.data.slotId,
        context: { envelope: expect.objectContaining({ id: event.id }), topic: Topics.slots, partition: 4 },
      },
    ]);
    await app.close();
  });

  it('refuses, at start, a handler the transport would not run as written', async () => {
    @Controller()
    class Reply implements EventSubscriber {
      readonly subscription: Subscription = { mode: 'durable', group: 'reply', topics: [Topics.slots] };
      @MessagePattern(SlotPublished.name)
      answer(@Payload() _slot: unknown): void {}
    }
    @Controller()
    class Unknown implements EventSubscriber {
      readonly subscription: Subscription = { mode: 'durable', group: 'unknown', topics: [Topics.slots] };
      @EventPattern('slot-teleported')
      teleported(@Payload() _slot: unknown): void {}
    }
    @Controller()
    class OtherTopic implements EventSubscriber {
      readonly subscription: Subscription = { mode: 'durable', group: 'other', topics: [Topics.slots] };
      @EventPattern(CaseOpened.name)
      opened(@Payload() _opened: unknown): void {}
    }
    @Controller()
    class NoSubscription {
      @EventPattern(SlotPublished.name)
      published(@Payload() _slot: unknown): void {}
    }
    @Controller()
    class Piped implements EventSubscriber {
      readonly subscription: Subscription = { mode: 'durable', group: 'piped', topics: [Topics.slots] };
      @EventPattern(SlotPublished.name)
      published(@Payload('revision', ParseIntPipe) _revision: number): void {}
    }
    @Controller()
    class Guarded implements EventSubscriber {
      readonly subscription: Subscription = { mode: 'durable', group: 'guarded', topics: [Topics.slots] };
      @EventPattern(SlotPublished.name)
      @UseGuards(
        class {
          canActivate = () => true;
        },
      )
      published(@Payload() _slot: unknown): void {}
    }
    @Controller()
    class Undecorated implements EventSubscriber {
      readonly subscription: Subscription = { mode: 'durable', group: 'undecorated', topics: [Topics.slots] };
      @EventPattern(SlotPublished.name)
      published(_slot: unknown): void {}
    }
    await expect(startWith(Reply)).rejects.toThrow('Kafka events get no reply');
    await expect(startWith(Unknown)).rejects.toThrow('names no event of the catalogue');
    await expect(startWith(OtherTopic)).rejects.toThrow('which other does not read');
    await expect(startWith(NoSubscription)).rejects.toThrow('declares no subscription');
    await expect(startWith(Piped)).rejects.toThrow('run no pipes');
    await expect(startWith(Guarded)).rejects.toThrow('run no guards');
    await expect(startWith(Undecorated)).rejects.toThrow('needs @Payload() or @Ctx()');
  });

  it('stops its consumers when the application closes', async () => {
    const { app } = await startWith(Ledger);
    const [ledger] = app.get(EventConsumers).all;
    const stop = jest.spyOn(ledger, 'stop');
    await app.close();
    expect(stop).toHaveBeenCalled();
  });
});
