import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis';
import { readOrders } from '../../src/core/orders';
import { readTableFile } from '../../src/local/table-file';
import { dataSet } from '../data-sets';

const path = dataSet('online_retail.csv.gz');

describe.skipIf(!path)('Online Retail (UCI), real data', () => {
  let rows: string[][];
  beforeAll(() => {
    rows = readTableFile(path!);
  });

  it('has 541,909 lines under its header', () => {
    expect(rows.length - 1).toBe(541_909);
  });

  it('with cancellations excluded by hand: 397,924 lines, 18,536 invoices, 4,339 customers, £8,911,407.904', () => {
    const kept = rows.filter((row, i) => i === 0 || (row[6] !== '' && !row[0].startsWith('C')));
    const book = readOrders(kept, { locale: 'en_US' });
    expect(book.rejected).toEqual([]);
    expect(book.lineCount).toBe(397_924);
    expect(book.orderCount).toBe(18_536);
    expect(book.customerIds.length).toBe(4_339);
    expect(book.orderAmount.reduce((sum, amount) => sum + amount, 0)).toBe(8_911_407_904);
  });

  it('read as a user would, every line is used or rejected with a reason: none vanish', () => {
    const book = readOrders(rows, { locale: 'en_US' });
    expect(book.lineCount + book.rejected.length + book.emptyRows).toBe(541_909);
    expect(book.emptyRows).toBe(0);
    expect(book.rejected.filter((reject) => reject.reason === 'noCustomer').length).toBe(135_080);
    expect(book.customerIds.length).toBe(4_372);
    expect(book.rejected.every((reject) => reject.row >= 2 && reject.row <= 541_910)).toBe(true);
  });

  it('cancellations are refunds: 33 customers with only cancellations get no score', () => {
    const { metrics, segment, segmentNames, thresholds } = analyse(rows, { locale: 'fr_FR' });
    expect(metrics.refundOnlyCustomers).toBe(33);
    expect(metrics.count).toBe(4_339);
    expect(metrics.ordersAfterAsOf).toBe(0);
    expect(thresholds.classes).toBe(5);
    expect(segment.length).toBe(4_339);
    expect(new Set(segmentNames)).toContain('Champions');
    // Customer 12346 bought £77,183.60 once and cancelled it: spend 0, one purchase.
    const i = metrics.ids.indexOf('12346');
    expect([metrics.frequency[i], metrics.monetary[i]]).toEqual([1, 0]);
    // The product code and description change from line to line: they are not customer attributes.
    expect(metrics.attributes.map((attribute) => attribute.name)).toEqual(['Country']);
    expect(metrics.lineColumns).toEqual(['StockCode', 'Description']);
  });

  it('a past analysis date gives a past picture: later orders are left out and counted', () => {
    const { metrics } = analyse(rows, { locale: 'en_US', asOfDay: Date.UTC(2011, 5, 30) / 86_400_000 });
    expect(metrics.ordersAfterAsOf).toBeGreaterThan(0);
    expect(metrics.count).toBeLessThan(4_339);
    expect(Math.min(...metrics.recencyDays)).toBeGreaterThanOrEqual(0);
  });
});
