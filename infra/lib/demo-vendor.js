'use strict';
// `npm start -- --demo`'s agenda vendor: a second scheduling deployment (its own database
// and topic prefix) holding part of the demo region, whose `GET /fhir/Slot` is the ANS
// guide's search, registered with the main scheduling as a pulled vendor endpoint.
const http = require('node:http');
const { randomBytes } = require('node:crypto');
const { URL, URLSearchParams } = require('node:url');

const DEMO_VENDOR = {
  id: 'demo-vendor',
  database: 'sas_demo_vendor',
  topicPrefix: 'demo-vendor.',
  clientId: 'sas-demo',
  secretEnv: 'SAS_DEMO_VENDOR_SECRET',
};

/** The database URL of the vendor deployment: the same server, another database. */
function vendorDatabaseUrl(databaseUrl) {
  const url = new URL(databaseUrl);
  url.pathname = `/${DEMO_VENDOR.database}`;
  return url.toString();
}

/**
 * The vendor deployment's environment: the main one's, but its own database, topic
 * prefix and port, and it pulls nobody itself.
 */
function vendorDeploymentEnv(env, port) {
  return {
    ...env,
    DATABASE_URL: vendorDatabaseUrl(env.DATABASE_URL),
    KAFKA_TOPIC_PREFIX: DEMO_VENDOR.topicPrefix,
    VENDOR_PULL_ENABLED: 'false',
    SCHEDULING_URL: `http://127.0.0.1:${port}`,
  };
}

/** Creates the vendor's database once (CREATE DATABASE cannot run in a transaction, nor IF NOT EXISTS). */
async function ensureVendorDatabase(databaseUrl) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DEMO_VENDOR.database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DEMO_VENDOR.database}`);
  } finally {
    await client.end();
  }
}

/**
 * A minimal OAuth 2.0 token endpoint (client credentials, HTTP Basic) for the main
 * scheduling to call the vendor with: it hands out `token`, a development regulator token.
 */
async function startTokenEndpoint(secret, token) {
  const expected = `Basic ${Buffer.from(`${DEMO_VENDOR.clientId}:${secret}`).toString('base64')}`;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const ok =
        req.method === 'POST' &&
        req.headers.authorization === expected &&
        new URLSearchParams(body).get('grant_type') === 'client_credentials';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { access_token: token, token_type: 'Bearer', expires_in: 3600 } : { error: 'invalid_client' }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/token`,
    close: () =>
      new Promise((r) => {
        // The pulling scheduling keeps its connection alive: closing only the listener would wait for it.
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The registration of the vendor deployment with the main scheduling (`PUT /vendors/:id`). */
function vendorRegistration(vendorUrl, tokenUrl, rpps) {
  return {
    name: 'Éditeur de démonstration',
    practitionerRpps: rpps,
    structureIds: [],
    endpoint: {
      baseUrl: `${vendorUrl}/fhir`,
      flows: ['INT_R01'],
      auth: {
        kind: 'oauth2-client-credentials',
        tokenUrl,
        clientId: DEMO_VENDOR.clientId,
        clientSecretEnv: DEMO_VENDOR.secretEnv,
      },
      pollIntervalSeconds: 60,
    },
  };
}

const newSecret = () => randomBytes(24).toString('base64url');

module.exports = {
  DEMO_VENDOR,
  vendorDatabaseUrl,
  vendorDeploymentEnv,
  ensureVendorDatabase,
  startTokenEndpoint,
  vendorRegistration,
  newSecret,
};
