'use strict';
// Runs the embedded PostgreSQL of a fault scenario in its own Node process (the package is
// an ES module, which jest's sandbox cannot import). Prints `ready <url>` once it accepts
// connections; SIGTERM stops PostgreSQL cleanly and exits.
const { startPostgres } = require('../../infra/postgres/postgres');

const [dataDir, port] = process.argv.slice(2);
startPostgres({ dataDir, port: Number(port), fast: true })
  .then((pg) => {
    process.stdout.write(`ready ${pg.url}\n`);
    process.once('SIGTERM', () =>
      pg.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      ),
    );
  })
  .catch((error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
