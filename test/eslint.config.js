import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What a layer may not use: Node, and Apps Script's services (src/core and src/workbook run everywhere). */
const NODE_MODULES = ['node:*', 'fs', 'path', 'os', 'child_process', 'zlib'];
const APPS_SCRIPT = [
  'SpreadsheetApp',
  'ScriptApp',
  'LockService',
  'HtmlService',
  'PropertiesService',
  'Session',
];
/** The browser's globals and types: not visible to src/core and src/workbook, which run in Apps Script and Node too. */
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'fetch', 'XMLHttpRequest'];
const DOM_TYPES = ['HTMLElement', 'Element', 'Document', 'Window', 'Event', 'Node'];

/**
 * The layers' arrows (README "How the code is laid out"): core ← workbook ← addon / local; the
 * sidebar page uses core, src/warehouse (pure, core only: the SQL export) and, of the workbook,
 * only its browser-safe settings model and wire contract; nothing imports src/addon or src/local but their own files.
 */
const layer = (files, patterns, message, extra = {}) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
    ...extra,
  },
});

const pureRules = {
  'no-restricted-globals': ['error', 'process', 'Buffer', ...APPS_SCRIPT, ...DOM_GLOBALS],
  '@typescript-eslint/no-restricted-types': [
    'error',
    {
      types: Object.fromEntries(
        DOM_TYPES.map((name) => [
          name,
          { message: 'A browser type: src/core and src/workbook run outside browsers.' },
        ]),
      ),
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'out/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  layer(
    ['src/core/**/*.ts'],
    [...NODE_MODULES, '../**'],
    'src/core imports nothing outside src/core.',
    pureRules,
  ),
  layer(
    ['src/workbook/**/*.ts'],
    [...NODE_MODULES, '../*/**', '!../core/**'],
    'src/workbook imports only src/core.',
    pureRules,
  ),
  layer(
    ['src/warehouse/**/*.ts'],
    [...NODE_MODULES, '../*/**', '!../core/**'],
    'src/warehouse imports only src/core.',
    pureRules,
  ),
  layer(
    ['src/sidebar/**/*.ts'],
    [
      '../*/**',
      '!../core/**',
      '!../warehouse/**',
      '!../workbook/settings-model',
      '!../workbook/sidebar-wire',
    ],
    'The sidebar page imports src/core, src/warehouse and, of src/workbook, only settings-model and sidebar-wire.',
  ),
  layer(['src/addon/**/*.ts'], ['../local/**', '../sidebar/**'], 'src/addon imports only core and workbook.'),
  layer(['src/local/**/*.ts'], ['../addon/**', '../sidebar/**'], 'src/local imports only core and workbook.'),
  {
    // Apps Script sees these top-level functions; they are called by Sheets, not by our code.
    files: ['src/addon/entry.js'],
    languageOptions: { globals: { Segmento: 'readonly' } },
    rules: { 'no-unused-vars': 'off', '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
