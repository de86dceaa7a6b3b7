import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis';
import { readTableFile } from '../../src/local/table-file';
import { dataSet } from '../data-sets';

const path = dataSet('CDNOW_master.txt');

describe.skipIf(!path)('CDNOW master, real data', () => {
  it('has 23,570 customers and 69,659 purchases (zero-value rows are purchases)', () => {
    const rows = readTableFile(path!);
    const { book, metrics } = analyse(rows, { locale: 'en_US', mapping: { amount: 3 } });
    expect(book.rejected).toEqual([]);
    expect(metrics.count).toBe(23_570);
    expect(metrics.frequency.reduce((sum, n) => sum + n, 0)).toBe(69_659);
    expect(metrics.ids[0]).toBe('00001');
  });
});
