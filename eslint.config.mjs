import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importBoundaries } from './infra/lint/import-boundaries.mjs';

const root = dirname(fileURLToPath(import.meta.url));

export default tseslint.config(
  // test/lint/fixtures/ holds deliberate violations; lint-rules.spec.ts lints them at the paths they pretend to have.
  { ignores: ['dist/', 'node_modules/', '.data/', '.cache/', 'coverage/', 'test/lint/fixtures/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    plugins: { sas: importBoundaries(root) },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Type-aware: a promise nobody awaits loses its error (an unhandled rejection stops the
      // process) and its ordering; write `void` and say why when it is meant to run on its own.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // A new member of a union (an outcome, a mode, a status) must be decided on wherever it is switched on.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false }],
      'sas/import-boundaries': 'error',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        globalThis: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The dashboard's browser modules; d3, Plot and L are the libraries' globals.
    files: ['apps/indicators/dashboard/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'location',
          'history',
          'fetch',
          'sessionStorage',
          'crypto',
          'btoa',
          'TextEncoder',
          'URL',
          'URLSearchParams',
          'Blob',
          'Image',
          'XMLSerializer',
          'Option',
          'Intl',
          'setTimeout',
          'performance',
          'd3',
          'Plot',
          'L',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
);
