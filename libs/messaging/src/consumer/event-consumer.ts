import { Logger } from '@nestjs/common';
import { serviceOf } from '@sas/telemetry';
import { Consumer, ConsumerConfig, Producer } from 'kafkajs';
import { Backoff, sleep, wakeableSleep } from '../backoff';
import { KafkaClient } from '../kafka/kafka-client';
import { physicalGroup, physicalTopic } from '../kafka/kafka-config';
import { HandlerMap } from './event-handler';

/** What every consumer mode is given (the transport builds it from a Subscription). */
export interface ConsumerOptions {
  groupId: string;
  /** Catalogue topics (without prefix). */
  topics: string[];
  handlers: HandlerMap;
  deadLetterTopic: string;
  fromBeginning?: boolean;
  /** Attempts for a handler failing on the event itself before it is dead-lettered. */
  maxAttempts?: number;
}

export interface ConsumerStats {
  handled: number;
  duplicates: number;
  ignored: number;
  deadLettered: number;
}

/** A topic-partition position: the offset of the next message to process. */
export type Positions = Map<string, bigint>;

/**
 * A consumer group's life with Kafka, whatever its mode: connects (retrying in the
 * background while Kafka is away), subscribes, hands the kafkajs consumer to its mode
 * (`run`), pauses and resumes for operators, keeps its positions and stats, disconnects.
 * The modes (DurableConsumer, TransactionalBatchConsumer, TransientConsumer,
 * ReplayConsumer) share the accept / dead-letter / retry core of ConsumerCore.
 */
export abstract class EventConsumer<O extends ConsumerOptions = ConsumerOptions> {
  protected readonly logger: Logger;
  protected consumer?: Consumer;
  /** The consumer once it runs: the only state in which Kafka's client accepts a pause or a resume. */
  private running?: Consumer;
  protected producer?: Producer;
  protected stopping = false;
  private starting?: Promise<void>;
  /** Which launch (a start, or a rejoin after a crash) is current: stop() and each launch end the earlier ones. */
  private epoch = 0;
  /** Ends a launch's pause before its rejoin at once (stop() calls it). */
  private wake?: () => void;
  private readonly crashBackoff = new Backoff(1000, 30_000);
  /** Times Kafka's client stopped this consumer for good and it joined again by itself. */
  restartsAfterCrash = 0;
  protected pausedByOperator = false;
  /** Named once: every consume span carries it. */
  protected readonly service: string;
  protected readonly positions: Positions = new Map();
  readonly stats: ConsumerStats = { handled: 0, duplicates: 0, ignored: 0, deadLettered: 0 };
  /** The group id Kafka sees (prefixed like the topics); `groupId` stays the logical one (inbox, metrics). */
  readonly kafkaGroupId: string;

  constructor(
    protected readonly kafka: KafkaClient,
    protected readonly options: O,
  ) {
    this.logger = new Logger(`EventConsumer:${options.groupId}`);
    this.service = serviceOf(kafka.config.clientId);
    this.kafkaGroupId = physicalGroup(kafka.config, options.groupId);
  }

  /** Hands the connected, subscribed kafkajs consumer its eachMessage or eachBatch. */
  protected abstract run(consumer: Consumer): Promise<void>;

  /** Fetch settings of the mode, over the common ones. */
  protected fetchConfig(): Partial<ConsumerConfig> {
    return {};
  }

  /** Called before each (re)connection's join; a replay sets its group's offsets there. */
  protected async beforeJoin(): Promise<void> {}

  /** Called at each start, before connecting. */
  protected onStart(): void {
    this.positions.clear();
  }

  /** Connects and starts consuming; retries in the background while Kafka is unreachable. */
  start(): Promise<void> {
    this.stopping = false;
    this.onStart();
    return this.launch();
  }

  /**
   * Connects, unless stop() or another launch comes first: what start() and a rejoin after a
   * crash (after `rejoin.delayMs`) share. The launch in flight is `starting`, which stop()
   * waits for.
   */
  private launch(rejoin?: { delayMs: number }): Promise<void> {
    const epoch = ++this.epoch;
    const launched = (async () => {
      if (rejoin) {
        const pause = wakeableSleep(rejoin.delayMs);
        this.wake = pause.wake;
        await pause.slept;
        if (this.stopping || epoch !== this.epoch) return;
        await this.disconnect(); // the connection Kafka's client stopped
      }
      if ((await this.connectUntilStopped(epoch)) && rejoin) this.restartsAfterCrash++;
    })().finally(() => {
      if (this.starting === launched) this.starting = undefined;
    });
    this.starting = launched;
    return launched;
  }

