import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Most test time is spent waiting on spawned servers, sockets and Chromium, not on the CPU: two workers on a
    // 2-core machine (vitest's default there is one) ran the suite in 214 s instead of 312 s; a third gained nothing.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
