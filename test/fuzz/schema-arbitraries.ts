import fc, { Arbitrary } from 'fast-check';
import { OpenApiDocument, Operation, resolve, Schema } from './openapi-operations';

/**
 * Values for a schema, mostly of the documented shape (so requests get past validation
 * and reach the code behind it) and otherwise hostile: wrong types, text PostgreSQL cannot
 * store, impossible dates, huge and deeply nested values, unknown fields.
 */
const deep = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
};
const HOSTILE: unknown[] = [
  null,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '😀',
  'x'.repeat(5000),
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '__proto__',
  '2026-02-30',
  '2026-02-30T10:00:00Z',
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2026-11-09T08:30:00',
  -1,
  0,
  1e308,
  -1e308,
  3.5,
  true,
  [],
  {},
  { __proto__: { polluted: true } },
  deep(50),
  deep(3000),
];
const hostile = fc.constantFrom(...HOSTILE);
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));

/** Strings this domain uses, so that fields with a meaning get meaningful values. */
const DOMAIN = [
  '92044',
  '75056',
  '92',
  '75',
  '2A',
  'SM54',
  'AMB',
  'VR',
  'HH',
  'SNP',
  'PUBLIC',
  'general-practitioner',
  'fever',
  '10000000009',
  '44200000000012',
  'https://agenda.example/rdv',
];

export function valueOf(doc: OpenApiDocument, input: Schema | undefined, depth = 0): Arbitrary<unknown> {
  const schema = resolve(doc, input) ?? {};
  const valid = validOf(doc, schema, depth);
  return fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: hostile, weight: 1 }, { arbitrary: text, weight: 1 });
}

function validOf(doc: OpenApiDocument, schema: Schema, depth: number): Arbitrary<unknown> {
  const parts = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (parts?.length) return fc.oneof(...parts.map((p) => validOf(doc, resolve(doc, p) ?? {}, depth)));
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const examples = schema.example === undefined ? [] : [fc.constant(schema.example)];
  switch (schema.type) {
    case 'string':
      return fc.oneof(...examples, stringOf(schema));
    case 'integer':
      return fc.oneof(...examples, fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1000 }));
    case 'number':
      return fc.oneof(...examples, fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true }));
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = depth > 4 ? fc.constant('x') : valueOf(doc, schema.items, depth + 1);
      return fc.oneof(
        ...examples,
        fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 5) }),
      );
    }
    // An untyped schema, an object, or a type this generator does not know.
    case undefined:
    default:
      if (schema.properties || schema.type === 'object') return objectOf(doc, schema, depth);
      return fc.oneof(...examples, text, fc.integer(), fc.boolean());
  }
}

function stringOf(schema: Schema): Arbitrary<unknown> {
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time')
    return fc.date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'date')
    return fc
      .date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  return fc.oneof(
    fc.constantFrom(...DOMAIN),
    fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 200) }),
  );
}

function objectOf(doc: OpenApiDocument, schema: Schema, depth: number): Arbitrary<unknown> {
  if (depth > 4) return fc.constant({});
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const known = fc.record(Object.fromEntries(properties.map(([name, s]) => [name, valueOf(doc, s, depth + 1)])), {
    requiredKeys: properties.map(([name]) => name).filter((n) => required.has(n)),
  });
  // Now and then a field the schema does not know.
  return fc
    .tuple(known, fc.option(fc.tuple(fc.constantFrom('unexpected', 'constructor', '__proto__', 'x\u0000'), text), { freq: 8 }))
    .map(([value, extra]) => {
      const object = { ...(value as Record<string, unknown>) };
      if (extra)
        Object.defineProperty(object, extra[0], { value: extra[1], enumerable: true, configurable: true, writable: true });
      return object;
    });
}

/** One request of an operation: concrete path, query and body. */
export interface FuzzRequest {
  path: string;
  query: Record<string, string>;
  body?: unknown;
}

/** Requests for an operation; path parameters come from `ids` (ids of things that exist) or anything. */
export function requestsOf(doc: OpenApiDocument, op: Operation, ids: string[]): Arbitrary<FuzzRequest> {
  const pathValue = fc.oneof(
    { arbitrary: fc.constantFrom(...ids), weight: 6 },
    { arbitrary: fc.uuid(), weight: 2 },
    { arbitrary: fc.constantFrom('', 'x', '%00', '%ED%A0%80', 'a'.repeat(300), '..%2F..'), weight: 1 },
  );
  const params = fc.record(Object.fromEntries(op.pathParams.map((p) => [p.name, pathValue])));
  const queryEntries = op.queryParams.map((p): [string, Arbitrary<unknown>] => [p.name, valueOf(doc, p.schema)]);
  const query = fc.record(Object.fromEntries(queryEntries), { requiredKeys: [] });
  const body = op.body ? fc.option(valueOf(doc, op.body), { freq: 10 }) : fc.constant(undefined);
  return fc.tuple(params, query, body).map(([p, q, b]) => ({
    path: op.path.replace(/\{(\w+)\}/g, (_, name: string) => String((p as Record<string, unknown>)[name])),
    query: Object.fromEntries(
      Object.entries(q as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    ),
    body: b === null ? undefined : b,
  }));
}
