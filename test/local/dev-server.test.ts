/**
 * Issue 12: the local preview server answers only the page it serves, checks every argument, bounds
 * every range, and never writes a stale copy of the workbook over a `segmento run`. Real HTTP
 * requests to 127.0.0.1.
 */
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoOrdersCsv } from '../../src/local/demo-orders';
import {
  memoryScheduler,
  startSidebarServer,
  xlsxSession,
  type SidebarServer,
} from '../../src/local/dev-server';
import { runWorkbookCommand } from '../../src/local/workbook-command';
import { readTableFile } from '../../src/local/table-file';
import { sidebarEndpoints } from '../../src/workbook/sidebar-endpoints';
import { type SidebarState } from '../../src/workbook/sidebar-wire';

const today = 20_400;
let dir: string;
let path: string;
let server: SidebarServer;
let calls: string[];

interface Answer {
  status: number;
  body: string;
}

/** One HTTP request to the server, with the headers given (Host included), and its answer. */
function send(method: string, target: string, headers: Record<string, string>, body = ''): Promise<Answer> {
  const url = new URL(target, server.url);
  return new Promise((resolve, reject) => {
    const call = request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: url.pathname,
        method,
        headers,
        setHost: !('host' in headers),
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

/** A call as the served page makes it: JSON, same origin, with the page's token. */
function rpc(name: string, args: unknown[], headers: Record<string, string> = {}): Promise<Answer> {
  return send(
    'POST',
    `/rpc/${name}`,
    {
      'content-type': 'application/json',
      origin: server.url.slice(0, -1),
      'x-segmento-token': server.token,
      ...headers,
    },
    JSON.stringify(args),
  );
}

async function workbookWithOrders(): Promise<void> {
  const orders = join(dir, 'commandes.csv');
  writeFileSync(orders, demoOrdersCsv(200));
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Commandes').addRows(readTableFile(orders) as ExcelJS.CellValue[][]);
  await workbook.xlsx.writeFile(path);
}

async function tabNames(): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook.worksheets.map((sheet) => sheet.name);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'segmento-dev-'));
  path = join(dir, 'dev.xlsx');
  await workbookWithOrders();
  calls = [];
  const { session, port } = xlsxSession(path, {
    locale: 'fr_FR',
    timeZone: 'Europe/Paris',
    notify: () => {},
  });
  const scheduler = memoryScheduler();
  server = await startSidebarServer({
    endpoints: () => {
      const endpoints = sidebarEndpoints({ port: port(), today, scheduler });
      return new Proxy(endpoints, {
        get: (target, name: keyof typeof endpoints) => (calls.push(name), target[name]),
      });
    },
    session,
  });
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('only the page the server serves may call it', () => {
  it('a page on another origin posting text/plain to sidebarApply is refused, and nothing runs', async () => {
    const settings = (JSON.parse((await rpc('sidebarState', [])).body) as { value: SidebarState }).value
      .settings;
    calls = [];
    const before = await tabNames();
    const answer = await send(
      'POST',
      '/rpc/sidebarApply',
      { 'content-type': 'text/plain', origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
      JSON.stringify([settings]),
    );
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({
      message: 'Requête refusée : elle vient d’une autre page (http://evil.example).',
    });
    expect(calls).toEqual([]);
    expect(await tabNames()).toEqual(before);
  });

  it('a request naming another host (DNS rebinding) is refused, page and calls alike', async () => {
    for (const [method, target] of [
      ['GET', '/sidebar'],
      ['POST', '/rpc/sidebarState'],
    ]) {
      const answer = await send(method, target, {
        host: 'evil.example',
        'content-type': 'application/json',
        'x-segmento-token': server.token,
      });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body).message).toBe(
        `Requête refusée : l’hôte « evil.example » n’est pas ce serveur local. Ouvrez ${server.url.slice(0, -1)} directement.`,
      );
    }
    expect(calls).toEqual([]);
  });

  it('a call without the token of this run of the server is refused; the served page carries it', async () => {
    const page = await send('GET', '/sidebar', {});
    expect(page.status).toBe(200);
    const token = /<meta name="segmento-token" content="([0-9a-f]+)">/.exec(page.body)?.[1];
    expect(token).toBe(server.token);
    const without = await rpc('sidebarState', [], { 'x-segmento-token': '' });
    expect([without.status, JSON.parse(without.body).message]).toEqual([
      403,
      'Requête refusée : jeton absent ou périmé. Rechargez la page.',
    ]);
    expect((await rpc('sidebarState', [], { 'x-segmento-token': token! })).status).toBe(200);
  });
});

describe('arguments are checked before any endpoint runs', () => {
  it('[null] and other malformed arguments get a person’s message, never a raw TypeError', async () => {
    const cases: [string, unknown[], string][] = [
      ['sidebarSave', [null], 'sidebarSave : arguments invalides (settings: object expected).'],
      ['sidebarApply', [{}], 'sidebarApply : arguments invalides (sourceSheet, sourceRange).'],
      ['sidebarSource', [null, 5], 'sidebarSource : arguments invalides (sheet, range: text expected).'],
      ['sidebarActivateTab', ['x'], 'sidebarActivateTab : arguments invalides (id: whole number expected).'],
      ['sidebarState', [1], 'sidebarState : arguments invalides (0 arguments expected).'],
    ];
    for (const [name, args, message] of cases) {
      const answer = await rpc(name, args);
      expect([answer.status, JSON.parse(answer.body).message]).toEqual([400, message]);
    }
    const state = (JSON.parse((await rpc('sidebarState', [])).body) as { value: SidebarState }).value;
    const rules = state.settings.segments.rules.map((rule, index) =>
      index === 1 ? { ...rule, r: null } : rule,
    );
    const broken = { ...state.settings, segments: { ...state.settings.segments, rules } };
    expect(JSON.parse((await rpc('sidebarSave', [broken])).body).message).toBe(
      'sidebarSave : arguments invalides (segments.rules[1]).',
    );
    expect(calls).toEqual(['sidebarState']);
  });

  it('sidebarSource over A1:XFD1048576 answers with the tab’s grid, not 17 billion cells', async () => {
    const answer = await rpc('sidebarSource', ['Commandes', 'A1:XFD1048576']);
    expect(answer.status).toBe(200);
    const { values } = (JSON.parse(answer.body) as { value: { values: unknown[][] } }).value;
    expect(values.length).toBe(1000);
    expect(values[0].length).toBe(26);
    expect(values[0].slice(0, 3)).toEqual(['N° commande', 'Client', 'Nom']);
  });
});

describe('the server and segmento run on one workbook', () => {
  it('a Save after a run of the command line keeps that run: the server reads the file again', async () => {
    const state = (JSON.parse((await rpc('sidebarState', [])).body) as { value: SidebarState }).value;
    const orders = join(dir, 'commandes.csv');
    const out: string[] = [];
    const io = {
      out: (text: string) => out.push(text),
      err: () => {},
      interactive: false,
      locale: 'fr_FR',
      demoOrders: orders,
    };
    expect(await runWorkbookCommand(['run', orders, '--out', path], io)).toBe(0);
    const afterRun = await tabNames();
    expect(afterRun).toContain('Segmento · Synthèse');

    const saved = await rpc('sidebarSave', [{ ...state.settings, preset: 'score15' }]);
    expect(saved.status).toBe(200);
    const names = await tabNames();
    expect(names).toEqual(expect.arrayContaining(afterRun));
    expect(names).toContain('Segmento · Réglages');
  });
});
