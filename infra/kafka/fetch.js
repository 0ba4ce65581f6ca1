#!/usr/bin/env node
'use strict';
// Fetches the pinned Apache Kafka jars from Maven Central into a git-ignored cache and
// checks each against the SHA-256 pinned in manifest.json. Node built-ins only, no Maven.
const fs = require('node:fs');
const path = require('node:path');
const { artifactUrl, download } = require('./maven');
const { fileDigest } = require('./checksum');

const manifest = require('./manifest.json');
const root = path.resolve(__dirname, '../..');
const PARALLEL = 4;

/** Makes sure every pinned jar is in the cache; returns the folder to put on the classpath. */
async function ensureKafkaJars({ cacheDir, log = () => {} } = {}) {
  const dir = cacheDir || process.env.SAS_KAFKA_CACHE || path.join(root, '.cache', 'kafka', manifest.kafka);
  fs.mkdirSync(dir, { recursive: true });
  const marker = path.join(dir, '.verified');
  const pinned = JSON.stringify(manifest.jars.map((j) => j.sha256));
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === pinned) return dir;

  const queue = [...manifest.jars];
  let fetched = 0;
  const worker = async () => {
    for (let jar = queue.shift(); jar; jar = queue.shift()) {
      if (await ensureJar(dir, jar)) fetched++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  if (fetched) log(`fetched ${fetched} Kafka ${manifest.kafka} jars from Maven Central in ${Date.now() - started} ms`);
  fs.writeFileSync(marker, pinned);
  return dir;
}

/** Downloads one jar unless a verified copy is there; resolves whether it downloaded. */
async function ensureJar(dir, jar) {
  const file = path.join(dir, `${jar.artifact}-${jar.version}.jar`);
  if (fs.existsSync(file) && (await fileDigest(file)) === jar.sha256) return false;
  const url = artifactUrl(jar);
  const partial = `${file}.part`;
  for (let attempt = 1; ; attempt++) {
    try {
      await download(url, partial);
      break;
    } catch (error) {
      if (attempt >= 3) throw new Error(`cannot download ${url}: ${error.message}`);
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
  const actual = await fileDigest(partial);
  if (actual !== jar.sha256) {
    fs.rmSync(partial, { force: true });
    throw new Error(`checksum mismatch for ${url}: expected SHA-256 ${jar.sha256}, got ${actual}`);
  }
  fs.renameSync(partial, file);
  return true;
}

module.exports = { ensureKafkaJars, kafkaVersion: manifest.kafka };

if (require.main === module) {
  ensureKafkaJars({ log: (m) => process.stdout.write(`${m}\n`) })
    .then((dir) => process.stdout.write(`${dir}\n`))
    .catch((error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
}
