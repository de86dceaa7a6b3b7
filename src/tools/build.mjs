// Builds dist/, what `clasp push` uploads and nothing else: the Apps Script bundle (an IIFE named
// Segmento followed by the hand-written entry of top-level functions), the sidebar page (one HTML
// file, script and style inlined) and the add-on manifest. Apps Script runs the top level of every
// server file it is given on every execution, so no other file may sit there. The local programs
// (the `segmento` command line, the sidebar preview server and its google.script.run stand-in) go
// to build/.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, chmodSync, rmSync } from 'node:fs';

const root = new URL('../..', import.meta.url).pathname;
const dist = `${root}dist`;
const local = `${root}build`;
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
mkdirSync(local, { recursive: true });

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

const [sidebarScript, sidebarStyle] = await Promise.all(
  ['main.ts', 'sidebar.css'].map((file) =>
    build({
      entryPoints: [`${root}src/sidebar/${file}`],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
      minify: true,
      write: false,
      legalComments: 'none',
    }),
  ),
);
// Inside an inline <script>, `</script` or `<!--` would end or bend the element: escape them.
const inlineScript = sidebarScript.outputFiles[0].text
  .trim()
  .replace(/<\/(script)/gi, '<\\/$1')
  .replace(/<!--/g, '<\\!--');
const template = readFileSync(`${root}src/sidebar/sidebar.html`, 'utf8');
writeFileSync(
  `${dist}/Sidebar.html`,
  template
    .replace('/* sidebar.css */', () => sidebarStyle.outputFiles[0].text.trim())
    .replace('/* main.ts */', () => inlineScript),
);
await build({
  entryPoints: [`${root}src/local/script-run-shim.ts`],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  outfile: `${local}/script-run-shim.js`,
  legalComments: 'none',
});

// The command line: build/segmento.mjs, and beside it in build/segmento-chunks/ the code only
// some commands load with import() (the workbook commands and exceljs, about 2.5 MB that
// `segmento scores` would otherwise parse at every start).
rmSync(`${local}/segmento-chunks`, { recursive: true, force: true });
await build({
  entryPoints: { segmento: `${root}src/local/main.ts` },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  splitting: true,
  outdir: local,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'segmento-chunks/[name]-[hash]',
  // DuckDB is a native module: loaded from node_modules by `segmento sql --run` only.
  external: ['@duckdb/node-api'],
  // exceljs is CommonJS and calls require(): give each ES module file a real one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as segmentoCreateRequire } from 'node:module';\nconst require = segmentoCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
});
chmodSync(`${local}/segmento.mjs`, 0o755);

await build({
  entryPoints: [`${root}src/local/dev-main.ts`],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile: `${local}/sidebar-dev.mjs`,
  banner: {
    js: "import { createRequire as segmentoCreateRequire } from 'node:module';\nconst require = segmentoCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
});
