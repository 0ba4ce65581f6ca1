/** `--name value` arguments of a script, with defaults; `--flag` alone is "true". */
export function parseArguments(args: string[], defaults: Record<string, string>): Record<string, string> {
  const values = { ...defaults };
  for (let i = 0; i < args.length; i++) {
    const match = /^--([a-z-]+)$/.exec(args[i]);
    if (!match) throw new Error(`unexpected argument ${args[i]}`);
    if (!(match[1] in defaults))
      throw new Error(
        `unknown option --${match[1]} (known: ${Object.keys(defaults)
          .map((k) => `--${k}`)
          .join(', ')})`,
      );
    const next = args[i + 1];
    values[match[1]] = next !== undefined && !next.startsWith('--') ? (i++, next) : 'true';
  }
  return values;
}

export function positiveNumber(values: Record<string, string>, name: string): number {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number (got ${values[name]})`);
  return value;
}

/** An optional hour of the day (0–23); an empty value means none. */
export function optionalHour(values: Record<string, string>, name: string): number | undefined {
  if (values[name] === '') return undefined;
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 0 || value > 23)
    throw new Error(`--${name} must be an hour from 0 to 23 (got ${values[name]})`);
  return value;
}
