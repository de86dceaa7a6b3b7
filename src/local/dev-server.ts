/**
 * The local preview server of the sidebar: serves the built page (dist/Sidebar.html) on 127.0.0.1
 * with `google.script.run` answered over HTTP by the same endpoint implementation as the add-on
 * (src/workbook/sidebar-endpoints.ts), running in Node. Used by `npm run dev` and the browser tests.
 *
 * Only the page it serves may call it: a call must name this server as its Host (no DNS
 * rebinding), come from no other origin, be JSON, and carry the token of this run of the server,
 * which only the served page receives. Arguments are checked before any endpoint runs.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { langOf, type Lang } from '../core/labels';
import { LOCK_WAIT_MS, type WorkbookPort } from '../workbook/port';
import type { Scheduler } from '../workbook/schedule';
import type { Refresh } from '../workbook/settings-model';
import {
  isEndpointName,
  SIDEBAR_ENDPOINTS,
  type EndpointName,
  type SidebarEndpoints,
} from '../workbook/sidebar-wire';
import { cliText } from './messages';
import { XlsxFile, type XlsxOptions, type XlsxWorkbook } from './xlsx-port';

export interface SidebarServerOptions {
  /** The endpoints for one call (made per call, so that "today" stays today). */
  endpoints: () => SidebarEndpoints;
  /** Run after each call that may change the workbook, before answering (the .xlsx is saved there). */
  afterWrite?: () => Promise<void>;
  /**
   * Runs one call over the workbook, in place of calling it then `afterWrite`: `npm run dev` runs
   * it under the workbook file's lock, over the file as it is now, and saves it when `writes`.
   */
  session?: <T>(writes: boolean, call: () => T) => Promise<T>;
  /** The language of the server's own refusals (French by default). */
  locale?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Where the built page is (default: dist/ of this repository). */
  distDir?: string;
  /** Where the built `google.script.run` stand-in is (default: build/ of this repository). */
  buildDir?: string;
}

export interface SidebarServer {
  /** The page as Sheets shows it, 300 px wide. */
  url: string;
  /** The sidebar page alone. */
  sidebarUrl: string;
  /** The token a call must carry (header `x-segmento-token`); the served page has it. */
  token: string;
  close(): Promise<void>;
}

/** Larger requests are refused: settings are a few kilobytes. */
const MAX_BODY_BYTES = 5_000_000;
export const TOKEN_HEADER = 'x-segmento-token';

