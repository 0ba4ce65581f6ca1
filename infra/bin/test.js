#!/usr/bin/env node
'use strict';
// `npm test`: installs what is missing, then runs every unit and integration test
// with jest. Jest's global setup starts a private Kafka broker and PostgreSQL for the
// run and stops them at the end. Extra arguments go to jest (`npm test -- slot`).
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ensureDependencies, root } = require('./ensure-deps');

ensureDependencies();
const jest = spawn(process.execPath, [path.join(root, 'node_modules/jest/bin/jest.js'), '--runInBand', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => jest.kill(signal));
jest.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
