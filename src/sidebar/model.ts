/**
 * The page's state and what a section may ask of the page: the types every section shares, kept
 * apart from app.ts so that the arrows run one way (app.ts builds the sections; they know only this).
 */
import type { Lang } from '../core/labels';
import type { OrderBook } from '../core/orders';
import type { Settings } from '../workbook/settings-model';
import type { SidebarState, SourceResult, WireSettings } from '../workbook/sidebar-wire';
import type { Preview } from './preview';

export interface Model {
  server: SidebarState;
  lang: Lang;
  today: number;
  settings: Settings;
  source: SourceResult | null;
  book: OrderBook | null;
  bookError: string | null;
  preview: Preview;
}

/** What a section may ask of the page. */
export interface App {
  readonly model: Model;
  /** A value of the settings changed: recompute the preview and every message. */
  changed(): void;
  /** The rules changed shape: draw the list again, focusing the control keyed `focus` if given. */
  rulesChanged(focus?: string): void;
  /** The orders tab or range changed: fetch the orders again. */
  loadSource(): Promise<void>;
  /** The column mapping changed: read the fetched orders again. */
  mappingChanged(): void;
  /** Settings saved on the server: show them as saved. */
  saved(settings: WireSettings, tab: string): void;
}

/** A part of the page: its element, and how it follows the state. */
export interface Section {
  element: HTMLElement;
  update(): void;
}
