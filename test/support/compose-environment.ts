import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

/**
 * docker-compose.yml and infra/docker/Dockerfile read as Docker would, so that a test can
 * run a service as a process with exactly the environment its container gets.
 */
export const ROOT = join(__dirname, '../..');
const DOCKERFILE = join(ROOT, 'infra/docker/Dockerfile');

interface ComposeService {
  environment?: Record<string, string | number | boolean | null>;
}

/** The services of docker-compose.yml, YAML merge keys (`<<: *service`) applied. */
export function composeServices(): Record<string, ComposeService> {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  return compose.services;
}

/** Compose's interpolation: `${VAR}`, `${VAR:-default}`, `${VAR:?error}` and `$$`, from the env file's values. */
export function interpolate(text: string, values: Record<string, string>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-?])([^}]*))?\}/g,
    (whole, name: string | undefined, kind?: string, argument?: string) => {
      if (whole === '$$') return '$';
      const value = values[name!];
      if (value !== undefined && value !== '') return value;
      if (kind === '-') return argument ?? '';
      if (kind === '?') throw new Error(`docker compose would refuse to start: ${name} ${argument}`);
      return '';
    },
  );
}

/** The ENV lines of the Dockerfile's final stage: the image's own environment. */
export function imageEnvironment(): Record<string, string> {
  const stages = readFileSync(DOCKERFILE, 'utf8').split(/^FROM /m);
  const env: Record<string, string> = {};
  for (const match of stages[stages.length - 1].matchAll(/^ENV\s+([A-Za-z_][A-Za-z0-9_]*)=(\S+)\s*$/gm)) env[match[1]] = match[2];
  return env;
}

/** The Dockerfile's CMD (exec form). */
export function imageCommand(): string[] {
  const match = /^CMD\s+(\[.*\])\s*$/m.exec(readFileSync(DOCKERFILE, 'utf8'));
  if (!match) throw new Error('the Dockerfile has no CMD in exec form');
  return JSON.parse(match[1]) as string[];
}

/** The Dockerfile's build step: its RUN lines of the build stage. */
export function imageBuildSteps(): string[] {
  const [, build] = readFileSync(DOCKERFILE, 'utf8').split(/^FROM /m);
  return [...build.matchAll(/^RUN\s+(.+)$/gm)].map((m) => m[1].trim());
}

/**
 * The environment of a service's container: the image's ENV, then compose's `environment`
 * interpolated from the env file. PATH is the one thing added: the node image sets it.
 */
export function containerEnvironment(service: string, envFile: Record<string, string>): Record<string, string> {
  const declared = composeServices()[service]?.environment;
  if (!declared) throw new Error(`docker-compose.yml has no environment for ${service}`);
  const env: Record<string, string> = {
    PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    ...imageEnvironment(),
  };
  for (const [name, value] of Object.entries(declared)) env[name] = interpolate(String(value ?? ''), envFile);
  return env;
}

/** Rewrites `host:port` addresses (compose's network names) in every value. */
export function mapHosts(env: Record<string, string>, hosts: Record<string, string>): Record<string, string> {
  const mapped: Record<string, string> = {};
  for (const [name, value] of Object.entries(env))
    mapped[name] = Object.entries(hosts).reduce((v, [from, to]) => v.split(from).join(to), value);
  return mapped;
}

/** `npm run build`, the image's build step, as the Dockerfile runs it. */
export function buildAsTheImage(): void {
  const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('npm run build failed');
}

/** A service started as its container would start it: the image's CMD, from the repository root (the image's /app). */
export interface ContainerProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function runAsContainer(env: Record<string, string>): ContainerProcess {
  const [command, ...args] = imageCommand();
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}
