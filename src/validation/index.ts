export * from './violations.ts';
export * from './ajv.ts';
