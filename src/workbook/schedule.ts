/**
 * Scheduled refresh (see src/workbook/README.md, "Scheduled refresh"): off, weekly or monthly. In
 * Sheets it is one time-driven trigger per document (src/addon/refresh.ts); the sidebar reaches it
 * through this interface.
 */
import type { Refresh } from './settings-model';

export interface Scheduler {
  /** The refresh currently installed for this document. */
  current(): Refresh;
  /** Installs (or removes, for 'off') the refresh; never leaves two triggers for one document. */
  set(refresh: Refresh): void;
  /** Which of this user's refresh triggers of the document are in place: the daily one, the one at opening. */
  installed(): { daily: boolean; atOpening: boolean };
}
