#!/usr/bin/env node
'use strict';
// `npm test`: installs what is missing, checks types and lint (the same as `npm run
// lint`, so CI runs it too), then runs every unit and integration test with jest. Jest's
// global setup starts a private Kafka broker and PostgreSQL for the run and stops them
// at the end. Extra arguments go to jest (`npm test -- slot`) and skip the lint step.
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { ensureDependencies, root } = require('./ensure-deps');

ensureDependencies();
if (process.argv.length === 2) {
  const lint = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', 'lint'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (lint.status !== 0) {
    process.stderr.write('npm test: type check or lint failed\n');
    process.exit(lint.status ?? 1);
  }
}
const jest = spawn(
  process.execPath,
  [path.join(root, 'node_modules/jest/bin/jest.js'), '--runInBand', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => jest.kill(signal));
jest.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
