'use strict';
// Hub Santé's part on a local AMQP 0-9-1 broker, for tests, benchmarks and `npm start -- --hub`:
// the hub's exchange and queues (our inbound queue, our `ack` and `info` queues, each SAMU's
// `message` queue), a dispatcher that routes each envelope to the `message` queue of its
// `explicitAddressValue` (as the hub does), and test LRMs that read their queue and acknowledge
// (RC-REF, on our `ack` queue) or refuse (an error on our `info` queue).
const { randomUUID } = require('node:crypto');
const { connect } = require('amqplib');

class HubSanteDouble {
  /** @param {{ url: string, ptf: string, samus: string[], exchange?: string }} options */
  constructor({ url, ptf, samus, exchange = 'hubsante' }) {
    Object.assign(this, { url, ptf, samus, exchange });
    /** Every envelope a SAMU's LRM read, in order, by SAMU. @type {Map<string, object[]>} */
    this.received = new Map();
  }

  /** Declares the hub's queues and starts dispatching; with `autoAck`, every LRM acknowledges what it reads. */
  async start({ autoAck }) {
    this.model = await connect(this.url);
    this.model.on('error', () => undefined);
    const ch = (this.channel = await this.model.createChannel());
    ch.on('error', () => undefined);
    await ch.assertExchange(this.exchange, 'direct', { durable: true });
    for (const q of [this.ptf, `${this.ptf}.ack`, `${this.ptf}.info`, ...this.samus.map((s) => `${s}.message`)]) {
      await ch.assertQueue(q, { durable: true });
    }
    await ch.bindQueue(this.ptf, this.exchange, this.ptf);
    await ch.consume(this.ptf, (msg) => msg && this.dispatch(msg));
    if (!autoAck) return;
    for (const samu of this.samus) {
      await ch.consume(`${samu}.message`, (msg) => {
        if (!msg) return;
        const envelope = JSON.parse(msg.content.toString());
        this.remember(samu, envelope);
        this.acknowledge(samu, envelope);
        ch.ack(msg);
      });
    }
  }

  async stop() {
    await this.model?.close().catch(() => undefined);
    this.model = undefined;
  }

  /** The LRM of `samu` reads the next envelope of its queue; undefined when it is empty. */
  async read(samu) {
    const msg = await this.channel.get(`${samu}.message`, { noAck: true });
    if (!msg) return undefined;
    const envelope = JSON.parse(msg.content.toString());
    this.remember(samu, envelope);
    return envelope;
  }

  /** The final acknowledgement: EDXL-DE kind Ack around an RC-REF naming the message. */
  acknowledge(samu, envelope) {
    const message = { ...this.rcDe(samu, 'Ack'), reference: { distributionID: envelope.distributionID } };
    this.send(`${this.ptf}.ack`, this.edxl(samu, 'Ack', message));
  }

  /** A functional error of the LRM on our `info` queue (the guide's example: 409 CONFLICT, the appointment exists). */
  refuse(samu, envelope, statusCode, statusString, errorCause) {
    const error = {
      errorCode: { statusCode, statusString },
      errorCause,
      sourceMessage: envelope,
      referencedDistributionID: envelope.distributionID,
    };
    this.send(`${this.ptf}.info`, this.edxl(samu, 'Error', { error }));
  }

  /** Raw bytes on our `ack` or `info` queue (a malformed message). */
  sendRaw(queue, body) {
    this.channel.sendToQueue(`${this.ptf}.${queue}`, Buffer.from(body));
  }

  dispatch(msg) {
    const envelope = JSON.parse(msg.content.toString());
    this.channel.sendToQueue(`${envelope.descriptor.explicitAddress.explicitAddressValue}.message`, msg.content, msg.properties);
    this.channel.ack(msg);
  }

  remember(samu, envelope) {
    if (!this.received.has(samu)) this.received.set(samu, []);
    this.received.get(samu).push(envelope);
  }

  send(queue, envelope) {
    this.channel.sendToQueue(queue, Buffer.from(JSON.stringify(envelope)), { contentType: 'application/json' });
  }

  rcDe(samu, kind) {
    return {
      messageId: `${samu}_${randomUUID()}`,
      sender: { name: samu, URI: `hubex:${samu}` },
      sentAt: new Date().toISOString(),
      kind,
      status: 'Actual',
      recipient: [{ name: this.ptf, URI: `hubex:${this.ptf}` }],
    };
  }

  edxl(samu, kind, message) {
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

module.exports = { HubSanteDouble };
