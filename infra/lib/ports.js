'use strict';
const net = require('node:net');

/** Resolves true when something accepts TCP connections on localhost:port. */
function isPortOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Throws a clear error when the port is already taken by another process. */
async function assertPortFree(port, what) {
  if (await isPortOpen(port)) {
    throw new Error(
      `${what} cannot start: port ${port} is already in use on localhost (stop the other process or choose another port).`,
    );
  }
}

/** Asks the OS for a free TCP port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

module.exports = { isPortOpen, assertPortFree, freePort };
