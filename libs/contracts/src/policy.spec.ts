import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import {
  CONSULTATION_MODES,
  DEFAULT_SPECIALTY,
  RESPONSE_RATE,
  responseRate,
  SEARCH_WINDOW_HOURS,
  SEARCH_WINDOW_MS,
  WEEKLY_CAP,
} from '@sas/contracts';

const REPO = join(__dirname, '..', '..', '..');
const CONTRACTS = join('libs', 'contracts');

/**
 * A rule written a second time drifts from the first. These patterns find a re-declaration
 * of the weekly cap, the search window, the default specialty or the mode list in code;
 * data that merely uses a value (a slot of specialty SM54, a test expecting 20) is not one.
 */
const REDECLARATIONS: Record<string, RegExp[]> = {
  'the weekly cap': [/\bWEEKLY_CAP\s*=\s*\d/, /\b(n|load|weeklyLoad|count)\s*>=\s*20\b/],
  'the search window': [/\b48\s*\*\s*(3600|60\s*\*\s*60|36e5)/, /\b2880\b/, /\b172_?800(_?000)?\b/],
  'the default specialty': [/(\?\?|default:|=)\s*'SM54'/, /includes\('SM54'\)/],
  'the consultation modes': [/'AMB'\s*\|\s*'HH'\s*\|\s*'VR'/, /\[\s*'AMB',\s*'HH',\s*'VR'\s*\]/, /Literal\('AMB'\)/],
};

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'migrations', 'dist', '.data', '.cache'].includes(entry.name) ? [] : codeFiles(path);
    return /\.(ts|js|mjs)$/.test(entry.name) && !/\.(int-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

function redeclarations(source: string): string[] {
  return Object.entries(REDECLARATIONS).flatMap(([rule, patterns]) =>
    patterns.filter((p) => p.test(source)).map((p) => `${rule} (${p.source})`),
  );
}

describe('the domain policy is defined once, in libs/contracts', () => {
  it('no code outside libs/contracts re-declares the cap, the window, the default specialty or the mode list', () => {
    const offenders = ['apps', 'libs', 'bench', 'test', 'examples']
      .flatMap((dir) => codeFiles(join(REPO, dir)))
      .map((path) => relative(REPO, path))
      .filter((file) => !file.startsWith(CONTRACTS + sep))
      .flatMap((file) => redeclarations(readFileSync(join(REPO, file), 'utf8')).map((what) => `${file}: ${what}`));
    expect(offenders).toEqual([]);
  });

  it('libs/contracts defines each of them exactly once', () => {
    const contracts = codeFiles(join(REPO, CONTRACTS, 'src'))
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
    for (const definition of [
      /export const WEEKLY_CAP =/g,
      /export const SEARCH_WINDOW_HOURS =/g,
      /export const DEFAULT_SPECIALTY =/g,
      /export const CONSULTATION_MODES =/g,
      /'SM54'/g,
    ]) {
      expect([definition.source, contracts.match(definition)?.length]).toEqual([definition.source, 1]);
    }
  });

  it.each([
    ['export const WEEKLY_CAP = 20;'],
    ['count(*) FILTER (WHERE n >= 20) AS practitioners_at_weekly_cap'],
    ['const DEFAULT_HORIZON_MS = 48 * 3600_000;'],
    ['avg((o.delay_minutes <= 2880)::int)'],
    ["specialty: query.specialty ?? 'SM54',"],
    ["@ApiPropertyOptional({ default: 'SM54' })"],
    ["mode?: 'AMB' | 'HH' | 'VR';"],
    ["@IsIn(['AMB', 'HH', 'VR'])"],
  ])('recognises a re-declaration: %s', (source) => {
    expect(redeclarations(source)).toHaveLength(1);
  });

  it.each([["specialties: ['SM54']"], ["modes: ['AMB', 'VR']"], ['expect(row.practitioners_at_weekly_cap).toBe(1)']])(
    'lets data through: %s',
    (source) => {
      expect(redeclarations(source)).toEqual([]);
    },
  );

  it('gives the values the SAS rules state (docs/domain.md)', () => {
    expect(WEEKLY_CAP).toBe(20);
    expect(SEARCH_WINDOW_MS).toBe(SEARCH_WINDOW_HOURS * 3600_000);
    expect(SEARCH_WINDOW_HOURS).toBe(48);
    expect(DEFAULT_SPECIALTY).toBe('SM54');
    expect(CONSULTATION_MODES).toEqual(['AMB', 'HH', 'VR']);
  });

  it('computes the response rate as its definition says: honoured ÷ requests, null without requests', () => {
    expect(RESPONSE_RATE.formula).toBe(`${RESPONSE_RATE.numerator} / ${RESPONSE_RATE.denominator} (null without requests)`);
    expect(responseRate(3, 6)).toBe(0.5);
    expect(responseRate(0, 4)).toBe(0);
    expect(responseRate(2, 0)).toBeNull();
    expect(responseRate(2, null)).toBeNull();
  });
});
