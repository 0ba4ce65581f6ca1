#!/usr/bin/env node
'use strict';
// Fetches the pinned HAPI FHIR validator jars from Maven Central into a git-ignored cache
// and checks each against the SHA-256 pinned in manifest.json, as infra/kafka does.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { download } = require('../kafka/maven');
const { fileDigest } = require('../kafka/checksum');
const { jarFile, jarUrl } = require('./jars');

const manifest = require('./manifest.json');
const root = path.resolve(__dirname, '../..');
const PARALLEL = 4;
const ATTEMPTS = 3;

/** Makes sure every pinned jar is in the cache; resolves the folder to put on the classpath. */
async function ensureValidatorJars({ cacheDir, log = () => {} } = {}) {
  const dir = cacheDir || process.env.SAS_FHIR_VALIDATOR_CACHE || path.join(root, '.cache', 'fhir-validator', manifest.hapi);
  fs.mkdirSync(dir, { recursive: true });
  // Hashing 150 MB on every test run costs ~0.5 s: a marker records the verified pins.
  const marker = path.join(dir, '.verified');
  const pins = JSON.stringify(manifest.jars.map((j) => j.sha256));
  if (readOr(marker) === pins && manifest.jars.every((jar) => sizeOf(jarFile(dir, jar)) === jar.size)) return dir;
  fs.rmSync(marker, { force: true });
  // The classpath is `dir/*`: a jar of an earlier pin would load too.
  const pinned = new Set(manifest.jars.map((jar) => path.basename(jarFile(dir, jar))));
  for (const name of fs.readdirSync(dir)) if (name.endsWith('.jar') && !pinned.has(name)) fs.rmSync(path.join(dir, name));
  const started = Date.now();
  const queue = [...manifest.jars];
  let fetched = 0;
  const worker = async () => {
    for (let jar = queue.shift(); jar; jar = queue.shift()) if (await ensureJar(dir, jar)) fetched++;
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  if (fetched) log(`fetched ${fetched} HAPI FHIR ${manifest.hapi} validator jars in ${Date.now() - started} ms`);
  fs.writeFileSync(marker, pins);
  return dir;
}

async function ensureJar(dir, jar) {
  const file = jarFile(dir, jar);
  if (sizeOf(file) === jar.size && (await fileDigest(file)) === jar.sha256) return false;
  const url = jarUrl(jar);
  const partial = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.part`;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await download(url, partial);
        break;
      } catch (error) {
        if (attempt >= ATTEMPTS) throw new Error(`cannot download ${url} after ${ATTEMPTS} attempts: ${error.message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** (attempt - 1)));
      }
    }
    const actual = await fileDigest(partial);
    if (actual !== jar.sha256)
      throw new Error(`checksum mismatch for ${url}: manifest.json pins SHA-256 ${jar.sha256}, the download has ${actual}`);
    fs.renameSync(partial, file);
    return true;
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

function sizeOf(file) {
  return fs.statSync(file, { throwIfNoEntry: false })?.size;
}

function readOr(file) {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

module.exports = { ensureValidatorJars, hapiVersion: manifest.hapi };

if (require.main === module) {
  ensureValidatorJars({ log: (m) => process.stderr.write(`${m}\n`) })
    .then((dir) => process.stdout.write(`${dir}\n`))
    .catch((error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
}
