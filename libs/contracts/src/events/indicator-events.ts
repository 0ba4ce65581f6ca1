import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { Departement } from './common';

export const IndicatorsUpdated = defineEvent({
  name: 'indicators-updated',
  version: 1,
  topic: Topics.indicators,
  producer: 'indicators',
  keyField: 'territory',
  description: 'The indicator figures of one SAS territory for one closed day.',
  schema: Type.Object({
    territory: Departement,
    day: Type.String({ format: 'date' }),
    figures: Type.Record(Type.String(), Type.Number()),
  }),
});
