'use strict';

module.exports = async function globalTeardown() {
  await globalThis.__SAS_TEST_STACK__?.stop();
};
