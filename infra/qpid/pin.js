#!/usr/bin/env node
'use strict';
// Re-pins the Qpid Broker-J jar set (maintainers only; needs Maven), as ../kafka/pin.js does for Kafka:
//
//   mvn -q -f infra/qpid/pom.xml dependency:list -DincludeScope=runtime \
//       -DoutputAbsoluteArtifactFilename=true -DoutputFile=/tmp/qpid-deps.txt
//   node infra/qpid/pin.js /tmp/qpid-deps.txt
const fs = require('node:fs');
const path = require('node:path');
const { pinnedJars } = require('../kafka/pin');

pinnedJars(process.argv[2])
  .then((jars) => {
    const manifest = { qpid: jars.find((j) => j.artifact === 'qpid-broker').version, jars };
    fs.writeFileSync(path.join(__dirname, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    process.stdout.write(`pinned ${jars.length} jars\n`);
  })
  .catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
