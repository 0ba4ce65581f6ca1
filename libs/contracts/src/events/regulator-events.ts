import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { Instant, Uuid } from './common';

/**
 * A regulator account was deactivated or reactivated in orientation, which keeps the
 * accounts. Every service that admits regulators (scheduling, matching) reads the topic
 * from the beginning and refuses the tokens of deactivated accounts within seconds,
 * although the tokens themselves stay valid until they expire.
 */
export const RegulatorAccountChanged = defineEvent({
  name: 'regulator-account-changed',
  version: 1,
  topic: Topics.regulators,
  producer: 'orientation',
  keyField: 'regulatorId',
  description: 'A regulator account was deactivated or reactivated; its token subjects (national or local id) follow.',
  schema: Type.Object({
    regulatorId: Uuid,
    subjects: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
      minItems: 1,
      maxItems: 2,
      description: "the account's national and local ids: the token subjects that name it",
    }),
    active: Type.Boolean(),
    changedAt: Instant,
  }),
});
