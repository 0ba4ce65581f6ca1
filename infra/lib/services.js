'use strict';
// The four services as child processes of `npm start`.
const path = require('node:path');
const { spawn } = require('node:child_process');

const root = path.resolve(__dirname, '../..');

// SAS_SCHEDULING_PORT … SAS_INDICATORS_PORT move a service off its default port (two
// stacks on one machine, or a port already taken); the others are told where it is.
const SERVICES = [
  { name: 'scheduling', port: 3001 },
  { name: 'matching', port: 3002 },
  { name: 'orientation', port: 3003 },
  { name: 'indicators', port: 3004 },
].map((s) => ({ ...s, port: Number(process.env[`SAS_${s.name.toUpperCase()}_PORT`] ?? s.port) }));

/** SCHEDULING_URL … INDICATORS_URL of the services as started here, for the services and scripts that call them. */
function serviceUrls(services = SERVICES) {
  return Object.fromEntries(services.map((s) => [`${s.name.toUpperCase()}_URL`, `http://127.0.0.1:${s.port}`]));
}

/** Starts one compiled service; its JSON log lines go to our stdout. `nodeArgs`: Node flags for this one only. */
function spawnService({ name, port, nodeArgs = [] }, env) {
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      // Extra Node flags for the services, e.g. SAS_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
      ...(process.env.SAS_NODE_ARGS ? process.env.SAS_NODE_ARGS.split(' ') : []),
      ...nodeArgs,
      '-r',
      path.join(root, 'infra/lib/register-paths.js'),
      path.join(root, `dist/apps/${name}/src/main.js`),
    ],
    // Development mode unless the caller chose otherwise: the services accept the development key only then.
    {
      cwd: root,
      env: { NODE_ENV: 'development', ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  return { name, port, child, url: `http://127.0.0.1:${port}` };
}

/** Resolves when GET /health/ready answers 200; rejects after `timeoutMs` or if the process exits. */
async function waitReady(service, timeoutMs = 120000) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  service.child.once('exit', () => (exited = true));
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${service.name} exited during start-up`);
    try {
      const res = await fetch(`${service.url}/health/ready`);
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = error.message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${service.name} not ready after ${timeoutMs / 1000} s: ${last}`);
}

/** Asks a service to stop (SIGTERM, Nest shutdown hooks), then kills it after `graceMs`. */
function stopService(service, graceMs = 15000) {
  return new Promise((resolve) => {
    if (service.child.exitCode !== null || service.child.signalCode !== null) return resolve();
    const timer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
    service.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    service.child.kill('SIGTERM');
  });
}

module.exports = { SERVICES, serviceUrls, spawnService, waitReady, stopService };
