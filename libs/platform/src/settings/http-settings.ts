import { list, port, readSettings, setting, SettingType, text } from '@sas/settings';

/** A size as body-parser reads it: `10mb`, `512kb`, `1048576`. */
const byteSize: SettingType<string> = {
  expected: 'a size such as 10mb, 512kb or a number of bytes',
  parse: (raw) =>
    /^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i.test(raw.trim())
      ? { value: raw.trim() }
      : { reason: 'must be a size such as 10mb, 512kb or a number of bytes' },
};

/** How a service answers HTTP; `defaultPort` is the service's own (3001…3004). */
export function httpSettings(defaultPort: number) {
  return {
    PORT: setting({ type: port, default: defaultPort, documentedDefault: '3001…3004', description: 'HTTP port of the service' }),
    HOST: setting({ type: text, default: '127.0.0.1', description: 'interface the service listens on' }),
    HTTP_BODY_LIMIT: setting({ type: byteSize, default: '10mb', description: 'largest JSON body' }),
    CORS_ORIGINS: setting({
      type: list,
      default: [] as string[],
      documentedDefault: 'empty',
      description: 'browser origins allowed (comma-separated)',
    }),
  };
}

/** The HTTP settings whatever the port (createServiceApp does not know the service's). */
export const HTTP_SETTINGS = httpSettings(0);

/**
 * The interface a service listens on: HOST when configured (0.0.0.0 or an address, in a
 * container or behind a proxy), else the loopback only, so that an instance started on a
 * workstation is not reachable from other hosts by default.
 */
export function listenHost(env: NodeJS.ProcessEnv = process.env): string {
  return readSettings({ HOST: HTTP_SETTINGS.HOST }, env).HOST || '127.0.0.1';
}
