import { randomUUID } from 'node:crypto';
import { Channel, ChannelModel, connect, ConsumeMessage } from 'amqplib';

/** What the test reads of a delivered envelope (kept as the raw parsed JSON to check field by field). */
export type Envelope = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Hub Santé's part in tests, on a real AMQP 0-9-1 broker: the exchange and queues of the
 * hub (our inbound queue, our `ack` and `info` queues, each SAMU's `message` queue), a
 * dispatcher that routes each envelope to the queue of its `explicitAddressValue` (as the
 * hub does), and test LRMs that read their queue and acknowledge (RC-REF) or refuse (error on `info`).
 */
export class HubSanteDouble {
  private model?: ChannelModel;
  private channel?: Channel;
  /** Every envelope a SAMU's LRM read, in order, by SAMU. */
  readonly received = new Map<string, Envelope[]>();

  constructor(
    private readonly url: string,
    private readonly ptf: string,
    private readonly samus: string[],
    private readonly exchange = 'hubsante',
  ) {}

  /** Declares the hub's topology and starts dispatching; `autoAck` LRMs acknowledge everything they read. */
  async start(options: { autoAck: boolean }): Promise<void> {
    this.model = await connect(this.url);
    this.model.on('error', () => undefined);
    const ch = (this.channel = await this.model.createChannel());
    ch.on('error', () => undefined);
    await ch.assertExchange(this.exchange, 'direct', { durable: true });
    for (const q of [this.ptf, `${this.ptf}.ack`, `${this.ptf}.info`, ...this.samus.map((s) => `${s}.message`)])
      await ch.assertQueue(q, { durable: true });
    await ch.bindQueue(this.ptf, this.exchange, this.ptf);
    await ch.consume(this.ptf, (msg) => msg && this.dispatch(ch, msg));
    if (options.autoAck) {
      for (const samu of this.samus) {
        await ch.consume(`${samu}.message`, (msg) => {
          if (!msg) return;
          const envelope = JSON.parse(msg.content.toString()) as Envelope;
          this.remember(samu, envelope);
          this.acknowledge(samu, envelope);
          ch.ack(msg);
        });
      }
    }
  }

  async stop(): Promise<void> {
    await this.model?.close().catch(() => undefined);
    this.model = undefined;
  }

  /** The LRM of `samu` reads the next envelope of its queue, if any. */
  async read(samu: string): Promise<Envelope | undefined> {
    const msg = await this.channel!.get(`${samu}.message`, { noAck: true });
    if (!msg) return undefined;
    const envelope = JSON.parse(msg.content.toString()) as Envelope;
    this.remember(samu, envelope);
    return envelope;
  }

  /** The final acknowledgement: EDXL-DE kind Ack around an RC-REF naming the message. */
  acknowledge(samu: string, envelope: Envelope): void {
    const message = { ...this.rcDe(samu, 'Ack'), reference: { distributionID: envelope.distributionID } };
    this.send(`${this.ptf}.ack`, this.edxl(samu, 'Ack', message));
  }

  /** A functional error of the LRM, on our `info` queue (guide: 409 CONFLICT when the appointment exists). */
  refuse(samu: string, envelope: Envelope, statusCode: number, statusString: string, errorCause: string): void {
    const error = {
      errorCode: { statusCode, statusString },
      errorCause,
      sourceMessage: envelope,
      referencedDistributionID: envelope.distributionID,
    };
    this.send(`${this.ptf}.info`, this.edxl(samu, 'Error', { error }));
  }

  /** Puts raw bytes on our `info` queue (a malformed message from the hub). */
  sendRaw(queue: 'ack' | 'info', body: string): void {
    this.channel!.sendToQueue(`${this.ptf}.${queue}`, Buffer.from(body));
  }

  private dispatch(ch: Channel, msg: ConsumeMessage): void {
    const envelope = JSON.parse(msg.content.toString()) as Envelope;
    ch.sendToQueue(`${envelope.descriptor.explicitAddress.explicitAddressValue}.message`, msg.content, msg.properties);
    ch.ack(msg);
  }

  private remember(samu: string, envelope: Envelope): void {
    this.received.set(samu, [...(this.received.get(samu) ?? []), envelope]);
  }

  private send(queue: string, envelope: Envelope): void {
    this.channel!.sendToQueue(queue, Buffer.from(JSON.stringify(envelope)), { contentType: 'application/json' });
  }

  private rcDe(samu: string, kind: string) {
    return {
      messageId: `${samu}_${randomUUID()}`,
      sender: { name: samu, URI: `hubex:${samu}` },
      sentAt: new Date().toISOString(),
      kind,
      status: 'Actual',
      recipient: [{ name: this.ptf, URI: `hubex:${this.ptf}` }],
    };
  }

  private edxl(samu: string, kind: string, message: unknown): Envelope {
    const now = new Date();
    return {
      distributionID: `${samu}_${randomUUID()}`,
      senderID: samu,
      dateTimeSent: now.toISOString(),
      dateTimeExpires: new Date(now.getTime() + 86_400_000).toISOString(),
      distributionStatus: 'Actual',
      distributionKind: kind,
      descriptor: { language: 'fr-FR', explicitAddress: { explicitAddressScheme: 'hubex', explicitAddressValue: this.ptf } },
      content: [{ jsonContent: { embeddedJsonContent: { message } } }],
    };
  }
}
