// Lints and format-checks texts as if they were files at the given paths of this checkout,
// with the project's own ESLint and Prettier configurations (what `npm run lint` and
// `npm run lint:format` use). Reads [{ path, text }] (TypeScript texts) as JSON on stdin, writes, per text,
// the ESLint rule ids reported, whether Prettier finds it formatted, and whether either
// tool would skip a real file at that path. Run in a child process by lint-rules.spec.ts:
// both tools load their configurations as ES modules, which jest's module system does not.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const inputs = JSON.parse(readFileSync(0, 'utf8'));
// The rules are the project's; only where the type checker finds these files changes: they
// exist nowhere on disk, so TypeScript's project service opens them in a default project
// with tsconfig.json's options (paths included) instead of refusing them.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: inputs.map((input) => input.path), defaultProject: 'tsconfig.json' },
      },
    },
  },
});
const results = [];
for (const { path, text } of inputs) {
  const file = join(root, path);
  const [linted] = await eslint.lintText(text, { filePath: file, warnIgnored: true });
  const options = (await prettier.resolveConfig(file)) ?? {};
  results.push({
    path,
    eslint: linted.messages.map((m) => ({ ruleId: m.ruleId, message: m.message, line: m.line })),
    // Every text here is TypeScript, whatever its path ends with (the fixtures' own paths included).
    formatted: await prettier.check(text, { ...options, filepath: file, parser: 'typescript' }),
    eslintIgnores: await eslint.isPathIgnored(file),
    prettierIgnores: (await prettier.getFileInfo(file, { ignorePath: [join(root, '.gitignore'), join(root, '.prettierignore')] }))
      .ignored,
  });
}
process.stdout.write(JSON.stringify(results));
