'use strict';
// The search load of a benchmark phase, on a thread of its own: the benchmark's main thread
// also serves the simulated vendors, and a search answered while it builds their Bundles
// would be timed late by the time that thread took to look. `workerData`: the search URL, a
// token, `clients` (back to back) or `rate` (per second, open loop: each search sent when due,
// whether or not the earlier ones were answered, timed from its sending). Stops on 'stop',
// waits for the searches in flight, and posts their latencies in ms.
const { parentPort, workerData } = require('node:worker_threads');
const { Agent, request } = require('node:http');
const { performance } = require('node:perf_hooks');

const { url, token, clients, rate } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: rate ? 32 : clients });
let stopped = false;
parentPort.on('message', (message) => {
  if (message === 'stop') stopped = true;
});

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

(rate ? atRate() : backToBack()).then(
  (latencies) => parentPort.postMessage({ latencies }),
  (error) => parentPort.postMessage({ error: error.message }),
);
