/**
 * Ends a test run with the plain closing line any CI reader understands, after every other line:
 * `Tests: N passed, N failed, N skipped`.
 */
import { writeSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/** What the summary line reads of a test file: its state, its errors and its tests' states. */
export interface ModuleLike {
  state(): string;
  errors(): readonly unknown[];
  children: { allTests(): Iterable<{ result(): { state: string } }> };
}

/**
 * The closing line. A test file that failed without a failed test in it (it could not be loaded,
 * or an error was raised outside its tests) counts as one failure, so that `0 failed` always means
 * nothing failed; so does each error vitest reports outside every file.
 */
export function summaryLine(testModules: ReadonlyArray<ModuleLike>, unhandledErrors = 0): string {
  const counts = { passed: 0, failed: unhandledErrors, skipped: 0 };
  for (const module of testModules) {
    let failedTests = 0;
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') counts.passed++;
      else if (state === 'failed') failedTests++;
      else counts.skipped++;
    }
    const fileFailed = module.state() === 'failed' || module.errors().length > 0;
    counts.failed += failedTests > 0 ? failedTests : fileFailed ? 1 : 0;
  }
  return `Tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`;
}

export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const line = summaryLine(testModules, unhandledErrors.length);
    process.once('exit', () => writeSync(1, line));
  }
}
