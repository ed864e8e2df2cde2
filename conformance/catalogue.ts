// The check catalogue lives in src/spec/check-catalogue.ts, where the review pack reads it too; conformance re-exports it.
export * from '../src/spec/check-catalogue.ts';
