import { Logger } from '@nestjs/common';
import { ChannelModel, ConfirmChannel, connect, ConsumeMessage } from 'amqplib';
import { HubSettings } from './hub-settings';

const OPEN_TIMEOUT_MS = 15_000;
const CONFIRM_TIMEOUT_MS = 30_000;

/** One message to publish: the envelope's JSON and its distribution id. */
export interface HubPublication {
  distributionId: string;
  body: Buffer;
}

/**
 * The AMQP 0-9-1 connection to Hub Santé: a confirm channel to publish (the hub's
 * technical acknowledgement is the broker's publisher confirm), and consumers on our
 * `<clientId>.ack` and `<clientId>.info` queues. It connects lazily and, once lost,
 * reconnects on the next use: the ledger, not this class, remembers what is left to send.
 */
export class HubConnection {
  private readonly logger = new Logger(HubConnection.name);
  private model?: ChannelModel;
  private publisher?: ConfirmChannel;
  private connecting?: Promise<void>;
  private opening?: ChannelModel;
  /** Counts connection attempts: an attempt abandoned after a timeout must not install itself later. */
  private generation = 0;
  private closed = false;

  constructor(
    private readonly settings: HubSettings,
    private readonly onFeedback: (queue: 'ack' | 'info', body: Buffer) => Promise<void>,
  ) {}

  get connected(): boolean {
    return this.publisher !== undefined;
  }

  /**
   * Publishes every message and resolves, once the broker answered for each, with the ids
   * of those it did not take (no queue for them, or refused), each with why; rejects if the
   * connection fails or stops answering (then none counts as sent).
   */
  async publish(messages: HubPublication[]): Promise<Map<string, string>> {
    const channel = await this.channel();
    // `mandatory`: a message no queue takes comes back (basic.return, before its confirm;
    // RabbitMQ then acks it, Qpid nacks it) instead of vanishing, and is not counted as sent.
    const refused = new Map<string, string>();
    const onReturn = (m: { properties: { messageId?: string } }) =>
      refused.set(String(m.properties.messageId), 'routed to no queue');
    channel.on('return', onReturn);
    try {
      // Hub Santé routes by the envelope's explicit address; the routing key is our client id.
      const confirms = messages.map(
        (m) =>
          new Promise<void>((resolve) => {
            const options = {
              contentType: 'application/json',
              contentEncoding: 'utf-8',
              deliveryMode: 2,
              mandatory: true,
              messageId: m.distributionId,
            };
            channel.publish(this.settings.exchange, this.settings.clientId, m.body, options, (error: unknown) => {
              if (error && !refused.has(m.distributionId)) refused.set(m.distributionId, 'refused by the broker (nack)');
              resolve();
            });
          }),
      );
      // A broker that stops answering (restarting, overloaded) must not hold the dispatcher for ever.
      await within(CONFIRM_TIMEOUT_MS, Promise.all(confirms), 'publisher confirms', () => this.abandon());
    } finally {
      channel.off('return', onReturn);
    }
    if (!this.publisher) throw new Error('Hub Santé connection lost before every message was confirmed');
    return refused;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    await this.model?.close().catch(() => undefined);
    this.dropped();
  }

  private async channel(): Promise<ConfirmChannel> {
    if (this.publisher) return this.publisher;
    this.connecting ??= within(OPEN_TIMEOUT_MS, this.open(), 'connection', () => this.abandon()).finally(
      () => (this.connecting = undefined),
    );
    await this.connecting;
    if (!this.publisher) throw new Error('Hub Santé connection lost while opening');
    return this.publisher;
  }

  private async open(): Promise<void> {
    if (this.closed) throw new Error('Hub Santé link is stopping');
    const generation = ++this.generation;
    const tls = this.settings.tls;
    const model = await connect(this.settings.url, {
      timeout: 10_000,
      clientProperties: { connection_name: `sas-orientation ${this.settings.clientId}` },
      ...(tls ? { cert: tls.cert, key: tls.key, ca: tls.ca ? [tls.ca] : undefined } : {}),
    });
    model.on('error', (error: Error) => this.logger.warn({ msg: 'Hub Santé connection error', error: error.message }));
    model.on('close', () => {
      if (this.model === model) this.dropped();
    });
    this.opening = model;
    if (generation !== this.generation) {
      await model.close().catch(() => undefined);
      throw new Error('Hub Santé connection attempt abandoned');
    }
    try {
      const publisher = await model.createConfirmChannel();
      publisher.on('error', (error: Error) => this.logger.warn({ msg: 'Hub Santé channel error', error: error.message }));
      // A channel the broker closed (unknown exchange, refused message) is a lost connection.
      publisher.on('close', () => {
        if (this.model === model) void model.close().catch(() => undefined);
      });
      const listener = await model.createChannel();
      listener.on('error', (error: Error) => this.logger.warn({ msg: 'Hub Santé listener error', error: error.message }));
      listener.on('close', () => {
        if (this.model === model) void model.close().catch(() => undefined);
      });
      await listener.prefetch(50);
      for (const queue of ['ack', 'info'] as const) {
        await listener.consume(`${this.settings.clientId}.${queue}`, (msg) => void this.deliver(listener, queue, msg));
      }
      if (generation !== this.generation) throw new Error('Hub Santé connection attempt abandoned');
      this.model = model;
      this.publisher = publisher;
      this.logger.log({ msg: 'connected to Hub Santé', clientId: this.settings.clientId });
    } catch (error) {
      await model.close().catch(() => undefined);
      throw error;
    } finally {
      this.opening = undefined;
    }
  }

  /** Drops the connection being opened or used, so that the next use opens a new one. */
  private abandon(): void {
    const model = this.model ?? this.opening;
    this.generation++;
    this.dropped();
    void model?.close().catch(() => undefined);
  }

  private async deliver(
    listener: { ack(m: ConsumeMessage): void; nack(m: ConsumeMessage, all?: boolean, requeue?: boolean): void },
    queue: 'ack' | 'info',
    msg: ConsumeMessage | null,
  ): Promise<void> {
    if (!msg) return;
    try {
      await this.onFeedback(queue, msg.content);
      listener.ack(msg);
    } catch (error) {
      // The ledger could not record it (database down): the hub keeps it for the next try.
      this.logger.warn({ msg: 'Hub Santé feedback not recorded yet', queue, error: (error as Error).message });
      await new Promise((resolve) => setTimeout(resolve, 1000)); // not a hot loop of redeliveries
      try {
        listener.nack(msg, false, true);
      } catch {
        // the channel is gone: the broker redelivers the unacknowledged message anyway
      }
    }
  }

  private dropped(): void {
    if (this.publisher) this.logger.warn({ msg: 'Hub Santé connection lost; messages wait in the ledger' });
    this.model = undefined;
    this.publisher = undefined;
  }
}

/** `promise`, or a rejection naming `what` after `ms` (calling `onTimeout` first). */
async function within<T>(ms: number, promise: Promise<T>, what: string, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`Hub Santé ${what} timed out after ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
