export * from './violations.ts';
export * from './ajv.ts';
export * from './collect.ts';
export * from './walk.ts';
