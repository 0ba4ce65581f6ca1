'use strict';
// Resolves the `@sas/*` library imports of the compiled services (dist/) at run time.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');

tsconfigPaths.register({
  baseUrl: path.resolve(__dirname, '../../dist'),
  paths: { '@sas/*': ['libs/*/src'] },
});
