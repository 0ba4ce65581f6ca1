'use strict';
// The search load of a benchmark phase, in a process of its own (forked, with IPC): the
// benchmark's process also serves the simulated vendors, and a search answered while it
// builds their Bundles would be timed late by the time it took to look; a process can also be
// given the cores the regulators' side has. Argument: JSON with the search URL, a token,
// `clients` (back to back) or `rate` (per second, open loop: each search sent when due,
// whether or not the earlier ones were answered, timed from its sending). Starts on 'start',
// stops on 'stop', waits for the searches in flight, and sends their latencies in ms.
const { Agent, request } = require('node:http');
const { performance } = require('node:perf_hooks');

const { url, token, clients, rate } = JSON.parse(process.argv[2]);
const agent = new Agent({ keepAlive: true, maxSockets: rate ? 32 : clients });
let stopped = false;
process.on('message', (message) => {
  if (message === 'start') run();
  if (message === 'stop') stopped = true;
});
process.send('ready');

function search() {
  return new Promise((resolve, reject) => {
    const sent = performance.now();
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200 ? resolve(performance.now() - sent) : reject(new Error(`search failed: ${res.statusCode}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function backToBack() {
  const latencies = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!stopped) latencies.push(await search());
    }),
  );
  return latencies;
}

async function atRate() {
  const pending = [];
  const begun = performance.now();
  for (let i = 0; !stopped; i++) {
    const wait = begun + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(search());
  }
  return Promise.all(pending);
}

function run() {
  (rate ? atRate() : backToBack()).then(
    (latencies) => process.send({ latencies }, () => process.exit(0)),
    (error) => process.send({ error: error.message }, () => process.exit(1)),
  );
}
