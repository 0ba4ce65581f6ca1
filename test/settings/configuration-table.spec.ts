import { Setting, SettingDefinitions } from '@sas/settings';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCRIPT_SETTINGS, SERVICE_SETTINGS } from './service-settings';

const root = join(__dirname, '..', '..');

interface Documented {
  variable: string;
  default: string;
  file: string;
}

/**
 * The rows of every configuration table (header `| variable | default | … |`) of README.md
 * and docs/: a row may name several variables, with one default for all or one each
 * (comma-separated, in the same order).
 */
function documentedSettings(): Documented[] {
  const files = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const rows: Documented[] = [];
  for (const file of files) {
    let inTable = false;
    for (const line of readFileSync(join(root, file), 'utf8').split('\n')) {
      const cells = line.startsWith('|')
        ? line
            .split('|')
            .slice(1, -1)
            .map((c) => c.trim())
        : undefined;
      if (!cells) inTable = false;
      else if (cells[0] === 'variable' && cells[1] === 'default') inTable = true;
      else if (inTable && !/^-+$/.test(cells[0])) {
        const variables = [...cells[0].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]);
        const defaults = cells[1].split(', ');
        variables.forEach((variable, i) =>
          rows.push({
            variable,
            default: (defaults.length === variables.length ? defaults[i] : cells[1]).replace(/`/g, '').trim(),
            file,
          }),
        );
      }
    }
  }
  return rows;
}

/** How a table states a setting's default: its documentedDefault, else the value ("unset" for none). */
function shownDefault(definition: Setting<unknown>): string {
  if (definition.documentedDefault !== undefined) return definition.documentedDefault;
  if (definition.default === undefined) return 'unset';
  return Array.isArray(definition.default) ? definition.default.join(',') : String(definition.default);
}

/** Every definition of every service and script, by variable (services share the libraries' groups). */
const defined = new Map<string, Setting<unknown>>(
  Object.values<SettingDefinitions>({ ...SERVICE_SETTINGS, ...SCRIPT_SETTINGS }).flatMap((definitions) =>
    Object.entries(definitions),
  ),
);

describe('the configuration tables: every setting documented with its default, no documented setting unknown', () => {
  const documented = documentedSettings();

  it('reads the tables of README.md and docs/', () => {
    expect(documented.filter((d) => d.file === 'README.md').length).toBeGreaterThan(50);
  });

  it.each([...defined.keys()])('%s is documented with the default it has', (variable) => {
    const rows = documented.filter((d) => d.variable === variable);
    expect(rows.map((r) => r.variable)).toContain(variable);
    const expected = shownDefault(defined.get(variable)!);
    for (const row of rows) {
      const stated = row.default === expected || row.default.startsWith(`${expected} `) || row.default.startsWith(`${expected}:`);
      expect(`${row.file}: ${variable} = ${row.default}`).toBe(`${row.file}: ${variable} = ${stated ? row.default : expected}`);
    }
  });

  it('documents no variable that nothing reads: each is a setting of a service or script, a secret file, or read by the tooling', () => {
    const secrets = new Set([...defined].filter(([, d]) => d.secret).map(([v]) => `${v}_FILE`));
    // The ports of the services npm start runs are read under a name computed from the service's.
    const computed = ['SCHEDULING', 'MATCHING', 'ORIENTATION', 'INDICATORS'].map((s) => `SAS_${s}_PORT`);
    expect(readFileSync(join(root, 'infra/lib/services.js'), 'utf8')).toContain(
      'process.env[`SAS_${s.name.toUpperCase()}_PORT`]',
    );
    const tooling = documented.map((d) => d.variable).filter((v) => !defined.has(v) && !secrets.has(v) && !computed.includes(v));
    // The tooling (npm start, npm test, the infra scripts, the browser helper) reads the rest.
    const unread = [...new Set(tooling)].filter((variable) => {
      try {
        execFileSync('git', ['grep', '-q', '-w', variable, '--', 'infra', 'test/support', 'libs/simulation', 'package.json'], {
          cwd: root,
        });
        return false;
      } catch {
        return true;
      }
    });
    expect(unread).toEqual([]);
  });
});
