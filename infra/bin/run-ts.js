#!/usr/bin/env node
'use strict';
// Runs a TypeScript script of the repository without a build step (ts-node-free):
// transpiles on the fly with TypeScript and resolves `@sas/*` imports to libs/*/src.
const path = require('node:path');
const ts = require('typescript');
const tsconfigPaths = require('tsconfig-paths');

const root = path.resolve(__dirname, '../..');
tsconfigPaths.register({ baseUrl: root, paths: { '@sas/*': ['libs/*/src'] } });
require.extensions['.ts'] = (module, filename) => {
  const source = require('node:fs').readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
    },
  });
  module._compile(outputText, filename);
};
const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
require(path.resolve(root, script));
