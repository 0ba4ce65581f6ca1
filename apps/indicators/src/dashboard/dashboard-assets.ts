import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The files the dashboard page may load, by the name it asks for. A fixed list rather than
 * a static folder: nothing else under the repository or node_modules is ever served.
 */
const OWN = [
  'index.html',
  'dashboard.css',
  'main.js',
  'auth.js',
  'api.js',
  'view-state.js',
  'format.js',
  'tiles.js',
  'charts.js',
  'chart-frame.js',
  'map.js',
  'definitions.js',
];
const LIBRARIES: Record<string, [pkg: string, file: string]> = {
  'd3.min.js': ['d3', 'dist/d3.min.js'],
  'plot.umd.min.js': ['@observablehq/plot', 'dist/plot.umd.min.js'],
  'leaflet.js': ['leaflet', 'dist/leaflet.js'],
  'leaflet.css': ['leaflet', 'dist/leaflet.css'],
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** apps/indicators/dashboard, found from the source (ts-jest) or the compiled service (dist/). */
function pageFolder(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'apps/indicators/dashboard');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('apps/indicators/dashboard not found above ' + __dirname);
}

export interface DashboardAsset {
  type: string;
  /** The file's bytes, read once: the page's first visitor does not wait for the disk (about 700 KB in all). */
  body: Buffer;
}

let table: Map<string, DashboardAsset> | undefined;

/** The asset with this name, or undefined when the page may not load it. */
export function dashboardAsset(name: string): DashboardAsset | undefined {
  if (!table) {
    const folder = pageFolder();
    table = new Map();
    for (const file of OWN) table.set(file, read(join(folder, file)));
    for (const [name, [pkg, file]] of Object.entries(LIBRARIES)) table.set(name, read(resolve(packageFolder(pkg), file)));
  }
  return table.get(name);
}

/** Where an npm package is installed (d3's `exports` hide its package.json from require.resolve). */
function packageFolder(pkg: string): string {
  const folder = (require.resolve.paths(pkg) ?? [])
    .map((dir) => join(dir, pkg))
    .find((dir) => existsSync(join(dir, 'package.json')));
  if (!folder) throw new Error(`the dashboard needs the npm package ${pkg}`);
  return folder;
}

function read(path: string): DashboardAsset {
  return { type: typeOf(path), body: readFileSync(path) };
}

function typeOf(file: string): string {
  return TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
}
