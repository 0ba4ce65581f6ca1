export * from './start-telemetry';
export * from './trace-context';
export * from './json-logger';
