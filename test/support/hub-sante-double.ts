/** A delivered envelope, as parsed JSON, checked field by field by the tests. */
export type Envelope = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Typed view of infra/qpid/hub-double.js: Hub Santé's dispatcher and the test LRMs on a real AMQP broker. */
export interface HubSanteDouble {
  readonly received: Map<string, Envelope[]>;
  start(options: { autoAck: boolean }): Promise<void>;
  stop(): Promise<void>;
  read(samu: string): Promise<Envelope | undefined>;
  acknowledge(samu: string, envelope: Envelope): void;
  refuse(samu: string, envelope: Envelope, statusCode: number, statusString: string, errorCause: string): void;
  sendRaw(queue: 'ack' | 'info', body: string): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const double = require('../../infra/qpid/hub-double') as {
  HubSanteDouble: new (options: { url: string; ptf: string; samus: string[]; exchange?: string }) => HubSanteDouble;
};

export const hubSanteDouble = (url: string, ptf: string, samus: string[]): HubSanteDouble =>
  new double.HubSanteDouble({ url, ptf, samus });
