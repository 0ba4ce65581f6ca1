#!/usr/bin/env node
'use strict';
// `npm run compose:env [file]`: writes the secrets of docker-compose.yml to `.env` (or
// `file`), fresh and random: the database password, the patient-contact key, the
// Keycloak administrator's and demo users' passwords, and one client secret per service.
// Compose reads `.env` beside docker-compose.yml by itself. An existing file is kept:
// replacing a key would make the patient contacts already stored unreadable.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const SERVICES = ['scheduling', 'matching', 'orientation', 'indicators'];
const token = () => crypto.randomBytes(24).toString('base64url');

function composeSecrets() {
  return {
    POSTGRES_PASSWORD: token(),
    // AES-256-GCM key of the call-back contacts: 32 bytes, base64.
    PATIENT_CONTACT_KEY: crypto.randomBytes(32).toString('base64'),
    KEYCLOAK_ADMIN_PASSWORD: token(),
    SAS_DEMO_PASSWORD: token(),
    ...Object.fromEntries(SERVICES.map((s) => [`SAS_${s.toUpperCase()}_CLIENT_SECRET`, token()])),
  };
}

function writeEnvFile(file) {
  if (fs.existsSync(file)) {
    process.stderr.write(`${file} exists: kept as it is (delete it first to make new secrets)\n`);
    return false;
  }
  const lines = Object.entries(composeSecrets()).map(([name, value]) => `${name}=${value}`);
  fs.writeFileSync(
    file,
    `# Secrets of docker-compose.yml, written by npm run compose:env. Keep this file private.\n${lines.join('\n')}\n`,
    { mode: 0o600 },
  );
  process.stdout.write(`wrote ${file}\n`);
  return true;
}

/** Reads a KEY=value file as compose's env files are read (comments and blank lines skipped). */
function readEnvFile(file) {
  const values = {};
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (match && !line.trimStart().startsWith('#')) values[match[1]] = match[2];
  }
  return values;
}

if (require.main === module) writeEnvFile(path.resolve(process.argv[2] ?? path.join(__dirname, '../../.env')));

module.exports = { composeSecrets, writeEnvFile, readEnvFile };
