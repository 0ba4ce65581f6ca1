import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { canonicalFormats } from './canonical-formats';
import { EventDefinition } from './event-definition';

const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
for (const [name, check] of Object.entries(canonicalFormats)) ajv.addFormat(name, check);
const compiled = new WeakMap<EventDefinition, ValidateFunction>();

/** Checks a payload against its event schema; returns readable errors (empty when valid). */
export function validatePayload(def: EventDefinition, data: unknown): string[] {
  let validate = compiled.get(def);
  if (!validate) {
    validate = ajv.compile(def.schema);
    compiled.set(def, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
