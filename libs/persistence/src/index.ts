export * from './database-config';
export * from './data-source';
export * from './schema-of';
export * from './persistence.module';
export * from './prepared-statement';
export * from './database-settings';
