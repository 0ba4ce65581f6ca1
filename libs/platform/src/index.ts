export * from './validation';
export * from './create-service-app';
export * from './health/readiness-check';
export * from './health/health.module';
export * from './health/health.controller';
export * from './errors/domain-error';
export * from './errors/domain-exception.filter';
export * from './check-with';
