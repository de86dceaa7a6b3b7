/**
 * Issue 12, "nothing lost": the workbook file under the local port. Another program's save is never
 * overwritten, the lock covers reading, computing and writing, a dead run's lock and temporary
 * files do not block anyone, permissions and links are kept, a read-only workbook is refused.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openXlsxWorkbook, readXlsxSheet, XlsxFile } from '../../src/local/xlsx-port';

let dir: string;
let path: string;
const options = { locale: 'fr_FR', timeZone: 'UTC', notify: () => {} };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'segmento-file-'));
  path = join(dir, 'book.xlsx');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function tabNames(file = path): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((sheet) => sheet.name);
}

/** Saves the file as another program would (exceljs, no lock), with one more tab. */
async function personSavesTab(name: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  if (existsSync(path)) await workbook.xlsx.readFile(path);
  workbook.addWorksheet(name).getCell('A1').value = 'à garder';
  await workbook.xlsx.writeFile(path);
}

/** The id of a process that has exited: no process runs with it (until the system reuses it). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

async function savedWorkbook(): Promise<void> {
  const workbook = await openXlsxWorkbook(path, options);
  workbook.port.createManagedTab('Champions', { kind: 'segment', key: 'champions' });
  await workbook.save();
}

describe('a file changed since it was read is never overwritten', () => {
  it('save refuses, in the person’s language, when another program saved the file after it was read', async () => {
    await savedWorkbook();
    const workbook = await openXlsxWorkbook(path, options);
    workbook.port.createManagedTab('Fidèles', { kind: 'segment', key: 'fideles' });
    await personSavesTab('Budget 2026');
    await expect(workbook.save()).rejects.toThrow(
      `Le classeur ${path} a été modifié par un autre programme pendant le calcul ; il n’a pas été écrasé.`,
    );
    expect(await tabNames()).toContain('Budget 2026');
    expect(await tabNames()).not.toContain('Fidèles');
  });

  it('a new workbook is not written over a file another program created meanwhile', async () => {
    const workbook = await openXlsxWorkbook(path, { ...options, locale: 'en_US' });
    await personSavesTab('Budget 2026');
    await expect(workbook.save()).rejects.toThrow(`The workbook ${path} was changed by another program`);
    expect(await tabNames()).toEqual(['Budget 2026']);
  });

  it('an update reads and computes again when another program saves during it, keeping both', async () => {
    await savedWorkbook();
    const notices: string[] = [];
    const file = new XlsxFile(path, { ...options, notify: (message) => notices.push(message) });
    let runs = 0;
    await file.update(
      async (workbook) => {
        runs++;
        if (runs === 1) await personSavesTab('Budget 2026');
        workbook.port.createManagedTab('Fidèles', { kind: 'segment', key: 'fideles' });
        await workbook.save();
      },
      { lockWaitMs: 0 },
    );
    expect(runs).toBe(2);
    expect(await tabNames()).toEqual(expect.arrayContaining(['Champions', 'Budget 2026', 'Fidèles']));
    expect(notices).toEqual([
      `Le classeur ${path} a changé pendant le calcul : nouvelle lecture et nouveau calcul.`,
    ]);
  });

  it('an update gives up after its attempts and leaves the other program’s file as it is', async () => {
    await savedWorkbook();
    const file = new XlsxFile(path, options);
    let runs = 0;
    await expect(
      file.update(
        async (workbook) => {
          runs++;
          await personSavesTab(`Note ${runs}`);
          await workbook.save();
        },
        { lockWaitMs: 0, attempts: 2 },
      ),
    ).rejects.toThrow('il n’a pas été écrasé');
    expect(runs).toBe(2);
    expect(await tabNames()).toEqual(expect.arrayContaining(['Note 1', 'Note 2']));
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('the lock is held from reading to writing; a second update is told which file and process hold it', async () => {
    await savedWorkbook();
    const first = new XlsxFile(path, options);
    const notices: string[] = [];
    const second = new XlsxFile(path, { ...options, notify: (text) => notices.push(text) });
    await first.update(
      async () => {
        expect(existsSync(`${path}.lock`)).toBe(true);
        const refusal = second.update(() => 'ran', { lockWaitMs: 1_000 });
        await expect(refusal).rejects.toThrow(`supprimez ${path}.lock`);
        await expect(refusal).rejects.toThrow(`processus ${process.pid} sur ${hostname()}`);
      },
      { lockWaitMs: 0 },
    );
    expect(notices).toEqual([
      `Le classeur ${path} est occupé par un autre calcul Segmento (processus ${process.pid}) : attente de sa fin, 1 s au plus…`,
    ]);
    expect(await second.update(() => 'ran', { lockWaitMs: 0 })).toBe('ran');
  });
});

/** A workbook whose lock file holds `record`: the lock is taken over at once, with a notice. */
async function expectTakenOver(record: { pid: number; [field: string]: unknown }): Promise<void> {
  await savedWorkbook();
  writeFileSync(`${path}.lock`, JSON.stringify(record));
  const notices: string[] = [];
  const { port } = await openXlsxWorkbook(path, { ...options, notify: (text) => notices.push(text) });
  expect(port.withDocumentLock(0, () => 'ran')).toBe('ran');
  expect(notices).toEqual([
    `Verrou ${path}.lock laissé par le processus ${record.pid}, qui n’existe plus : repris.`,
  ]);
  expect(existsSync(`${path}.lock`)).toBe(false);
}

