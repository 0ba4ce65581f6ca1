/* eslint-disable @typescript-eslint/no-require-imports -- infra/lib is plain CommonJS run by npm start */
const {
  DEMO_VENDOR,
  vendorDatabaseUrl,
  vendorDeploymentEnv,
  vendorRegistration,
  startTokenEndpoint,
} = require('../../infra/lib/demo-vendor');

describe("npm start -- --demo: the vendor deployment's environment and registration", () => {
  const main = {
    DATABASE_URL: 'postgres://sas:sas@localhost:5433/sas',
    KAFKA_BROKERS: 'localhost:9092',
    SCHEDULING_URL: 'http://127.0.0.1:3001',
  };

  it('runs on its own database of the same server, its own topic prefix and port, and pulls nobody', () => {
    const env = vendorDeploymentEnv(main, 3005);
    expect(env).toMatchObject({
      DATABASE_URL: 'postgres://sas:sas@localhost:5433/sas_demo_vendor',
      KAFKA_BROKERS: 'localhost:9092',
      KAFKA_TOPIC_PREFIX: 'demo-vendor.',
      VENDOR_PULL_ENABLED: 'false',
      SCHEDULING_URL: 'http://127.0.0.1:3005',
    });
    expect(main.DATABASE_URL).toBe('postgres://sas:sas@localhost:5433/sas');
    expect(vendorDatabaseUrl('postgres://u:p@h:1/x?sslmode=disable')).toBe('postgres://u:p@h:1/sas_demo_vendor?sslmode=disable');
  });

  it('is registered in the INT_R01 shape with client credentials whose secret is named, never given', () => {
    const registration = vendorRegistration('http://127.0.0.1:3005', 'http://127.0.0.1:4000/token', ['10020000005']);
    expect(registration).toMatchObject({
      practitionerRpps: ['10020000005'],
      endpoint: {
        baseUrl: 'http://127.0.0.1:3005/fhir',
        flows: ['INT_R01'],
        auth: { kind: 'oauth2-client-credentials', clientId: DEMO_VENDOR.clientId, clientSecretEnv: DEMO_VENDOR.secretEnv },
      },
    });
    expect(JSON.stringify(registration)).not.toContain('clientSecret"');
  });

  it('hands out the token to the client with the secret only', async () => {
    const tokens = await startTokenEndpoint('s3cret', 'the-token');
    const ask = (secret: string) =>
      fetch(tokens.url, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${DEMO_VENDOR.clientId}:${secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
    try {
      expect(await (await ask('s3cret')).json()).toMatchObject({ access_token: 'the-token', token_type: 'Bearer' });
      expect((await ask('wrong')).status).toBe(401);
    } finally {
      await tokens.close();
    }
  });
});
