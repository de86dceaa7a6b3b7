/**
 * What `clasp push` uploads, loaded as Apps Script loads it. Apps Script puts every server file of
 * a project (`.gs`/`.js`) in one global scope and runs the top level of each, in order, on every
 * execution: a menu click, a custom function, a sidebar call, a trigger
 * (https://developers.google.com/apps-script/guides/v8-runtime#global_scope, "Each file's top-level
 * code is executed … for every execution"). So one file that touches `window` at its top level breaks
 * all of them. The list comes from clasp itself (`clasp show-file-status --json`, no login needed).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

/** The services an Apps Script project can reach as globals: none may be touched while files load. */
const SERVICES = [
  'SpreadsheetApp',
  'LockService',
  'Charts',
  'Session',
  'HtmlService',
  'ScriptApp',
  'PropertiesService',
  'CacheService',
  'Utilities',
  'Logger',
  'UrlFetchApp',
  'DriveApp',
  'Browser',
  'console',
];

function filesToPush(): string[] {
  const output = execFileSync(`${root}node_modules/.bin/clasp`, ['show-file-status', '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return (JSON.parse(output) as { filesToPush: string[] }).filesToPush;
}

function trappedServices(): Record<string, unknown> {
  const trap = (name: string) =>
    new Proxy(
      {},
      {
        get(_, property) {
          throw new Error(`${name}.${String(property)} used while the files load`);
        },
      },
    );
  return Object.fromEntries(SERVICES.map((name) => [name, trap(name)]));
}

describe('what clasp push uploads', () => {
  const files = filesToPush();

  it('is exactly the bundle, the sidebar page and the manifest', () => {
    expect([...files].sort()).toEqual(['dist/Code.js', 'dist/Sidebar.html', 'dist/appsscript.json']);
  });

  it('loads every server file together in one global scope, touching no service', () => {
    const serverFiles = files.filter((file) => /\.(js|gs)$/.test(file));
    expect(serverFiles.length).toBeGreaterThan(0);
    const context = createContext(trappedServices());
    for (const file of serverFiles) {
      expect(() =>
        runInContext(readFileSync(`${root}${file}`, 'utf8'), context, { filename: file }),
      ).not.toThrow();
    }
    const globals = context as Record<string, unknown>;
    for (const name of ['onOpen', 'onInstall', 'RFM_SCORE', 'SEGMENT', 'segmentoApply', 'segmentoRefresh'])
      expect(typeof globals[name], name).toBe('function');
  });

  it('is pushed only after every test passed (npm run push)', () => {
    const scripts = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).scripts as Record<string, string>;
    expect(scripts.push).toMatch(/^npm test && clasp push$/);
  });
});
