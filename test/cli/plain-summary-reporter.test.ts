import { describe, expect, it } from 'vitest';
import { summaryLine, type ModuleLike } from '../plain-summary-reporter';

const file = (state: string, tests: string[], errors: unknown[] = []): ModuleLike => ({
  state: () => state,
  errors: () => errors,
  children: { allTests: () => tests.map((testState) => ({ result: () => ({ state: testState }) })) },
});

describe('the closing line of npm test', () => {
  it('counts passed, failed and skipped tests in the format CI readers parse', () => {
    expect(summaryLine([file('failed', ['passed', 'failed', 'skipped', 'pending'])])).toBe(
      'Tests: 1 passed, 1 failed, 2 skipped\n',
    );
  });

  it('a test file that failed to load counts as a failure, never "0 failed"', () => {
    const notLoaded = file('failed', [], [new Error('Cannot find module')]);
    expect(summaryLine([file('passed', ['passed']), notLoaded])).toBe(
      'Tests: 1 passed, 1 failed, 0 skipped\n',
    );
  });

  it('an error outside every test file counts as a failure too', () => {
    expect(summaryLine([file('passed', ['passed'])], 1)).toBe('Tests: 1 passed, 1 failed, 0 skipped\n');
  });
});