const FRAME_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Segmento sidebar (local preview)</title>
<style>body{margin:0;display:flex;height:100vh;font:13px Arial,sans-serif;background:#f8f9fa}
div{flex:1;padding:24px;color:#5f6368}iframe{width:300px;height:100%;border:0;border-left:1px solid #dadce0;background:#fff}</style>
</head><body><div><h1>Segmento</h1><p>Local preview: the sidebar on the right answers from an .xlsx workbook.</p></div>
<iframe src="/sidebar" title="Segmento"></iframe></body></html>`;

/** A scheduled refresh held in memory: the local stand-in for the add-on's time-driven trigger. */
export function memoryScheduler(initial: Refresh = 'off'): Scheduler {
  let current = initial;
  return {
    current: () => current,
    set: (refresh) => void (current = refresh),
    installed: () => ({ daily: current !== 'off', atOpening: current !== 'off' }),
  };
}

/**
 * The calls of the preview server over an .xlsx file: each runs under the file's lock, over the
 * workbook as the file holds it now (read again when a `segmento run` or another program changed
 * it), and a call that writes saves before the lock is released. `port` is the workbook's port
 * during a call.
 */
export function xlsxSession(
  path: string,
  options: XlsxOptions,
): {
  session: NonNullable<SidebarServerOptions['session']>;
  port: () => WorkbookPort;
  file: XlsxFile;
} {
  const file = new XlsxFile(path, options);
  let current: XlsxWorkbook | null = null;
  return {
    session: (writes, call) =>
      file.update(
        async (workbook) => {
          current = workbook;
          const value = call();
          if (writes) await workbook.save();
          return value;
        },
        { lockWaitMs: LOCK_WAIT_MS },
      ),
    port: () => {
      if (!current) throw new Error('No workbook is open.');
      return current.port;
    },
    file,
  };
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(request: IncomingMessage, lang: Lang): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Refusal(413, cliText(lang, 'server.tooLarge', { bytes: MAX_BODY_BYTES })));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
  });
  response.end(body);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isBounds = (value: unknown) =>
  value === undefined || (isObject(value) && isNumber(value.min) && isNumber(value.max));

/** What is wrong with settings as the page sends them (WireSettings), or null. */
function wireSettingsProblem(value: unknown): string | null {
  if (!isObject(value)) return 'settings: object expected';
  const { sourceSheet, sourceRange, mapping, asOf, scoring, preset, segments, historyKeep, refresh } = value;
  if (typeof sourceSheet !== 'string' || typeof sourceRange !== 'string') return 'sourceSheet, sourceRange';
  if (!isObject(mapping) || !Object.values(mapping).every((v) => isNumber(v) || typeof v === 'boolean'))
    return 'mapping';
  if (
    !isObject(asOf) ||
    !(
      asOf.kind === 'latest' ||
      asOf.kind === 'today' ||
      (asOf.kind === 'date' && typeof asOf.date === 'string')
    )
  )
    return 'asOf';
  const thresholds = (list: unknown) => Array.isArray(list) && list.every(isNumber);
  if (
    !isObject(scoring) ||
    !(
      (scoring.kind === 'quantile' && isNumber(scoring.classes)) ||
      (scoring.kind === 'fixed' &&
        thresholds(scoring.recency) &&
        thresholds(scoring.frequency) &&
        thresholds(scoring.monetary))
    )
  )
    return 'scoring';
  if (preset !== null && typeof preset !== 'string') return 'preset';
  if (!isNumber(historyKeep) || typeof refresh !== 'string') return 'historyKeep, refresh';
  if (!isObject(segments) || !isNumber(segments.scale) || !Array.isArray(segments.rules)) return 'segments';
  const named = (item: unknown) =>
    isObject(item) && typeof item.name === 'string' && typeof item.color === 'string';
  if (!named(segments.fallback)) return 'segments.fallback';
  const badRule = segments.rules.findIndex(
    (rule: unknown) =>
      !named(rule) ||
      !(['r', 'f', 'm', 'total'] as const).every((axis) =>
        isBounds((rule as Record<string, unknown>)[axis]),
      ) ||
      !conditionsValid((rule as Record<string, unknown>).conditions),
  );
  return badRule >= 0 ? `segments.rules[${badRule}]` : null;
}

function wireCampaignProblem(value: unknown): string | null {
  if (!isObject(value)) return 'campaign: object expected';
  const { name, date, segments, windowDays, cost, contacted } = value;
  if (typeof name !== 'string' || typeof date !== 'string' || typeof contacted !== 'string')
    return 'name, date, contacted: text expected';
  if (!Array.isArray(segments) || !segments.every((segment) => typeof segment === 'string'))
    return 'segments: texts expected';
  if (!(windowDays === null || isNumber(windowDays)) || !(cost === null || isNumber(cost)))
    return 'windowDays, cost: number or null expected';
  return null;
}

function conditionsValid(conditions: unknown): boolean {
  if (conditions === undefined) return true;
  return (
    Array.isArray(conditions) &&
    conditions.every(
      (condition) =>
        isObject(condition) &&
        typeof condition.op === 'string' &&
        ((typeof condition.field === 'string' && isNumber(condition.value)) ||
          (typeof condition.attribute === 'string' && typeof condition.value === 'string')),
    )
  );
}

/** What is wrong with the arguments of a call, or null: each endpoint's parameters, in order. */
export function argumentsProblem(name: EndpointName, args: unknown[]): string | null {
  const expect = (count: number) => (args.length === count ? null : `${count} arguments expected`);
  switch (name) {
    case 'sidebarState':
      return expect(0);
    case 'sidebarSource':
      return (
        expect(2) ?? (args.every((arg) => typeof arg === 'string') ? null : 'sheet, range: text expected')
      );
    case 'sidebarSave':
    case 'sidebarApply':
      return expect(1) ?? wireSettingsProblem(args[0]);
    case 'sidebarSetRefresh':
      return expect(1) ?? (typeof args[0] === 'string' ? null : 'refresh: text expected');
    case 'sidebarActivateTab':
      return expect(1) ?? (Number.isSafeInteger(args[0]) ? null : 'id: whole number expected');
    case 'sidebarAddCampaign':
      return expect(1) ?? wireCampaignProblem(args[0]);
  }
}

export async function startSidebarServer(options: SidebarServerOptions): Promise<SidebarServer> {
  const dist = options.distDir ?? new URL('../../dist/', import.meta.url).pathname;
  const local = options.buildDir ?? new URL('../../build/', import.meta.url).pathname;
  const lang = langOf(options.locale ?? 'fr_FR');
  const token = randomBytes(24).toString('hex');
  // One call at a time, as Apps Script serialises a user's calls under the document lock.
  let queue: Promise<unknown> = Promise.resolve();
  const session =
    options.session ??
    (async <T>(writes: boolean, call: () => T): Promise<T> => {
      const value = call();
      if (writes) await options.afterWrite?.();
      return value;
    });

  async function answer(name: string, body: string): Promise<{ status: number; json: unknown }> {
    if (!isEndpointName(name))
      return { status: 404, json: { message: cliText(lang, 'server.noEndpoint', { endpoint: name }) } };
    let args: unknown;
    try {
      args = JSON.parse(body || '[]');
    } catch {
      return { status: 400, json: { message: cliText(lang, 'server.badJson') } };
    }
    if (!Array.isArray(args)) return { status: 400, json: { message: cliText(lang, 'server.badJson') } };
    const problem = argumentsProblem(name, args);
    if (problem !== null) {
      const message = cliText(lang, 'server.badArguments', { endpoint: name, detail: problem });
      return { status: 400, json: { message } };
    }
    try {
      const value = await session(SIDEBAR_ENDPOINTS[name].writes, () => {
        const endpoint = options.endpoints()[name] as (...values: unknown[]) => unknown;
        return endpoint(...args);
      });
      return { status: 200, json: { value } };
    } catch (error) {
      return { status: 500, json: { message: (error as Error).message } };
    }
  }

  let origins: string[] = [];
  /** Refuses a request not addressed to this server by name (DNS rebinding) or sent by another page. */
  function refusal(request: IncomingMessage, post: boolean): Refusal | null {
    const host = request.headers.host ?? '';
    if (!origins.some((origin) => origin === `http://${host}`)) {
      return new Refusal(403, cliText(lang, 'server.forbiddenHost', { host, url: origins[0] }));
    }
    if (!post) return null;
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    if (
      (origin !== undefined && !origins.includes(origin)) ||
      (site !== undefined && site !== 'same-origin')
    ) {
      return new Refusal(403, cliText(lang, 'server.forbiddenOrigin', { origin: origin ?? String(site) }));
    }
    const json = /^application\/json\b/i.test(request.headers['content-type'] ?? '');
    if (!json || request.headers[TOKEN_HEADER] !== token)
      return new Refusal(403, cliText(lang, 'server.badToken'));
    return null;
  }

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const rpc = /^\/rpc\/([A-Za-z]+)$/.exec(path);
    const refused = refusal(request, request.method === 'POST');
    if (refused) {
      request.resume();
      return send(response, refused.status, 'application/json', JSON.stringify({ message: refused.message }));
    }
    if (request.method === 'GET' && path === '/') return send(response, 200, 'text/html', FRAME_PAGE);
    if (request.method === 'GET' && path === '/sidebar') {
      const page = readFileSync(`${dist}Sidebar.html`, 'utf8');
      const shim = `<meta name="segmento-token" content="${token}">\n<script src="/script-run-shim.js"></script>`;
      return send(
        response,
        200,
        'text/html',
        page.replace('</head>', () => `${shim}\n</head>`),
      );
    }
    if (request.method === 'GET' && path === '/script-run-shim.js') {
      return send(response, 200, 'text/javascript', readFileSync(`${local}script-run-shim.js`, 'utf8'));
    }
    if (request.method === 'POST' && rpc) {
      const done = readBody(request, lang)
        .then((body) => {
          const next = queue.then(() => answer(rpc[1], body));
          queue = next.catch(() => undefined);
          return next;
        })
        .then(
          ({ status, json }) => send(response, status, 'application/json', JSON.stringify(json)),
          (error: Error) =>
            send(
              response,
              error instanceof Refusal ? error.status : 400,
              'application/json',
              JSON.stringify({ message: error.message }),
            ),
        );
      return void done;
    }
    send(response, 404, 'text/plain', 'Not found');
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    sidebarUrl: `${url}sidebar`,
    token,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
