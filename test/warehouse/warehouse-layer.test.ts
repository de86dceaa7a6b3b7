/** src/warehouse imports only src/core, and no Node, browser or Apps Script global (test/eslint.config.js). */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const eslint = new ESLint({ cwd: root, overrideConfigFile: `${root}test/eslint.config.js` });

async function problems(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}src/warehouse/bad.ts` });
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('lint keeps src/warehouse on src/core alone', () => {
  it.each([
    ["import { runCli } from '../local/cli';", 'src/warehouse imports only src/core'],
    ["import { applySegmentation } from '../workbook/apply';", 'src/warehouse imports only src/core'],
    ["import { readFileSync } from 'node:fs';", 'src/warehouse imports only src/core'],
    ['export const argv = process.argv;', 'process'],
    ['export const app = SpreadsheetApp;', 'SpreadsheetApp'],
  ])('%s is refused', async (code, message) => {
    expect((await problems(code)).join('\n')).toContain(message);
  });

  it('an import of src/core passes', async () => {
    expect(await problems("import { isoDay } from '../core/days';\nexport const day = isoDay(0);\n")).toEqual(
      [],
    );
  });
});
