#!/usr/bin/env node
'use strict';
// `npm start`: installs what is missing, builds, starts Kafka and PostgreSQL (unless
// KAFKA_BROKERS / DATABASE_URL point elsewhere), starts the four services, waits
// until all are ready and prints their URLs. Ctrl-C stops everything it started.
// Data stays in .data/dev between runs.
// `npm start -- --demo` also publishes a small generated Île-de-France (scale 0.01, once
// per data directory) and prints a search to try while it fills, and the steering dashboard's URL.
// `npm start -- --hub` also starts a local AMQP broker standing in for Hub Santé, whose
// LRMs acknowledge everything, and turns the orientation service's link on (docs/hub-sante.md).
// `--demo` also starts an agenda vendor (a second scheduling holding another part of the
// region, pulled by the main one; docs/vendor-pull.md); `--demo-vendor` is the same as `--demo`.
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { ensureDependencies, root } = require('./ensure-deps');

async function main() {
  const started = Date.now();
  ensureDependencies();
  step('building the services');
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the build failed');

  const { startStack } = require('../lib/stack');
  const { SERVICES, serviceUrls, spawnService, waitReady, stopService } = require('../lib/services');
  step('starting Kafka and PostgreSQL');
  const stack = await startStack({
    dataDir: path.join(root, '.data/dev'),
    kafkaPort: Number(process.env.SAS_KAFKA_PORT ?? 9092),
    postgresPort: Number(process.env.SAS_POSTGRES_PORT ?? 5433),
    log: (m) => process.env.SAS_VERBOSE && process.stdout.write(`${m}\n`),
  });
  step(`Kafka ${stack.kafkaBrokers}, PostgreSQL ${stack.databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);

  const env = {
    // Orientation calls scheduling and matching: where they are, ports moved or not.
    ...serviceUrls(),
    KAFKA_BROKERS: stack.kafkaBrokers,
    DATABASE_URL: stack.databaseUrl,
    // Matching restarts from its latest snapshot instead of replaying the topics (README).
    MATCHING_SNAPSHOT_DIR: process.env.MATCHING_SNAPSHOT_DIR ?? path.join(root, '.data/dev/matching-snapshots'),
  };
  const localHub = process.argv.includes('--hub') && !process.env.HUB_SANTE_URL ? await startHub() : undefined;
  Object.assign(env, localHub?.env);
  // The demo includes its agenda vendor; --demo-vendor, its flag before, stays as an alias.
  const demo = process.argv.includes('--demo') || process.argv.includes('--demo-vendor');
  const demoVendor = demo;
  // The demo vendor's client secret, only in the services' environment: the registration names the variable.
  const { DEMO_VENDOR, newSecret } = require('../lib/demo-vendor');
  if (demoVendor) env[DEMO_VENDOR.secretEnv] = newSecret();
  const services = SERVICES.map((s) => spawnService(s, env));
  let stopping = false;
  const watch = (s) =>
    s.child.on('exit', (code, signal) => {
      if (!stopping) {
        process.stderr.write(`${s.name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping everything\n`);
        void shutdown(1);
      }
    });
  const closers = [];
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    step('stopping…');
    await Promise.all(closers.map((close) => close()));
    await Promise.all(services.map((s) => stopService(s)));
    await localHub?.stop();
    await stack.stop();
    step('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  services.forEach(watch);

  try {
    await Promise.all(services.map((s) => waitReady(s)));
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    return shutdown(1);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`\nSAS backend ready in ${seconds} s:\n`);
  for (const s of services) process.stdout.write(`  ${s.name.padEnd(12)} ${s.url}   (health: ${s.url}/health/ready)\n`);
  process.stdout.write(
    `  dashboard    ${services.find((s) => s.name === 'indicators').url}/dashboard   (sign in with: npm run -s token -- --role bi)\n`,
  );
  process.stdout.write(`  kafka        ${stack.kafkaBrokers}\n`);
  if (localHub) process.stdout.write(`  hub santé    ${localHub.url} (local; its LRMs acknowledge everything)\n`);
  process.stdout.write('\nPress Ctrl-C to stop.\n');
  if (demo) {
    await seedDemo(services, started);
    // Ctrl-C during the seeding: the vendor is not started on a stack that is stopping.
    if (demoVendor && !stopping) {
      try {
        closers.push(await startDemoVendor(stack, env, services, watch));
      } catch (error) {
        step(`the demo vendor could not be started (${error.message}); the services keep running`);
      }
    }
  }
}

/**
 * The demo's agenda vendor: a second scheduling (own database, topic prefix and port)
 * holding another small seeded part of the region, registered with the main scheduling
 * and pulled by it (docs/vendor-pull.md).
 */
async function startDemoVendor(stack, env, services, watch) {
  const {
    DEMO_VENDOR,
    ensureVendorDatabase,
    vendorDeploymentEnv,
    vendorDatabaseUrl,
    startTokenEndpoint,
    vendorRegistration,
  } = require('../lib/demo-vendor');
  const { spawnService, waitReady } = require('../lib/services');
  const port = Number(process.env.SAS_DEMO_VENDOR_PORT ?? 3005);
  await ensureVendorDatabase(stack.databaseUrl);
  const vendor = spawnService({ name: 'scheduling', port }, vendorDeploymentEnv(env, port));
  vendor.name = DEMO_VENDOR.id;
  services.push(vendor);
  watch(vendor);
  await waitReady(vendor);
  const runTs = (script, args, extraEnv, stdio) =>
    new Promise((resolve) => {
      let out = '';
      const child = spawn(process.execPath, [path.join(root, 'infra/bin/run-ts.js'), script, ...args], {
        cwd: root,
        env: { ...process.env, ...extraEnv },
        stdio,
      });
      child.stdout?.on('data', (d) => (out += d));
      child.on('exit', (code) => resolve({ code, out: out.trim() }));
    });
  const marker = path.join(root, '.data/dev', `demo-vendor-seed-${DEMO.vendorSeed}-scale-${DEMO.vendorScale}.done`);
  if (!fs.existsSync(marker)) {
    step(`publishing the demo vendor's practices (seed ${DEMO.vendorSeed}, scale ${DEMO.vendorScale}) to ${vendor.url}`);
    const seeded = await runTs(
      'libs/simulation/scripts/seed.ts',
      ['--scale', DEMO.vendorScale, '--seed', DEMO.vendorSeed, '--wait', 'false'],
      { SCHEDULING_URL: vendor.url },
      'inherit',
    );
    if (seeded.code !== 0) throw new Error('its practices could not be published');
    fs.writeFileSync(marker, new Date().toISOString());
  }
  const { Client } = require('pg');
  const db = new Client({ connectionString: vendorDatabaseUrl(stack.databaseUrl) });
  await db.connect();
  const rpps = (await db.query('SELECT rpps FROM scheduling.practitioner WHERE rpps IS NOT NULL ORDER BY rpps')).rows.map(
    (r) => r.rpps,
  );
  await db.end();
  const mint = async (args) =>
    (await runTs('libs/auth/scripts/mint-token.ts', [...args, '--ttl', '86400'], {}, ['ignore', 'pipe', 'inherit'])).out;
  // The vendor's search answers a regulator of the whole region, as the SAS platform is.
  const pullToken = await mint(['--role', 'regulator', '--territory', '75,77,78,91,92,93,94,95', '--subject', 'sas-platform']);
  const tokens = await startTokenEndpoint(env[DEMO_VENDOR.secretEnv], pullToken);
  const close = tokens.close;
  const admin = await mint(['--role', 'admin', '--subject', 'demo-admin']);
  const scheduling = services.find((s) => s.name === 'scheduling').url;
  const call = async (method, url, body) => {
    const res = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  await call('PUT', `${scheduling}/vendors/${DEMO_VENDOR.id}`, vendorRegistration(vendor.url, tokens.url, rpps));
  const poll = await call('POST', `${scheduling}/vendors/${DEMO_VENDOR.id}/poll`);
  step(
    `demo vendor ${vendor.url}/fhir (${rpps.length} practitioners) registered as '${DEMO_VENDOR.id}' and pulled: ${poll.requests} request(s), ${poll.slotsReceived} slots received; polled every 60 s`,
  );
  return close;
}

async function startHub() {
  const { startLocalHub } = require('../qpid/local-hub');
  step('starting a local Hub Santé (Qpid Broker-J)');
  return startLocalHub({ dataDir: path.join(root, '.data/dev'), port: Number(process.env.SAS_HUB_PORT ?? 5673) });
}

const DEMO = { scale: '0.01', seed: '1', vendorScale: '0.003', vendorSeed: '2' };

/** Publishes the demo region through the APIs (unless this data directory already has it). */
async function seedDemo(services, started) {
  const marker = path.join(root, '.data/dev', `demo-seed-${DEMO.seed}-scale-${DEMO.scale}.done`);
  const urls = Object.fromEntries(services.map((s) => [`${s.name.toUpperCase()}_URL`, s.url]));
  const runTs = (script, args, stdio) =>
    spawn(process.execPath, [path.join(root, 'infra/bin/run-ts.js'), script, ...args], {
      cwd: root,
      env: { ...process.env, ...urls },
      stdio,
    });
  const mint = (args) =>
    new Promise((resolve) => {
      let out = '';
      const child = runTs('libs/auth/scripts/mint-token.ts', [...args, '--ttl', '86400'], ['ignore', 'pipe', 'inherit']);
      child.stdout.on('data', (d) => (out += d));
      child.on('exit', () => resolve(out.trim()));
    });
  const token = await mint([
    '--role',
    'regulator',
    '--territory',
    '75',
    '--function',
    'snp-operator',
    '--subject',
    'demo-operator',
  ]);
  const bi = await mint(['--role', 'bi', '--subject', 'demo-steering']);
  const indicators = services.find((s) => s.name === 'indicators').url;
  process.stdout.write(
    `\nTry a search (a regulator token for Paris, valid 24 h):\n  curl -s '${services.find((s) => s.name === 'matching').url}/search?commune=75111&limit=3' -H 'authorization: Bearer ${token}'\n`,
  );
  // The token rides in the fragment, which the browser never sends; the page keeps it for the tab's session.
  process.stdout.write(
    `\nSteering dashboard (a BI token, valid 24 h; figures appear once calls are simulated):\n  ${indicators}/dashboard#token=${bi}\n`,
  );
  if (fs.existsSync(marker)) {
    step('the demo region is already published in .data/dev');
    return;
  }
  step(`publishing the demo region (Île-de-France, scale ${DEMO.scale}) through the APIs; searches answer as it fills`);
  const code = await new Promise((resolve) =>
    runTs('libs/simulation/scripts/seed.ts', ['--scale', DEMO.scale, '--seed', DEMO.seed], 'inherit').on('exit', resolve),
  );
  if (code !== 0) return step('the demo region could not be published (see above); the services keep running');
  fs.writeFileSync(marker, new Date().toISOString());
  step(
    `demo region published, ${((Date.now() - started) / 1000).toFixed(0)} s after start. Simulate calls with: npm run simulate -- --hours 24 --speed 60`,
  );
}

function step(message) {
  process.stdout.write(`[sas] ${message}\n`);
}

main().catch((error) => {
  process.stderr.write(`npm start failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
