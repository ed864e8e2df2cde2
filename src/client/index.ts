export * from './envelope-result.ts';
export * from './options.ts';
export * from './lingju.ts';
export * from './weidu.ts';
