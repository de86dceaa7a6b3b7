import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'out/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/core/**/*.ts', 'src/workbook/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'fs', 'path', 'os', 'child_process', 'zlib'] },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'SpreadsheetApp', 'ScriptApp', 'LockService'],
    },
  },
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
