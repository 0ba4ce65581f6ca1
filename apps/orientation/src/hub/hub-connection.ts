import { Logger } from '@nestjs/common';
import { ChannelModel, ConfirmChannel, connect, ConsumeMessage } from 'amqplib';
import { HubSettings } from './hub-settings';

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
  private closed = false;

  constructor(
    private readonly settings: HubSettings,
    private readonly onFeedback: (queue: 'ack' | 'info', body: Buffer) => Promise<void>,
  ) {}

  get connected(): boolean {
    return this.publisher !== undefined;
  }

  /**
   * Publishes every message and resolves, once the broker confirmed them all, with the ids
   * of those no queue took; rejects if the connection fails or the broker refuses one
   * (then none counts as sent).
   */
  async publish(messages: HubPublication[]): Promise<Set<string>> {
    const channel = await this.channel();
    // `mandatory`: a message no queue takes comes back (basic.return, before its confirm)
    // instead of vanishing, and is then not counted as sent.
    const returned: string[] = [];
    const onReturn = (m: { properties: { messageId?: string } }) => returned.push(String(m.properties.messageId));
    channel.on('return', onReturn);
    try {
      // Hub Santé routes by the envelope's explicit address; the routing key is our client id.
      for (const m of messages) {
        channel.publish(this.settings.exchange, this.settings.clientId, m.body, {
          contentType: 'application/json',
          contentEncoding: 'utf-8',
          deliveryMode: 2,
          mandatory: true,
          messageId: m.distributionId,
        });
      }
      await channel.waitForConfirms();
    } finally {
      channel.off('return', onReturn);
    }
    return new Set(returned);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    await this.model?.close().catch(() => undefined);
    this.dropped();
  }

  private async channel(): Promise<ConfirmChannel> {
    if (this.publisher) return this.publisher;
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    await this.connecting;
    if (!this.publisher) throw new Error('Hub Santé connection lost while opening');
    return this.publisher;
  }

  private async open(): Promise<void> {
    if (this.closed) throw new Error('Hub Santé link is stopping');
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
      this.model = model;
      this.publisher = publisher;
      this.logger.log({ msg: 'connected to Hub Santé', clientId: this.settings.clientId });
    } catch (error) {
      await model.close().catch(() => undefined);
      throw error;
    }
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