describe('a dead run leaves nothing that blocks or piles up', () => {
  it('a lock left by a process that no longer runs is taken over at once, with a notice', async () => {
    const pid = deadPid();
    await expectTakenOver({ pid, host: hostname(), since: new Date().toISOString(), token: 'dead' });
  });

  it('a lock whose process id now belongs to a process started later is taken over', async () => {
    const started = '1';
    await expectTakenOver({
      pid: process.pid,
      host: hostname(),
      since: new Date().toISOString(),
      token: 'old',
      started,
    });
  });

  it('a lock of a running process is respected, and the message names the lock file and the process', async () => {
    await savedWorkbook();
    const record = { pid: process.pid, host: hostname(), since: '2026-11-26T03:00:00.000Z', token: 'live' };
    writeFileSync(`${path}.lock`, JSON.stringify(record));
    const notices: string[] = [];
    const { port } = await openXlsxWorkbook(path, { ...options, notify: (text) => notices.push(text) });
    expect(port.withDocumentLock(0, () => 'ran')).toBeNull();
    expect(notices[0]).toBe(
      `Le classeur ${path} est occupé par un autre calcul Segmento (processus ${process.pid} sur ${hostname()}, depuis 2026-11-26T03:00:00.000Z) : attendez qu’il finisse ; s’il n’existe plus, supprimez ${path}.lock.`,
    );
    expect(readFileSync(`${path}.lock`, 'utf8')).toBe(JSON.stringify(record));
  });

  it('temporary files of dead runs are removed when the lock is taken; those of a running process are kept', async () => {
    await savedWorkbook();
    const pid = deadPid();
    const ofDeadRuns = [`book.xlsx.${pid}.tmp`, `book.xlsx.segmento-${pid}-0a1b2c.tmp`];
    const ofRunning = `book.xlsx.segmento-${process.pid}-live.tmp`;
    for (const name of [...ofDeadRuns, ofRunning]) writeFileSync(join(dir, name), '');
    writeFileSync(join(dir, `other.xlsx.${pid}.tmp`), '');
    const { port } = await openXlsxWorkbook(path, options);
    port.withDocumentLock(0, () => undefined);
    expect(readdirSync(dir).sort()).toEqual(['book.xlsx', ofRunning, `other.xlsx.${pid}.tmp`].sort());
  });

  it('a save leaves no temporary file and no lock behind', async () => {
    await savedWorkbook();
    const workbook = await openXlsxWorkbook(path, options);
    await workbook.save();
    expect(readdirSync(dir)).toEqual(['book.xlsx']);
  });
});

describe('a file that is not a workbook', () => {
  it('a damaged or non-zip .xlsx, as the workbook or the orders, is a person’s message and is left as it is', async () => {
    writeFileSync(path, 'Client;Date;Montant\n');
    // As the workbook to write, it is not replaced; as the orders to read, it is not an .xlsx.
    const notOurs = { key: 'output.notXlsx', params: { path } };
    await expect(openXlsxWorkbook(path, options)).rejects.toMatchObject(notOurs);
    await expect(readXlsxSheet(path, undefined, 'UTC')).rejects.toMatchObject({ key: 'input.notXlsx' });
    await expect(new XlsxFile(path, options).update(() => 'ran', { lockWaitMs: 0 })).rejects.toMatchObject(
      notOurs,
    );
    expect(readFileSync(path, 'utf8')).toBe('Client;Date;Montant\n');
    expect(readdirSync(dir)).toEqual(['book.xlsx']);
  });
});

describe('permissions and links', () => {
  it('a workbook readable by its group only stays so (0660 is not widened to 0644)', async () => {
    await savedWorkbook();
    chmodSync(path, 0o660);
    const workbook = await openXlsxWorkbook(path, options);
    workbook.port.createManagedTab('Fidèles', { kind: 'segment', key: 'fideles' });
    await workbook.save();
    expect(statSync(path).mode & 0o777).toBe(0o660);
    expect(await tabNames()).toContain('Fidèles');
  });

  it('a read-only workbook is refused with a message and left as it was', async () => {
    await savedWorkbook();
    chmodSync(path, 0o444);
    const before = readFileSync(path);
    const workbook = await openXlsxWorkbook(path, { ...options, locale: 'en_US' });
    workbook.port.createManagedTab('Fidèles', { kind: 'segment', key: 'fideles' });
    await expect(workbook.save()).rejects.toThrow(`The workbook ${path} is read-only: nothing was written.`);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o444);
  });

  it('an update of a read-only workbook is refused before anything is read or computed', async () => {
    await savedWorkbook();
    chmodSync(path, 0o444);
    let ran = false;
    const file = new XlsxFile(path, options);
    await expect(file.update(() => (ran = true), { lockWaitMs: 0 })).rejects.toThrow(
      `Le classeur ${path} est en lecture seule : rien n’a été écrit.`,
    );
    expect(ran).toBe(false);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('a workbook reached through a symbolic link is written through it: the link stays a link', async () => {
    await savedWorkbook();
    const target = join(dir, 'real.xlsx');
    writeFileSync(target, readFileSync(path));
    rmSync(path);
    symlinkSync(target, path);
    const workbook = await openXlsxWorkbook(path, options);
    workbook.port.createManagedTab('Fidèles', { kind: 'segment', key: 'fideles' });
    await workbook.save();
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(await tabNames(target)).toContain('Fidèles');
    expect(readdirSync(dir).sort()).toEqual(['book.xlsx', 'real.xlsx']);
  });
});
