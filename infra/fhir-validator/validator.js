'use strict';
// Starts the HL7 FHIR validator (HAPI FHIR's, see Validator.java) once and validates many
// resources through it: its start-up (R4 core, snapshots of the guide's profiles) costs
// ~10 s on two cores, each resource afterwards milliseconds.
const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');
const { ensureValidatorJars } = require('./fetch');

/** The guide's profiles compiled by compile-guide.js (committed, see README.md). */
const CONFORMANCE_DIR = path.join(__dirname, 'conformance');
const START_TIMEOUT_MS = 120000;

/**
 * Resolves `{ validate(resource, profiles?) → issues, stop() }`; an issue is
 * `{ severity: 'fatal'|'error'|'warning'|'information', location, message }`.
 */
async function startValidator({ log = () => {} } = {}) {
  const jars = await ensureValidatorJars({ log });
  const child = spawn(
    'java',
    ['-Xmx1g', '-XX:+UseSerialGC', '-cp', `${jars}/*`, path.join(__dirname, 'Validator.java'), 'serve', CONFORMANCE_DIR],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const waiting = [];
  let ready;
  const started = new Promise((resolve, reject) => {
    ready = { resolve, reject };
    setTimeout(
      () => reject(new Error(`the FHIR validator did not start within ${START_TIMEOUT_MS} ms: ${stderr}`)),
      START_TIMEOUT_MS,
    ).unref();
  });
  child.on('exit', (code) => {
    const error = new Error(`the FHIR validator exited (${code}): ${stderr}`);
    ready.reject(error);
    waiting.splice(0).forEach((w) => w.reject(error));
  });
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const answer = JSON.parse(line);
    if (answer.ready) return ready.resolve();
    const next = waiting.shift();
    if (!next) return;
    if (answer.failure) next.reject(new Error(`the FHIR validator failed: ${answer.failure}`));
    else next.resolve(answer.issues);
  });
  process.once('exit', () => child.kill('SIGKILL'));
  await started;
  return {
    /** Answers come back in the order asked, one line each. */
    validate(resource, profiles = []) {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin.write(`${JSON.stringify({ resource, profiles })}\n`);
      });
    },
    stop() {
      child.stdin.end();
      return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
    },
  };
}

module.exports = { startValidator, CONFORMANCE_DIR };
