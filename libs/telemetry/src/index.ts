export * from './start-telemetry';
export * from './trace-context';
export * from './json-logger';
export * from './http-tracing';
export * from './query-tracing';
export * from './telemetry-settings';
