import { parseVendorEndpoint } from './vendor-endpoint';

const oauth = {
  kind: 'oauth2-client-credentials',
  tokenUrl: 'https://auth.vendor.example/token',
  clientId: 'sas-idf',
  clientSecretEnv: 'VENDOR_SECRET',
};
const valid = { baseUrl: 'https://fhir.vendor.example/r4/', flows: ['INT_R01'], auth: oauth };
const fieldsOf = (input: unknown) => {
  const parsed = parseVendorEndpoint(input);
  return parsed.ok ? [] : parsed.errors.map((e) => e.field);
};

describe('parseVendorEndpoint', () => {
  it('accepts a complete endpoint and fills the defaults', () => {
    expect(parseVendorEndpoint(valid)).toEqual({
      ok: true,
      value: {
        baseUrl: 'https://fhir.vendor.example/r4',
        flows: ['INT_R01'],
        auth: oauth,
        pollIntervalSeconds: 300,
        timeoutMs: 5000,
        concurrency: 4,
      },
    });
  });

  it.each([
    ['plain http outside localhost', { ...valid, baseUrl: 'http://fhir.vendor.example' }, ['endpoint.baseUrl']],
    ['http on localhost is fine', { ...valid, baseUrl: 'http://127.0.0.1:8080/fhir' }, []],
    ['not a URL', { ...valid, baseUrl: 'fhir' }, ['endpoint.baseUrl']],
    ['unknown flow', { ...valid, flows: ['INT_R01', 'INT_R99'] }, ['endpoint.flows[1]']],
    ['no flow', { ...valid, flows: [] }, ['endpoint.flows']],
    ['no credentials', { ...valid, auth: undefined }, ['endpoint.auth']],
    ['unknown auth kind', { ...valid, auth: { kind: 'basic' } }, ['endpoint.auth.kind']],
    [
      'a secret instead of where it lives',
      { ...valid, auth: { ...oauth, clientSecret: 's3cret' } },
      ['endpoint.auth.clientSecret'],
    ],
    [
      'no client secret variable',
      { ...valid, auth: { ...oauth, clientSecretEnv: undefined } },
      ['endpoint.auth.clientSecretEnv'],
    ],
    [
      'a value where a variable name belongs',
      { ...valid, auth: { ...oauth, clientSecretEnv: 'hunter2!' } },
      ['endpoint.auth.clientSecretEnv'],
    ],
    ['mTLS without a key', { ...valid, auth: { kind: 'mtls', certPath: '/etc/sas/vendor.crt' } }, ['endpoint.auth.keyPath']],
    ['mTLS by variables', { ...valid, auth: { kind: 'mtls', certEnv: 'VENDOR_CERT', keyEnv: 'VENDOR_KEY' } }, []],
    ['timeout out of range', { ...valid, timeoutMs: 10 }, ['endpoint.timeoutMs']],
    ['concurrency not an integer', { ...valid, concurrency: 2.5 }, ['endpoint.concurrency']],
  ])('%s', (_, input, fields) => expect(fieldsOf(input)).toEqual(fields));
});
