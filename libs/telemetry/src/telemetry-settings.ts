import { oneOf, readSettings, setting, text } from '@sas/settings';

/** What every service logs and exports. */
export const TELEMETRY_SETTINGS = {
  LOG_LEVEL: setting({
    type: oneOf('error', 'warn', 'info', 'debug'),
    default: 'info',
    description: 'the least severe log lines written',
  }),
  OTEL_TRACES_EXPORTER: setting({
    type: text,
    default: 'none',
    description: 'otlp or console to export traces (read by the OpenTelemetry SDK with the standard OTEL_* variables)',
  }),
};

/** LOG_LEVEL, checked: the logger exists before the service's settings are provided. */
export function logLevel(env: NodeJS.ProcessEnv = process.env): string {
  return readSettings({ LOG_LEVEL: TELEMETRY_SETTINGS.LOG_LEVEL }, env).LOG_LEVEL;
}
