/**
 * The built dist/Code.js loaded as Apps Script loads it — one script in one global scope — over
 * fresh stand-ins of the Apps Script services, for the tests that call its top-level functions.
 */
import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import { shopOrders } from '../workbook/shop';
import { createFakeAppsScript, type FakeAppsScript, type FakeAppsScriptOptions } from './apps-script-fakes';

const code = readFileSync(new URL('../../dist/Code.js', import.meta.url), 'utf8');

/** The top-level functions of the bundle, by name. */
export type Script = Record<string, (...args: unknown[]) => unknown>;

/** A spreadsheet (a small shop's orders by default) with the bundle loaded over it; `globals` adds or replaces globals. */
export function loadBundle(
  options: FakeAppsScriptOptions = {},
  globals: Record<string, unknown> = {},
): { fake: FakeAppsScript; script: Script } {
  const fake = createFakeAppsScript({ sheets: { Commandes: shopOrders(400) }, ...options });
  const context = createContext({ ...fake.globals, Date, ...globals });
  runInContext(code, context);
  return { fake, script: context as unknown as Script };
}

/** The items of the add-on menu as onOpen builds it in AuthMode.NONE. */
export function menuItems({ fake, script }: ReturnType<typeof loadBundle>) {
  fake.execute({ authMode: 'NONE' }, () => script.onOpen({ authMode: 'NONE' }));
  return fake.ui.menus[0].entries.filter((entry) => 'functionName' in entry);
}
