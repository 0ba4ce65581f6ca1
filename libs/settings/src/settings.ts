import { SettingType } from './setting-types';

/** One environment variable a service reads: its type, its default, what it means. */
export interface Setting<T> {
  readonly type: SettingType<T>;
  /** The value when the variable is unset or empty; absent: the setting is optional (undefined). */
  readonly default?: T;
  readonly description: string;
  /** A secret's value is never shown, not even in the refusal of a malformed one. */
  readonly secret?: boolean;
  /** How the configuration table states the default, when it is not the value itself (e.g. "3001…3004"). */
  readonly documentedDefault?: string;
}

/** Settings by variable name. */
export type SettingDefinitions = Record<string, Setting<unknown>>;

/** The typed values of a group of settings: optional ones may be undefined. */
export type SettingValues<D extends SettingDefinitions> = {
  readonly [K in keyof D]: D[K] extends { default: infer T } ? T : D[K] extends Setting<infer T> ? T | undefined : never;
};

/** Declares a setting, inferring its value type from its type. */
export function setting<T>(definition: Setting<T> & { default: T }): Setting<T> & { default: T };
export function setting<T>(definition: Setting<T>): Setting<T>;
export function setting<T>(definition: Setting<T>): Setting<T> {
  return definition;
}

/**
 * Settings refused at start: one line naming each variable at fault and the reason, with
 * the value only for settings that are not secrets (start-up errors end up in logs).
 */
export class InvalidSettings extends Error {
  constructor(readonly problems: { variable: string; reason: string }[]) {
    super(`invalid settings: ${problems.map((p) => `${p.variable} ${p.reason}`).join('; ')}`);
    this.name = 'InvalidSettings';
  }
}

/**
 * Reads and checks a group of settings from `env`. Every variable is checked before
 * anything is refused, so that one start shows every mistake.
 */
export function readSettings<D extends SettingDefinitions>(
  definitions: D,
  env: NodeJS.ProcessEnv = process.env,
): SettingValues<D> {
  const values: Record<string, unknown> = {};
  const problems: { variable: string; reason: string }[] = [];
  for (const [variable, definition] of Object.entries(definitions)) {
    const raw = env[variable];
    // Unset or empty: the default (compose files and shells set variables to nothing).
    if (raw === undefined || raw === '') {
      values[variable] = definition.default;
      continue;
    }
    const parsed = definition.type.parse(raw);
    if ('value' in parsed) values[variable] = parsed.value;
    else if (definition.secret || parsed.conceal)
      problems.push({ variable, reason: `${parsed.reason} (the value is not shown)` });
    else problems.push({ variable, reason: `${parsed.reason}, got ${JSON.stringify(raw)}` });
  }
  if (problems.length) throw new InvalidSettings(problems);
  return values as SettingValues<D>;
}
