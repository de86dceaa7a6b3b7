/**
 * Every failure of the command line is said in the user's language, never as raw Node or library
 * text, with one exit code per kind (issue 11 « A command line that helps », issue 12 « Other
 * words for a person »): usage 2, input 1, settings 3, output 4.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/local/messages';

const cli = new URL('../../build/segmento.mjs', import.meta.url).pathname;
const segmento = (args: string[], lang: 'fr_FR.UTF-8' | 'en_US.UTF-8' = 'en_US.UTF-8', cwd?: string) =>
  spawnSync('node', [cli, ...args], { encoding: 'utf8', cwd, env: { PATH: process.env.PATH, LANG: lang } });
const dir = () => mkdtempSync(join(tmpdir(), 'segmento-fail-'));
const ORDERS = 'Customer,Date,Amount\na,2024-01-02,10\nb,2024-03-05,20\n';
const ordersFile = () => {
  const path = join(dir(), 'orders.csv');
  writeFileSync(path, ORDERS);
  return path;
};
/** No raw text of Node, parseArgs or a library. */
const RAW =
  /ENOENT|EISDIR|EACCES|stat '|To specify a positional|Cannot set properties|zip|unexpected end of file|Error:/;

describe('the command line itself', () => {
  it('a missing file is a sentence in the user language, exit 1', () => {
    for (const command of ['scores', 'run']) {
      const en = segmento([command, 'orders.csv'], 'en_US.UTF-8', dir());
      expect(en.stderr).toBe('segmento: File not found: orders.csv\n');
      expect(en.status).toBe(EXIT_CODES.input);
      const fr = segmento([command, 'commandes.csv'], 'fr_FR.UTF-8', dir());
      expect(fr.stderr).toBe('segmento: Fichier introuvable : commandes.csv\n');
    }
  });

  it('an unknown option suggests the near one, the same in every command, exit 2', () => {
    for (const command of ['scores', 'run']) {
      const result = segmento([command, ordersFile(), '--asof', '2024-01-01']);
      expect(result.stderr).toBe(
        `segmento: Unknown option --asof for "segmento ${command}". Did you mean --as-of?\n`,
      );
      expect(result.status).toBe(EXIT_CODES.usage);
    }
    expect(segmento(['scores', ordersFile(), '--frobnicate'], 'fr_FR.UTF-8').stderr).toContain(
      'Option inconnue --frobnicate pour « segmento scores ». Ses options : --as-of, --classes',
    );
  });

  it('bad values say what is wrong and show the expected form, exit 2', () => {
    const file = ordersFile();
    const cases: [string[], string][] = [
      [['--as-of', '2024-13-01'], '--as-of: "2024-13-01" is not a date (expected form: YYYY-MM-DD).'],
      [
        ['--preset', 'rfm'],
        '--preset: "rfm" is not a preset. The presets: classique (Classic RFM), score15 (Score out of 15), simple (Simple start).',
      ],
      [['--classes', '12'], '--classes: "12" is not a class count (a whole number from 3 to 10).'],
      [['--columns', 'client=1'], '--columns: "client=1" is not a role=column number (from 1).'],
      [['--as-of'], 'Option --as-of takes a value: --as-of 2024-06-30.'],
      [['extra'], 'Extra argument for "segmento scores": extra.'],
      [
        ['--locale', 'français'],
        '--locale: "français" is not a language_REGION (expected form: fr_FR or en_US).',
      ],
    ];
    for (const [args, message] of cases) {
      const result = segmento(['scores', file, ...args]);
      expect(result.stderr).toContain(message);
      expect(result.status).toBe(EXIT_CODES.usage);
    }
    const zone = segmento(['run', file, '--time-zone', 'Mars/Olympus']);
    expect(zone.stderr).toBe(
      'segmento: --time-zone: "Mars/Olympus" is not a time zone (expected form: Europe/Paris).\n',
    );
    expect(zone.status).toBe(EXIT_CODES.usage);
    expect(segmento(['scores', 'orders.xlsx']).stderr).toBe(
      'segmento: "segmento scores" reads a CSV or text file; for an .xlsx workbook: segmento run orders.xlsx.\n',
    );
    const noFolder = segmento(['generate-demo', join(dir(), 'missing', 'demo.csv')]);
    expect(noFolder.stderr).toMatch(/^segmento: Cannot write .*demo\.csv: its folder does not exist\.\n$/);
    expect(noFolder.status).toBe(EXIT_CODES.output);
    const out = segmento(['run', file, '--out', 'y.csv']);
    expect(out.stderr).toBe(
      'segmento: --out: "y.csv"; the output is an .xlsx workbook, for example --out y.xlsx.\n',
    );
    expect(out.status).toBe(EXIT_CODES.usage);
  });

  it('--columns customer=9 on a 3-column file reports column 9', () => {
    const result = segmento(['scores', ordersFile(), '--columns', 'customer=9']);
    expect(result.stderr).toContain('"customer" (9) does not exist');
    expect(result.status).toBe(EXIT_CODES.input);
  });

  it('an analysis date before every order says so and exits non-zero', () => {
    const result = segmento(['scores', ordersFile(), '--as-of', '2020-01-01']);
    expect(result.stderr).toBe(
      'segmento: No customer has an order by 2020-01-01: the first order is dated 2024-01-02. Choose a later analysis date.\n',
    );
    expect(result.status).toBe(EXIT_CODES.input);
    const run = segmento(['run', ordersFile(), '--out', join(dir(), 'o.xlsx'), '--as-of', '2020-01-01']);
    expect(run.stderr).toBe(
      'segmento: No customer has a readable order by 2020-01-01: choose a later analysis date (or check the columns with --columns).\n',
    );
    expect(run.status).toBe(EXIT_CODES.input);
  });

  it('a missing column names the option, not the sidebar', () => {
    const path = join(dir(), 'orders.csv');
    writeFileSync(path, 'Customer,City,Amount\na,Lyon,3\n');
    const result = segmento(['scores', path], 'fr_FR.UTF-8');
    expect(result.stderr).toBe(
      'segmento: Colonne « date » introuvable : ajoutez un en-tête Date ou indiquez sa colonne avec --columns date=N (N à partir de 1).\n',
    );
    const run = segmento(['run', path, '--out', join(dir(), 'o.xlsx')], 'fr_FR.UTF-8');
    expect(run.stderr).toBe(
      'segmento: Colonne « date » introuvable : ajoutez un en-tête Date ou indiquez sa colonne avec --columns date=N (N à partir de 1).\n',
    );
    expect(run.status).toBe(EXIT_CODES.input);
  });

  it('--help lists every command, generate-demo included, and the exit codes', () => {
    const help = segmento(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('segmento generate-demo');
    expect(help.stdout).toContain('segmento clv ORDERS [--as-of YYYY-MM-DD] [--months 12]');
    expect(help.stdout).toContain('segmento sql --run FILE');
    expect(help.stdout).toContain('--raw');
    expect(help.stdout).toContain(
      'Exit codes: 0 done · 1 order file unreadable or unusable · 2 wrong command line · 3 invalid settings · 4 output cannot be written · 5 unexpected error · 6 missing component (DuckDB for sql --run)',
    );
    expect(segmento(['scres', 'x']).stderr).toContain('Did you mean scores?');
    const none = segmento([]);
    expect(none.status).toBe(EXIT_CODES.usage);
    expect(none.stderr).toMatch(
      /^segmento: Give a command: scores, clv, sql, run, demo, generate-demo\.\n\nUsage:/,
    );
  });
});

describe('files that are not what they should be', () => {
  it('a truncated .gz names the file, in scores and run alike', () => {
    const path = join(dir(), 'orders.csv.gz');
    writeFileSync(path, gzipSync(Buffer.from(ORDERS.repeat(200))).subarray(0, 60));
    for (const command of ['scores', 'run']) {
      const result = segmento([command, path]);
      expect(result.stderr).toBe(
        `segmento: ${path}: truncated or damaged .gz file (decompression stops before the end).\n`,
      );
      expect(result.status).toBe(EXIT_CODES.input);
    }
  });

  it('a read-only workbook is an output failure said in words (exit 4), not an internal error', () => {
    const out = join(dir(), 'shop.xlsx');
    expect(segmento(['run', ordersFile(), '--out', out]).status).toBe(0);
    chmodSync(out, 0o444);
    for (const [lang, words] of [
      ['en_US.UTF-8', `The workbook ${out} is read-only: nothing was written.`],
      ['fr_FR.UTF-8', `Le classeur ${out}`],
    ] as const) {
      const result = segmento(['run', ordersFile(), '--out', out], lang);
      expect(result.stderr).toContain(words);
      expect(result.stderr).not.toMatch(/Unexpected|inattendue/);
      expect(result.status).toBe(EXIT_CODES.output);
    }
  });

  it('a folder as output is an output failure said in words (exit 4)', () => {
    const folder = join(dir(), 'out.xlsx');
    mkdirSync(folder);
    const result = segmento(['run', ordersFile(), '--out', folder]);
    expect(result.stderr).toBe(
      `segmento: ${folder} is a folder: give an .xlsx file, for example --out segments.xlsx.\n`,
    );
    expect(result.status).toBe(EXIT_CODES.output);
  });

  it('a folder or a non-zip file as orders is an input failure (exit 1)', () => {
    const folder = dir();
    expect(segmento(['scores', folder]).stderr).toBe(`segmento: ${folder} is a folder, not an order file.\n`);
    const fake = join(dir(), 'orders.xlsx');
    writeFileSync(fake, 'not a workbook');
    const result = segmento(['run', fake]);
    expect(result.stderr).toBe(
      `segmento: ${fake} is not a readable .xlsx workbook (damaged, or another format).\n`,
    );
    expect(result.status).toBe(EXIT_CODES.input);
  });

  it('an .xlsx with a broken sheet XML names the file instead of exceljs text', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Commandes').addRows([
      ['Client', 'Date', 'Montant'],
      ['a', '2024-01-02', 3],
    ]);
    const zip = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
    zip.file('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><foo>');
    const path = join(dir(), 'broken.xlsx');
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
    const asOrders = segmento(['run', path, '--out', join(dir(), 'out.xlsx')]);
    expect(asOrders.stderr).toBe(
      `segmento: ${path}: damaged .xlsx workbook, its content cannot be read; open it and save it again in a spreadsheet program.\n`,
    );
    expect(asOrders.status).toBe(EXIT_CODES.input);
    const asOutput = segmento(['run', ordersFile(), '--out', path]);
    expect(asOutput.stderr).toBe(
      `segmento: ${path} exists and is not an .xlsx workbook: it is not replaced; choose another --out.\n`,
    );
    expect(asOutput.status).toBe(EXIT_CODES.output);
  });

  it('--settings given a binary file is an error (exit 3), not silently the defaults', () => {
    const binary = join(dir(), 'reglages.csv');
    writeFileSync(binary, Buffer.from([0x1f, 0x8b, 0, 1, 2, 3, 0, 0, 255]));
    const result = segmento(
      ['run', ordersFile(), '--out', join(dir(), 'o.xlsx'), '--settings', binary],
      'fr_FR.UTF-8',
    );
    expect(result.stderr).toBe(
      `segmento: --settings : ${binary} n’est pas un fichier de réglages (contenu binaire) ; exportez l’onglet de réglages en CSV ou .xlsx.\n`,
    );
    expect(result.status).toBe(EXIT_CODES.settings);
  });

  it('the orders on another tab than the first: which tab was read, the tabs, and --sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRows([['Lisez-moi'], ['rien ici']]);
    workbook.addWorksheet('Commandes').addRows([
      ['Client', 'Date', 'Montant'],
      ['a', '2024-01-02', 3],
    ]);
    const path = join(dir(), 'classeur.xlsx');
    await workbook.xlsx.writeFile(path);
    const result = segmento(['run', path, '--out', join(dir(), 'o.xlsx')]);
    expect(result.status).toBe(EXIT_CODES.input);
    expect(result.stderr).toContain(
      'Tab read: "Notes" (the first one). Tabs of the workbook: Notes, Commandes; choose one with --sheet NAME.',
    );
    expect(segmento(['run', path, '--out', join(dir(), 'o.xlsx'), '--sheet', 'Commandes']).status).toBe(0);
  });

  it('no message is raw library or Node text', () => {
    const results = [
      segmento(['scores', 'missing.csv'], 'en_US.UTF-8', dir()),
      segmento(['run', ordersFile(), '--asof', 'x']),
      segmento(['run', dir()]),
    ];
    for (const result of results) expect(result.stderr).not.toMatch(RAW);
    expect(readFileSync(cli, 'utf8').length).toBeGreaterThan(0);
  });
});

