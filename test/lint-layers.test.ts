/**
 * The layers are a rule, not a hope: lint refuses an import against the arrows (core ← workbook ←
 * addon / local; src/warehouse uses core only; the sidebar page uses core, src/warehouse and the
 * workbook's settings model and wire contract only) and a browser or Node global in src/core and
 * src/workbook. Each case lints a file that does not exist, at the path it would have.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url).pathname;
const eslint = new ESLint({ cwd: root, overrideConfigFile: `${root}test/eslint.config.js` });

async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('lint keeps the layers apart', () => {
  it.each([
    ['src/core/bad.ts', "import { applySegmentation } from '../workbook/apply';", 'src/core imports nothing'],
    ['src/core/bad.ts', "import { readFileSync } from 'node:fs';", 'src/core imports nothing'],
    [
      'src/workbook/bad.ts',
      "import { sheetsPort } from '../addon/sheets-port';",
      'src/workbook imports only',
    ],
    ['src/workbook/bad.ts', "import { runCli } from '../local/cli';", 'src/workbook imports only'],
    [
      'src/sidebar/bad.ts',
      "import { applySegmentation } from '../workbook/apply';",
      'The sidebar page imports',
    ],
    [
      'src/sidebar/bad.ts',
      "import { startSidebarServer } from '../local/dev-server';",
      'The sidebar page imports',
    ],
    ['src/addon/bad.ts', "import { runCli } from '../local/cli';", 'src/addon imports only'],
    ['src/local/bad.ts', "import { sheetsPort } from '../addon/sheets-port';", 'src/local imports only'],
    ['src/warehouse/bad.ts', "import { runCli } from '../local/cli';", 'src/warehouse imports only src/core'],
    [
      'src/warehouse/bad.ts',
      "import { applySegmentation } from '../workbook/apply';",
      'src/warehouse imports only src/core',
    ],
    [
      'src/warehouse/bad.ts',
      "import { readFileSync } from 'node:fs';",
      'src/warehouse imports only src/core',
    ],
  ])('%s: %s is refused', async (path, code, message) => {
    expect((await problems(path, `${code}\nexport const used = 1;\n`)).join('\n')).toContain(message);
  });

  it.each([
    ['src/core/ok.ts', "import { isoDay } from './days';"],
    ['src/workbook/ok.ts', "import { isoDay } from '../core/days';"],
    ['src/sidebar/ok.ts', "import { defaultSettings } from '../workbook/settings-model';"],
    ['src/sidebar/ok.ts', "import { settingsToWire } from '../workbook/sidebar-wire';"],
    ['src/sidebar/ok.ts', "import { compileSql } from '../warehouse/compile-sql';"],
    ['src/addon/ok.ts', "import { applySegmentation } from '../workbook/apply';"],
    ['src/local/ok.ts', "import { applySegmentation } from '../workbook/apply';"],
    ['src/warehouse/ok.ts', "import { isoDay } from '../core/days';"],
  ])('%s: %s is allowed', async (path, code) => {
    expect(
      await problems(path, `${code}\nexport const used = [${code.match(/\{ (\w+) \}/)![1]}];\n`),
    ).toEqual([]);
  });

  it('process or an Apps Script service in src/warehouse is refused', async () => {
    const found = await problems(
      'src/warehouse/bad.ts',
      'export const f = () => [process.argv, SpreadsheetApp];\n',
    );
    expect(found.filter((text) => text.startsWith('no-restricted-globals'))).toHaveLength(2);
  });

  it('a browser type or global, Node or Apps Script in src/core or src/workbook is refused', async () => {
    const found = await problems(
      'src/workbook/bad.ts',
      'export function f(e: HTMLElement) { return [document.title, process.env, SpreadsheetApp, e]; }\n',
    );
    expect(found.filter((text) => text.startsWith('@typescript-eslint/no-restricted-types'))).toHaveLength(1);
    expect(found.filter((text) => text.startsWith('no-restricted-globals'))).toHaveLength(3);
  });
});
