import type { CaseRecord } from '../engine/session-types.ts';

/** What each conformance test hands to the CLI's reporter: the judged case's masked record. */
declare module '@vitest/runner' {
  interface TaskMeta {
    conformance?: CaseRecord;
  }
}

export {};
