#!/usr/bin/env node
'use strict';
// Re-pins the FHIR validator's jar set (maintainers only; needs Maven). Resolve the
// runtime classpath of pom.xml, then run this on the list:
//
//   mvn -f infra/fhir-validator/pom.xml dependency:list -DincludeScope=runtime \
//       -DoutputAbsoluteArtifactFilename=true -DoutputFile=/tmp/fhir-validator-deps.txt
//   node infra/fhir-validator/pin.js /tmp/fhir-validator-deps.txt
//
// Each jar's SHA-1 is checked against the one Maven Central publishes before its
// SHA-256 is written to manifest.json (as infra/kafka/pin.js does for Kafka).
const fs = require('node:fs');
const path = require('node:path');
const { fetchText } = require('../kafka/maven');
const { fileDigest } = require('../kafka/checksum');
const { jarUrl } = require('./jars');

async function main(listFile) {
  const lines = fs
    .readFileSync(listFile, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /:jar:/.test(l));
  const jars = [];
  for (const line of lines) {
    // group:artifact:jar[:classifier]:version:scope:/absolute/file
    const parts = line.split(':');
    const withClassifier = parts.length >= 7 && !parts[5].startsWith('/') && !['compile', 'runtime'].includes(parts[4]);
    const [group, artifact] = parts;
    const classifier = withClassifier ? parts[3] : undefined;
    const version = withClassifier ? parts[4] : parts[3];
    const file = parts.slice(withClassifier ? 6 : 5).join(':');
    const entry = { group, artifact, version, ...(classifier && { classifier }) };
    const published = (await fetchText(`${jarUrl(entry)}.sha1`)).trim().split(/\s+/)[0];
    const sha1 = await fileDigest(file, 'sha1');
    if (published !== sha1) throw new Error(`${artifact}-${version}: SHA-1 ${sha1} differs from Maven Central's ${published}`);
    jars.push({ ...entry, sha256: await fileDigest(file, 'sha256'), size: fs.statSync(file).size });
  }
  jars.sort((a, b) =>
    `${a.group}:${a.artifact}:${a.classifier ?? ''}`.localeCompare(`${b.group}:${b.artifact}:${b.classifier ?? ''}`),
  );
  const manifest = { hapi: jars.find((j) => j.artifact === 'hapi-fhir-validation').version, jars };
  fs.writeFileSync(path.join(__dirname, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  process.stdout.write(`pinned ${jars.length} jars\n`);
}

main(process.argv[2]).catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
