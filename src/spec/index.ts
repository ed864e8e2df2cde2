export * from './types.ts';
export * from './codes.ts';
export * from './load.ts';
export * from './verbatim.ts';
export * from './credentials.ts';
export * from './schema-tree.ts';
export * from './check-catalogue.ts';
