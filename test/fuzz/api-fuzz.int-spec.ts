import Ajv from 'ajv';
import fc from 'fast-check';
import { useIsolatedEnvironment } from '../support/isolated-environment';
import { Service, startAllServices } from '../support/all-services';
import { RunningService } from '../support/running-service';
import { practitionerWithPlace, slotBody } from '../support/scheduling-fixtures';
import { adminToken, biToken, practiceToken, regulatorToken, tokenFor, vendorToken } from '../support/tokens';
import { OpenApiDocument, Operation, operationsOf, resolve } from './openapi-operations';
import { FuzzRequest, requestsOf } from './schema-arbitraries';

/**
 * "No 500 on any input", checked: every operation of every service's OpenAPI document
 * (Nest's /docs-json) gets requests generated from its schemas — mostly well-formed, some
 * hostile — from every kind of caller. No answer may be a 5xx, and every answer must
 * match what the service documents: its declared response schema when there is one, and
 * the one error shape (statusCode, message; errors naming field and reason on a 400; an
 * OperationOutcome on the FHIR endpoints). FUZZ_RUNS requests per operation (40 in
 * `npm test`; `npm run test:fuzz` runs 300), seed FUZZ_SEED.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 27);
/** Operations left out, and why. */
const SKIPPED: Record<string, string> = {
  'post /indicators/rebuild':
    'empties and replays every figure: seconds per call, and it is an admin operation tested on its own',
  'post /consumers/pause': 'pausing the consumers would change what the other requests see; tested in the operations tests',
};

const ajv = new Ajv({ strict: false, allErrors: false });
const errorShape = ajv.compile({
  type: 'object',
  required: ['statusCode', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    message: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'reason'],
        properties: { field: { type: 'string' }, reason: { type: 'string' } },
      },
    },
  },
});
const operationOutcome = ajv.compile({
  type: 'object',
  required: ['resourceType', 'issue'],
  properties: { resourceType: { const: 'OperationOutcome' }, issue: { type: 'array', minItems: 1 } },
});

describe('API fuzzing: no 5xx and no answer outside its schema, on any input', () => {
  const services = {} as Record<Service, RunningService>;
  const tokens: (string | undefined)[] = [undefined];
  const ids: string[] = [];
  const tally = { requests: 0, operations: 0, skipped: 0, byStatus: {} as Record<string, number> };

  beforeAll(async () => {
    await useIsolatedEnvironment('fuzz');
    Object.assign(services, await startAllServices());
    // Things that exist, for the path parameters: a practitioner, its place and slots, a case, an account.
    const owner = await practitionerWithPlace(services.scheduling, '92044');
    const regulator = await regulatorToken(['92'], 'gp-regulator', 'fuzz-gp');
    const slots = await Promise.all(
      [600, 700, 800].map(
        async (m) => (await owner.practice.post('/slots').send(slotBody(owner, m)).expect(201)).body.id as string,
      ),
    );
    const kase = (
      await services.orientation.http
        .post('/cases')
        .set({ authorization: `Bearer ${regulator}` })
        .send({
          territory: '92',
          channel: '15',
          communeCode: '92044',
          ageBand: '26-45',
          reasonCategory: 'fever',
          hasTreatingDoctor: false,
        })
        .expect(201)
    ).body.id as string;
    const appointment = (
      await services.scheduling.http
        .post('/appointments')
        .set({ authorization: `Bearer ${regulator}` })
        .send({ slotId: slots[2] })
        .expect(201)
    ).body.id as string;
    ids.push(owner.practitionerId, owner.placeId, ...slots, kase, appointment, 'fuzz-vendor', 'slot-published');
    tokens.push(
      await practiceToken({ rpps: [owner.rpps] }),
      regulator,
      await regulatorToken(['92'], 'snp-operator', 'fuzz-snp'),
      await regulatorToken(['92'], 'call-taker', 'fuzz-arm'),
      await regulatorToken(['92'], 'supervisor', 'fuzz-supervisor'),
      await regulatorToken(['75'], 'gp-regulator', 'fuzz-75'),
      await vendorToken('fuzz-vendor'),
      await biToken(),
      await adminToken(),
      await tokenFor({ role: 'service', subject: 'service:fuzz' }),
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s?.close()));
    delete process.env.SCHEDULING_URL;
    delete process.env.MATCHING_URL;
    process.stdout.write(
      `\nAPI fuzz: ${tally.requests} requests, ${tally.operations} operations (${tally.skipped} left out), statuses ${JSON.stringify(tally.byStatus)}, seed ${SEED}\n`,
    );
  });

  it.each(['scheduling', 'matching', 'orientation', 'indicators'] as Service[])(
    '%s answers every generated request without a 5xx, within its documented shapes',
    async (name) => {
      const service = services[name];
      const doc = (await service.http.get('/docs-json').expect(200)).body as OpenApiDocument;
      const all = operationsOf(doc);
      const operations = all.filter((op) => !SKIPPED[`${op.method} ${op.path}`]);
      tally.skipped += all.length - operations.length;
      expect(operations.length).toBeGreaterThan(3);
      const failures: string[] = [];
      for (const [i, op] of operations.entries()) {
        const generated = fc.sample(fc.tuple(requestsOf(doc, op, ids), fc.constantFrom(...tokens)), {
          numRuns: RUNS,
          seed: SEED + i,
        });
        for (const [request, token] of generated) {
          const failure = await send(service, doc, op, request, token);
          if (failure && failures.length < 20) failures.push(failure);
        }
        tally.operations += 1;
      }
      expect(failures).toEqual([]);
    },
  );

  /** Sends one request; returns what is wrong with the answer, if anything. */
  async function send(
    service: RunningService,
    doc: OpenApiDocument,
    op: Operation,
    request: FuzzRequest,
    token: string | undefined,
  ): Promise<string | undefined> {
    let test = service.http[op.method](request.path).query(request.query);
    if (token) test = test.set('authorization', `Bearer ${token}`);
    if (request.body !== undefined) test = test.set('content-type', 'application/json').send(JSON.stringify(request.body));
    const res = await test;
    tally.requests += 1;
    const status = String(res.status);
    tally.byStatus[status[0] + 'xx'] = (tally.byStatus[status[0] + 'xx'] ?? 0) + 1;
    const what = () =>
      `${op.method.toUpperCase()} ${request.path} ${JSON.stringify(request.query).slice(0, 200)} ${JSON.stringify(request.body)?.slice(0, 300)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
    if (res.status >= 500) return what();
    const declared = resolve(doc, op.responses[status]);
    if (declared && res.type === 'application/json' && !ajv.validate(withComponents(doc, op.responses[status]!), res.body))
      return `${what()} breaks its declared schema: ${ajv.errorsText()}`;
    if (res.status >= 400 && res.type.includes('json')) {
      const fhir = request.path.startsWith('/fhir');
      if (fhir ? !operationOutcome(res.body) && !errorShape(res.body) : !errorShape(res.body))
        return `${what()} is not an error answer`;
      if (!fhir && res.status === 400 && !Array.isArray(res.body.errors)) return `${what()} names no field`;
    }
    return undefined;
  }
});

/** A response schema with the document's components, for ajv to resolve its $refs. */
function withComponents(doc: OpenApiDocument, schema: object): object {
  return { ...schema, components: doc.components };
}
