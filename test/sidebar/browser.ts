/**
 * The sidebar in real headless Chromium (Debian's `chromium`, driven by playwright-core), served
 * by the local preview server with the endpoints running in Node. Without Chromium the browser
 * tests are skipped with a visible notice, except under CI=true, where it is a failure.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startSidebarServer, type SidebarServerOptions } from '../../src/local/dev-server';

export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser tests can run (a notice when they cannot). */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true')
    throw new Error(`Chromium missing under CI=true: ${CHROMIUM} (see .ci/run).`);
  console.warn(
    `NOTICE: ${CHROMIUM} is missing; the sidebar browser tests are skipped (apt-get install chromium).`,
  );
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** Where the tests write their screenshots (git-ignored; `npm run screenshots` copies the README's). */
export const SCREENSHOTS = new URL('../../out/screenshots/', import.meta.url).pathname;

/**
 * For a describe block: one Chromium for its tests, and `open`, which opens the sidebar in it;
 * every page opened and the browser are closed after the block.
 */
export function sidebarsInChromium(): {
  open: (
    ...args: Parameters<typeof openSidebar> extends [Browser, ...infer Rest] ? Rest : never
  ) => Promise<SidebarPage>;
} {
  let browser: Browser;
  const opened: SidebarPage[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    for (const sidebar of opened) await sidebar.close();
    await browser?.close();
  });
  return {
    open: async (...args) => {
      const sidebar = await openSidebar(browser, ...args);
      opened.push(sidebar);
      return sidebar;
    },
  };
}

export interface SidebarPage {
  page: Page;
  /** Console errors and uncaught exceptions of the page. */
  errors: string[];
  /** Messages of every alert, confirm or prompt the page opened (each dismissed). */
  dialogs: string[];
  /** Opens the page again (as reopening the sidebar does). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/** The sidebar at 300 px, in a browser context of its own, once its preview is drawn. */
export async function openSidebar(
  browser: Browser,
  server: SidebarServerOptions,
  options: { height?: number; locale?: string; waitForPreview?: boolean } = {},
): Promise<SidebarPage> {
  const served = await startSidebarServer(server);
  const context = await browser.newContext({
    viewport: { width: 300, height: options.height ?? 900 },
    locale: options.locale ?? 'fr-FR',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const open = async () => {
    await page.goto(served.sidebarUrl);
    if (options.waitForPreview !== false)
      await page.waitForSelector('.preview tbody tr', { timeout: 30_000 });
  };
  await open();
  return {
    page,
    errors,
    dialogs,
    reload: open,
    close: async () => {
      await context.close();
      await served.close();
    },
  };
}

/** The preview's rows: segment name, customers, revenue in thousandths. */
export function previewRows(page: Page): Promise<{ name: string; customers: number; revenue: number }[]> {
  return page.$$eval('.preview tbody tr', (rows) =>
    rows.map((row) => ({
      name: row.querySelector('th')!.textContent!.trim(),
      customers: Number((row as HTMLElement).dataset.customers),
      revenue: Number((row as HTMLElement).dataset.revenue),
    })),
  );
}

/** The names in the rule list, in order. */
export function ruleNames(page: Page): Promise<string[]> {
  return page.$$eval('.rule .rule-head input[type="text"]', (inputs) =>
    inputs.map((input) => (input as HTMLInputElement).value),
  );
}

/** A screenshot of the whole page, 300 px wide, with the sticky Save/Apply bar at its foot. */
export async function screenshot(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}
