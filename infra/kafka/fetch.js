#!/usr/bin/env node
'use strict';
// Fetches the pinned Apache Kafka jars from Maven Central into a git-ignored cache and
// checks each against the SHA-256 pinned in manifest.json. Node built-ins only, no Maven.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { setTimeout: sleep } = require('node:timers/promises');
const { artifactUrl, download } = require('./maven');
const { fileDigest } = require('./checksum');

const manifest = require('./manifest.json');
const root = path.resolve(__dirname, '../..');
const PARALLEL = 4;
const ATTEMPTS = 3;

/** Makes sure every pinned jar is in the cache; resolves the folder to put on the classpath. */
async function ensureKafkaJars({ cacheDir, log = () => {} } = {}) {
  const dir = cacheDir || process.env.SAS_KAFKA_CACHE || path.join(root, '.cache', 'kafka', manifest.kafka);
  return ensurePinnedJars({ jars: manifest.jars, dir, label: `Kafka ${manifest.kafka}`, log });
}

/** Makes sure every jar of a pinned set (a manifest's `jars`) is in `dir`; resolves `dir`. */
async function ensurePinnedJars({ jars, dir, label, log = () => {} }) {
  fs.mkdirSync(dir, { recursive: true });
  // Hashing 48 MB costs ~0.1 s on every broker start: a marker records the pins that were
  // verified, and a cheap size check catches a jar deleted or truncated since.
  const marker = path.join(dir, '.verified');
  const pins = JSON.stringify(jars.map((j) => j.sha256));
  if (readOr(marker, '') === pins && jars.every((jar) => sizeOf(jarPath(dir, jar)) === jar.size)) return dir;

  fs.rmSync(marker, { force: true });
  removeUnpinnedJars(dir, jars);
  const started = Date.now();
  const fetched = await forEachLimited(jars, PARALLEL, (jar) => ensureJar(dir, jar));
  const downloaded = jars.filter((_, i) => fetched[i]);
  if (downloaded.length) {
    const mb = downloaded.reduce((sum, j) => sum + j.size, 0) / 1e6;
    log(`fetched ${downloaded.length} ${label} jars (${mb.toFixed(1)} MB) in ${Date.now() - started} ms`);
  }
  fs.writeFileSync(marker, pins);
  return dir;
}

/** The broker's classpath is `dir/*`: a jar left from an earlier pin (say an older reload4j) would load too. */
function removeUnpinnedJars(dir, jars) {
  const pinned = new Set(jars.map((jar) => path.basename(jarPath(dir, jar))));
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith('.jar') && !pinned.has(name)) fs.rmSync(path.join(dir, name));
  }
}

function jarPath(dir, jar) {
  return path.join(dir, `${jar.artifact}-${jar.version}.jar`);
}

/** Downloads one jar unless a copy with the pinned digest is there; resolves whether it downloaded. */
async function ensureJar(dir, jar) {
  const file = jarPath(dir, jar);
  if (sizeOf(file) === jar.size && (await fileDigest(file)) === jar.sha256) return false;
  const url = artifactUrl(jar);
  // A name of its own, so that two processes filling the same cache never share a partial file.
  const partial = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.part`;
  try {
    await withRetries(url, () => download(url, partial));
    const actual = await fileDigest(partial);
    if (actual !== jar.sha256) {
      throw new Error(
        `checksum mismatch for ${url}: manifest.json pins SHA-256 ${jar.sha256}, the download has ${actual}` +
          ' (a proxy or mirror serving a different file? see infra/kafka/README.md to re-pin)',
      );
    }
    fs.renameSync(partial, file);
    return true;
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

async function withRetries(url, action) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= ATTEMPTS) throw new Error(`cannot download ${url} after ${ATTEMPTS} attempts: ${error.message}`);
      await sleep(1000 * 2 ** (attempt - 1));
    }
  }
}

/** Runs `task` on every item with at most `limit` at once; resolves the results in order. */
async function forEachLimited(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await task(items[i]);
      } catch (error) {
        failed = true; // the other workers stop picking up jars
        throw error;
      }
    }
  };
  // Let running downloads finish (and remove their partial files) before reporting a failure.
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
  return results;
}

function sizeOf(file) {
  return fs.statSync(file, { throwIfNoEntry: false })?.size;
}

function readOr(file, fallback) {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : fallback;
}

module.exports = { ensureKafkaJars, ensurePinnedJars, kafkaVersion: manifest.kafka };

if (require.main === module) {
  ensureKafkaJars({ log: (m) => process.stderr.write(`${m}\n`) })
    .then((dir) => process.stdout.write(`${dir}\n`))
    .catch((error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
}
