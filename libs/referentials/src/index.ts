export * from './luhn';
export * from './practitioner-identifiers';
export * from './structure-identifiers';
export * from './territories';
