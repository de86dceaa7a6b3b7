/** What the hand-written entry (entry.js) can reach as `Segmento.*` in Apps Script. */
export { analyse } from '../core/analysis';
