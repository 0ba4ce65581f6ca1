#!/usr/bin/env node
'use strict';
// The browser tests drive Debian's `chromium` package (a real headless browser, no
// download from a browser vendor's host). When it is missing and we are root, it is
// installed with apt-get from the distribution's own archive; otherwise we say how.
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

const CHROMIUM = process.env.SAS_CHROMIUM ?? '/usr/bin/chromium';

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium package (sudo apt-get install -y chromium), or set SAS_CHROMIUM to a Chromium binary`,
    );
  }
  process.stderr.write(`${CHROMIUM} is missing: installing Debian's chromium package with apt-get\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation']]) {
    const run = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (run.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${run.status}); install chromium by hand`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`);
  return CHROMIUM;
}

module.exports = { ensureChromium, CHROMIUM };

if (require.main === module) {
  try {
    process.stdout.write(`${ensureChromium()}\n`);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
