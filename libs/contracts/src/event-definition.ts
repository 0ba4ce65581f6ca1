import { Static, TSchema } from '@sinclair/typebox';

/** The services that produce events; each owns the topics named after it. */
export type ProducerService = 'scheduling' | 'matching' | 'orientation' | 'indicators';

/**
 * One entry of the event catalogue: everything a producer needs to emit the event
 * and a consumer needs to validate and route it.
 */
export interface EventDefinition<S extends TSchema = TSchema> {
  /** Stable name, past tense, kebab-case (`slot-published`). */
  readonly name: string;
  /** Payload version; a breaking change gets a new version and a new topic. */
  readonly version: number;
  /** Kafka topic carrying this event (shared by the events of one aggregate, so they stay in order). */
  readonly topic: string;
  readonly producer: ProducerService;
  /** Payload field whose value is the partition key (and the CloudEvents subject). */
  readonly keyField: string;
  /** Payload field naming what the event is about (CloudEvents subject); defaults to the key field. */
  readonly subjectField?: string;
  readonly description: string;
  /** JSON Schema (draft 2020-12 compatible) of the payload; unknown fields are allowed. */
  readonly schema: S;
}

/** The CloudEvents `type` of an event: reverse-DNS prefix, name and version. */
export function cloudEventType(def: Pick<EventDefinition, 'name' | 'version'>): string {
  return `fr.sas.${def.name}.v${def.version}`;
}

/** Typed helper so each event file declares its definition once. */
export function defineEvent<S extends TSchema>(
  def: EventDefinition<S> & { keyField: keyof Static<S> & string; subjectField?: keyof Static<S> & string },
): EventDefinition<S> {
  return Object.freeze(def);
}

export type PayloadOf<D> = D extends EventDefinition<infer S> ? Static<S> : never;
