// Builds dist/: the Apps Script bundle (an IIFE named Segmento followed by the hand-written entry of
// top-level functions), the add-on manifest, and the `segmento` command line.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const dist = `${root}dist`;
mkdirSync(dist, { recursive: true });

const addon = await build({
  entryPoints: [`${root}src/addon/bundle.ts`],
  bundle: true,
  format: 'iife',
  globalName: 'Segmento',
  platform: 'neutral',
  target: 'es2020',
  write: false,
  legalComments: 'none',
});
const entry = readFileSync(`${root}src/addon/entry.js`, 'utf8');
writeFileSync(`${dist}/Code.js`, `${addon.outputFiles[0].text}\n${entry}`);
copyFileSync(`${root}appsscript.json`, `${dist}/appsscript.json`);

await build({
  entryPoints: [`${root}src/local/main.ts`],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile: `${dist}/segmento.mjs`,
  // exceljs is CommonJS and calls require(): give the ES module bundle a real one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as segmentoCreateRequire } from 'node:module';\nconst require = segmentoCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
});
chmodSync(`${dist}/segmento.mjs`, 0o755);
