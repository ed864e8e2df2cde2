export * from './code-table-rules.ts';
export * from './envelope-rules.ts';
export * from './input.ts';
export * from './report.ts';
export * from './structural.ts';
export * from './types.ts';
export * from './schema-rules.ts';