  /** Whether it connected: false when stopped, or when a later launch took over, first. */
  private async connectUntilStopped(epoch: number): Promise<boolean> {
    const backoff = new Backoff(500, 5000);
    while (!this.stopping && epoch === this.epoch) {
      try {
        await this.connect(epoch);
        // stop() was called while connecting: it could not see this consumer yet.
        if (this.stopping) await this.disconnect();
        return !this.stopping;
      } catch (error) {
        await this.disconnect();
        const delay = backoff.next();
        this.logger.warn(`cannot start consumer, retrying in ${delay} ms: ${(error as Error).message}`);
        await sleep(delay);
      }
    }
    return false;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.epoch++;
    this.wake?.();
    // A start in flight finishes (and disconnects itself) or is left to do so later.
    if (this.starting) await Promise.race([this.starting.catch(() => undefined), sleep(5000)]);
    await this.disconnect();
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /** The catalogue topics it reads. */
  get topics(): string[] {
    return this.options.topics;
  }

  /** Whether an operator paused it (it keeps its place and reports its lag meanwhile). */
  get paused(): boolean {
    return this.pausedByOperator;
  }

  /** Stops fetching until resume(); the group membership, positions and lag reporting stay. */
  pause(): void {
    this.pausedByOperator = true;
    this.running?.pause(this.physicalTopics());
  }

  resume(): void {
    this.pausedByOperator = false;
    this.running?.resume(this.physicalTopics());
  }

  private physicalTopics(): { topic: string }[] {
    return this.options.topics.map((t) => ({ topic: physicalTopic(this.kafka.config, t) }));
  }

  /** Next offset to process for each partition seen so far, keyed `topic:partition`. */
  currentPositions(): Positions {
    return new Map(this.positions);
  }

  /** Whether a batch must stop early: the consumer stops or is paused, or the batch is no longer its to handle. */
  protected interrupted(payload: { isRunning(): boolean; isStale(): boolean }): boolean {
    return this.stopping || this.pausedByOperator || !payload.isRunning() || payload.isStale();
  }

  private async connect(epoch: number): Promise<void> {
    const { kafka, options } = this;
    await kafka.ensureTopics([...options.topics, options.deadLetterTopic]);
    this.producer = kafka.idempotentProducer();
    await this.producer.connect();
    // A short session lets a restarted replica take over quickly from one that died.
    this.consumer = kafka.kafka.consumer({
      groupId: this.kafkaGroupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 10000,
      rebalanceTimeout: 10000,
      heartbeatInterval: 1000,
      // A shorter long-poll: a stopping consumer waits for the fetch in flight.
      maxWaitTimeInMs: 1000,
      ...this.fetchConfig(),
    });
    this.rejoinAfterCrash(this.consumer, epoch);
    await this.beforeJoin();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: options.topics.map((t) => physicalTopic(kafka.config, t)),
      fromBeginning: options.fromBeginning ?? true,
    });
    await this.run(this.consumer);
    // Kafka's consumer can be paused only once it runs: an operator's pause or resume while it
    // was still joining is applied here (stays paused when it reconnects after a pause too).
    this.running = this.consumer;
    if (this.pausedByOperator) this.consumer.pause(this.physicalTopics());
  }

  /**
   * Kafka's client restarts a consumer after a retriable error, and stops it for good after
   * any other, even while it joins its group (a new broker answering that the group has no
   * coordinator yet), with nothing but a CRASH event: a service would then look healthy and
   * consume nothing. Such a consumer joins again here, after a growing pause, from its
   * committed offsets (the inbox drops what it had handled already).
   */
  private rejoinAfterCrash(consumer: Consumer, epoch: number): void {
    consumer.on(consumer.events.GROUP_JOIN, () => this.crashBackoff.reset());
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopping || epoch !== this.epoch || consumer !== this.consumer) return;
      const delayMs = this.crashBackoff.next();
      this.logger.error(
        `Kafka's client stopped the consumer (${payload.error.name}: ${payload.error.message}); joining again in ${delayMs} ms`,
      );
      void this.launch({ delayMs });
    });
  }

  // A consumer still joining its group can take a whole rebalance to disconnect; the
  // wait is bounded, and the broker drops the member after its session timeout. Any
  // offset not committed yet is redelivered and deduplicated by the inbox.
  private async disconnect(timeoutMs = 3000): Promise<void> {
    const { consumer, producer } = this;
    this.consumer = undefined;
    this.running = undefined;
    this.producer = undefined;
    const disconnected = Promise.all([consumer?.disconnect(), producer?.disconnect()]).catch(() => undefined);
    const timedOut = await Promise.race([disconnected.then(() => false), sleep(timeoutMs).then(() => true)]);
    if (timedOut) this.logger.warn(`consumer did not disconnect within ${timeoutMs} ms; leaving it to the session timeout`);
  }
}
