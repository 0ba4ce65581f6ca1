import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', `${name}.ts.fixture`), 'utf8');

interface Verdict {
  path: string;
  eslint: { ruleId: string | null; message: string }[];
  formatted: boolean;
  eslintIgnores: boolean;
  prettierIgnores: boolean;
}

/** Lints and format-checks each text as the file at `path`, with the project's configurations, in one child process. */
function check(inputs: { path: string; text: string }[]): Verdict[] {
  const run = spawnSync(process.execPath, [join(__dirname, 'lint-texts.mjs')], {
    cwd: root,
    input: JSON.stringify(inputs),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`lint-texts.mjs failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Verdict[];
}

/**
 * What `npm run lint` (ESLint) and `npm run lint:format` (Prettier) refuse, shown on the
 * fixtures of test/lint/fixtures/, each checked as if it were a file at a real path of the
 * tree. The fixtures themselves are ignored by both tools, so the tree stays green.
 */
describe('lint rules: the house rules are enforced by the tools, not by goodwill', () => {
  let verdicts: Map<string, Verdict>;
  const rules = (path: string) => verdicts.get(path)!.eslint.map((m) => m.ruleId);

  beforeAll(() => {
    const inputs = [
      { path: 'apps/matching/src/floating-promise.ts', text: fixture('floating-promise') },
      { path: 'apps/matching/src/voided-promise.ts', text: fixture('voided-promise') },
      { path: 'apps/matching/src/app-imports-app.ts', text: fixture('app-imports-app') },
      {
        path: 'test/app-imports-app.ts',
        text: fixture('app-imports-app').replace('../../scheduling/src', '../apps/scheduling/src'),
      },
      { path: 'libs/contracts/src/contracts-imports-lib.ts', text: fixture('contracts-imports-lib') },
      { path: 'apps/matching/src/unformatted.ts', text: fixture('unformatted') },
      { path: 'apps/matching/src/formatted.ts', text: fixture('formatted') },
      { path: 'test/lint/fixtures/floating-promise.ts.fixture', text: fixture('floating-promise') },
    ];
    verdicts = new Map(check(inputs).map((v) => [v.path, v]));
  }, 300_000);

  it('refuses a promise neither awaited nor voided, and accepts it voided', () => {
    expect(rules('apps/matching/src/floating-promise.ts')).toEqual(['@typescript-eslint/no-floating-promises']);
    expect(rules('apps/matching/src/voided-promise.ts')).toEqual([]);
  });

  it('refuses a service importing another service, and lets tests import any service', () => {
    const [refusal] = verdicts.get('apps/matching/src/app-imports-app.ts')!.eslint;
    expect(refusal.ruleId).toBe('sas/import-boundaries');
    expect(refusal.message).toMatch(/^apps\/matching must not import apps\/scheduling/);
    expect(rules('test/app-imports-app.ts')).toEqual([]);
  });

  it('refuses libs/contracts importing another library of ours', () => {
    const [refusal] = verdicts.get('libs/contracts/src/contracts-imports-lib.ts')!.eslint;
    expect(refusal.ruleId).toBe('sas/import-boundaries');
    expect(refusal.message).toMatch(/^libs\/contracts is a leaf and must not import libs\/platform/);
  });

  it('finds an unformatted file unformatted, and the same code formatted', () => {
    expect(verdicts.get('apps/matching/src/unformatted.ts')!.formatted).toBe(false);
    expect(verdicts.get('apps/matching/src/formatted.ts')!.formatted).toBe(true);
    expect(verdicts.get('apps/matching/src/unformatted.ts')!.prettierIgnores).toBe(false);
  });

  it('keeps the fixtures themselves out of the real lint and format runs', () => {
    const real = verdicts.get('test/lint/fixtures/floating-promise.ts.fixture')!;
    expect([real.eslintIgnores, real.prettierIgnores]).toEqual([true, true]);
  });

  it('checks the whole tree with Prettier in lint:format', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['lint:format']).toBe('prettier --check .');
  });
});
