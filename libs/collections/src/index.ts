export * from './uuid-words';
