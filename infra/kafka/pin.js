#!/usr/bin/env node
'use strict';
// Re-pins the Kafka jar set (maintainers only; needs Maven). Resolve the runtime
// classpath of kafka_2.13 plus a logging backend, then run this on the list:
//
//   mvn -f infra/kafka/pom.xml dependency:list -DincludeScope=runtime \
//       -DoutputAbsoluteArtifactFilename=true -DoutputFile=/tmp/kafka-deps.txt
//   node infra/kafka/pin.js /tmp/kafka-deps.txt
//
// Each jar's SHA-1 is checked against the one Maven Central publishes before its
// SHA-256 is written to manifest.json.
const fs = require('node:fs');
const path = require('node:path');
const { artifactUrl, fetchText } = require('./maven');
const { fileDigest } = require('./checksum');

/** The jars of a `mvn dependency:list` output, each checked against Maven Central's SHA-1, sorted. */
async function pinnedJars(listFile) {
  const lines = fs
    .readFileSync(listFile, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /:jar:/.test(l));
  const jars = [];
  for (const line of lines) {
    const [group, artifact, , version, , ...fileParts] = line.split(':');
    const file = fileParts.join(':');
    const entry = { group, artifact, version };
    const published = (await fetchText(artifactUrl(entry, 'jar.sha1'))).trim().split(/\s+/)[0];
    const sha1 = await fileDigest(file, 'sha1');
    if (published !== sha1) throw new Error(`${artifact}-${version}: SHA-1 ${sha1} differs from Maven Central's ${published}`);
    jars.push({ ...entry, sha256: await fileDigest(file, 'sha256'), size: fs.statSync(file).size });
  }
  jars.sort((a, b) => `${a.group}:${a.artifact}`.localeCompare(`${b.group}:${b.artifact}`));
  return jars;
}

async function main(listFile) {
  const jars = await pinnedJars(listFile);
  const manifest = { kafka: jars.find((j) => j.artifact === 'kafka_2.13').version, jars };
  fs.writeFileSync(path.join(__dirname, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  process.stdout.write(`pinned ${jars.length} jars\n`);
}

module.exports = { pinnedJars };

if (require.main === module) {
  main(process.argv[2]).catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
