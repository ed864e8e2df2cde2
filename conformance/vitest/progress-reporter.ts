import type { TestAnnotation } from 'vitest';
import type { Reporter, SerializedError, TestCase, TestModule } from 'vitest/node';
import { GENERATE_PROGRESS } from '../generate/types.ts';
import type { CaseRecord } from '../engine/session-types.ts';
import './meta.ts';

/**
 * Progress while a CLI run is under way: a counter every tenth of the plan and one line per failed request
 * (the details come in the end-of-run summary). Collection errors and unhandled errors are printed in full.
 * It also keeps each judged case's record (masked, from the test's meta), so that a run ending early (a signal,
 * a crashed worker) can still report what was judged.
 */
export class ProgressReporter implements Reporter {
  total = 0;
  done = 0;
  private failed = 0;
  private nextMark = 0;
  errors: string[] = [];
  /** Tests that failed with something other than findings (a bug, not a verdict). */
  crashedTests = 0;
  readonly records: CaseRecord[] = [];
  /** The last progress line of generation (--generate), for a run that ends early. */
  generation?: string;

  constructor(private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {}

  onTestModuleCollected(module: TestModule): void {
    this.total = [...module.children.allTests()].length;
    this.nextMark = Math.max(1, Math.ceil(this.total / 10));
    this.write(`Running ${this.total} tests (one per request, plus coverage)…`);
  }

  /** Generation's progress (requests sent, failures found, time left), sent by the suite while its test runs. */
  onTestCaseAnnotate(_testCase: TestCase, annotation: TestAnnotation): void {
    if (annotation.type !== GENERATE_PROGRESS) return;
    this.generation = annotation.message;
    this.write(`  … ${annotation.message}`);
  }

  onTestCaseResult(testCase: TestCase): void {
    this.done++;
    const record = testCase.meta().conformance;
    if (record) this.records.push(record);
    const state = testCase.result().state;
    if (state === 'failed') {
      this.failed++;
      const errors = testCase.result().errors ?? [];
      if (!record || !errors.every((e) => (e.message ?? '').startsWith('['))) {
        this.crashedTests++;
        this.errors.push(errors.map((e) => e.stack ?? e.message).join('\n'));
      }
      this.write(`  ✗ ${testCase.fullName.replace(/ > /g, ' › ')}`);
    }
    if (this.done >= this.nextMark || this.done === this.total) {
      this.write(`  … ${this.done}/${this.total} done, ${this.failed} with failures`);
      this.nextMark += Math.max(1, Math.ceil(this.total / 10));
    }
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    for (const m of modules) for (const e of m.errors()) this.errors.push(e.stack ?? e.message);
    for (const e of unhandled) this.errors.push(e.stack ?? e.message);
    for (const e of this.errors) this.write(`vitest error: ${e}`);
  }
}
