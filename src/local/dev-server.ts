/**
 * The local preview server of the sidebar: serves the built page (dist/Sidebar.html) on 127.0.0.1
 * with `google.script.run` answered over HTTP by the same endpoint implementation as the add-on
 * (src/workbook/sidebar-endpoints.ts), running in Node. Used by `npm run dev` and the browser tests.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Scheduler } from '../workbook/schedule';
import type { Refresh } from '../workbook/settings';
import { isEndpointName, SIDEBAR_ENDPOINTS, type SidebarEndpoints } from '../workbook/sidebar-endpoints';

export interface SidebarServerOptions {
  /** The endpoints for one call (made per call, so that "today" stays today). */
  endpoints: () => SidebarEndpoints;
  /** Run after each call that may change the workbook, before answering (the .xlsx is saved there). */
  afterWrite?: () => Promise<void>;
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
  close(): Promise<void>;
}

/** Larger requests are refused: settings are a few kilobytes. */
const MAX_BODY_BYTES = 5_000_000;

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

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request too large.'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  response.end(body);
}

export async function startSidebarServer(options: SidebarServerOptions): Promise<SidebarServer> {
  const dist = options.distDir ?? new URL('../../dist/', import.meta.url).pathname;
  const local = options.buildDir ?? new URL('../../build/', import.meta.url).pathname;
  // One call at a time, as Apps Script serialises a user's calls under the document lock.
  let queue: Promise<unknown> = Promise.resolve();

  async function answer(name: string, body: string): Promise<{ status: number; json: unknown }> {
    if (!isEndpointName(name)) return { status: 404, json: { message: `No endpoint ${name}.` } };
    const args: unknown = JSON.parse(body || '[]');
    if (!Array.isArray(args)) return { status: 400, json: { message: 'Arguments must be a JSON array.' } };
    try {
      const endpoint = options.endpoints()[name] as (...values: unknown[]) => unknown;
      const value = endpoint(...args);
      if (SIDEBAR_ENDPOINTS[name].writes) await options.afterWrite?.();
      return { status: 200, json: { value } };
    } catch (error) {
      return { status: 500, json: { message: (error as Error).message } };
    }
  }

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method === 'GET' && path === '/') return send(response, 200, 'text/html', FRAME_PAGE);
    if (request.method === 'GET' && path === '/sidebar') {
      const page = readFileSync(`${dist}Sidebar.html`, 'utf8');
      const shim = '<script src="/script-run-shim.js"></script>';
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
    const rpc = /^\/rpc\/([A-Za-z]+)$/.exec(path);
    if (request.method === 'POST' && rpc) {
      const done = readBody(request)
        .then((body) => {
          const next = queue.then(() => answer(rpc[1], body));
          queue = next.catch(() => undefined);
          return next;
        })
        .then(
          ({ status, json }) => send(response, status, 'application/json', JSON.stringify(json)),
          (error: Error) =>
            send(response, 400, 'application/json', JSON.stringify({ message: error.message })),
        );
      return void done;
    }
    send(response, 404, 'text/plain', 'Not found');
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    sidebarUrl: `${url}sidebar`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
