export * from './setting-types';
export * from './settings';
export * from './service-settings';
