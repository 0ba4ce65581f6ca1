export * from './luhn';
export * from './practitioner-identifiers';
export * from './structure-identifiers';
export * from './territories';
export * from './paris-time';
export * from './commune-centres';