describe('a settings file with 500 bad rules', () => {
  it('is one short line: the first issues and a count of the others (exit 3)', () => {
    const head = [
      'Segmento · Settings,,,,,,,,,,,',
      'Read on every run.',
      '',
      'Orders tab',
      'Orders range',
      'Customer column',
      'Date column',
      'Amount column',
      'Order id column',
      'Quantity column',
      'Unit price column',
      'Analysis date,latest order',
      'Scoring,quantiles',
      'Number of classes,5',
      'Recency thresholds (days)',
      'Frequency thresholds (orders)',
      'Monetary thresholds',
      'Segment preset,Classic RFM',
      'Rules scale (classes),5',
      'History kept (runs),24',
      'Automatic refresh,off',
      '',
      'Segments (the first matching rule wins)',
      '#,Segment,Colour,R min,R max,F min,F max,M min,M max,Total min,Total max,Conditions',
    ];
    const rules = Array.from(
      { length: 500 },
      (_, index) => `${index + 1},Rule ${index + 1},#123456,5,1,,,,,,,`,
    );
    const settings = join(dir(), 'reglages.csv');
    writeFileSync(settings, [...head, ...rules, 'Otherwise,Others,#9e9e9e'].join('\n'));
    const result = segmento(['run', ordersFile(), '--out', join(dir(), 'o.xlsx'), '--settings', settings]);
    expect(result.status).toBe(EXIT_CODES.settings);
    expect(result.stderr.startsWith(`segmento: --settings: ${settings}: `)).toBe(true);
    expect(result.stderr).toMatch(/… and \d+ more\n$/);
    expect(result.stderr.length).toBeLessThan(1_200);
  });
});

describe('the settings tab of the workbook itself', () => {
  it('hand-edited into an error: the same exit code as a bad --settings file (3)', async () => {
    const out = join(dir(), 'segments.xlsx');
    const orders = ordersFile();
    expect(segmento(['run', orders, '--out', out]).status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const settings = workbook.worksheets.find((sheet) => /Settings|Réglages/.test(sheet.name))!;
    settings.eachRow((row) => {
      if (row.getCell(1).value === 'Number of classes') row.getCell(2).value = 'twelve';
    });
    await workbook.xlsx.writeFile(out);
    const result = segmento(['run', orders, '--out', out]);
    expect(result.stderr).toContain('twelve');
    expect(result.status).toBe(EXIT_CODES.settings);
  });
});

describe('segmento run takes --columns like scores', () => {
  it('a headerless file read with the columns given', () => {
    const path = join(dir(), 'orders.txt');
    writeFileSync(path, 'x1 c1 2024-01-02 10.50\nx2 c2 2024-02-03 3.00\nx3 c1 2024-03-04 7.25\n');
    const result = segmento([
      'run',
      path,
      '--out',
      join(dir(), 'o.xlsx'),
      '--columns',
      'customer=2,date=3,amount=4',
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('2 customers scored');
  });
});
