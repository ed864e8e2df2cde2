export * from './types.ts';
export * from './codes.ts';
export * from './load.ts';
