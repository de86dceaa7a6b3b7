import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/core/analysis';
import {
  dateOutliers,
  dateOutliersMessage,
  OUTLIER_DEVIATIONS,
  OUTLIER_MIN_MARGIN_DAYS,
} from '../../src/core/date-outliers';
import { isoDay } from '../../src/core/days';
import { readOrders } from '../../src/core/orders';
import { quantileThresholds } from '../../src/core/scores';

const book = (dates: string[]) =>
  readOrders([['Client', 'Date', 'Montant'], ...dates.map((date, index) => [`c${index}`, date, 10])], {
    locale: 'fr_FR',
  });

describe('dates far outside the others are flagged, never dropped (issue 12)', () => {
  it('a single order dated 9999-12-31 among four is listed with its row; it still counts', () => {
    const orders = book(['2024-01-02', '2024-03-05', '9999-12-31', '2024-06-01']);
    const outliers = dateOutliers(orders)!;
    expect(outliers.rows).toEqual([4]);
    expect(outliers.days.map(isoDay)).toEqual(['9999-12-31']);
    expect(dateOutliersMessage(outliers, 'en')).toMatch(
      /^Warning: 1 rows have a date far from the others \(outside .* to .*\), kept as they are: rows 4 \(9999-12-31\)\./,
    );
    expect(orders.lineCount).toBe(4);
    expect(
      isoDay(
        analyse([
          ['Client', 'Date', 'Montant'],
          ['a', '2024-01-02', 1],
          ['b', '9999-12-31', 1],
        ]).metrics.asOfDay,
      ),
    ).toBe('9999-12-31');
  });

  it('a typo year on the low side (1900) is flagged too', () => {
    expect(dateOutliers(book(['2024-01-02', '1900-03-05', '2024-02-01', '2024-06-01']))?.rows).toEqual([3]);
  });

  it('an ordinary history of a few years is left alone', () => {
    const dates = Array.from(
      { length: 60 },
      (_, month) => `${2020 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-15`,
    );
    expect(dateOutliers(book(dates))).toBeNull();
    expect(dateOutliers(book(['2018-10-29', ...dates.slice(24)]))).toBeNull();
  });

  it('beyond ten rows, the rest are counted', () => {
    const dates = [
      ...Array.from({ length: 40 }, () => '2024-05-05'),
      ...Array.from({ length: 12 }, () => '9999-01-01'),
    ];
    expect(dateOutliersMessage(dateOutliers(book(dates))!, 'fr')).toContain('… et 2 autres');
  });

  it('dates spanning about the narrowest margin are flagged as the median and deviation say', () => {
    // The days' rows as the definition reads: median, median distance, margin, then every line.
    const flagged = (days: number[]) => {
      const median = Math.round(quantileThresholds(Float64Array.from(days), 2)[0]);
      const distances = Float64Array.from(days, (day) => Math.abs(day - median));
      const margin = Math.floor(
        Math.max(OUTLIER_DEVIATIONS * quantileThresholds(distances, 2)[0], OUTLIER_MIN_MARGIN_DAYS),
      );
      return days.flatMap((day, index) => (Math.abs(day - median) > margin ? [index + 2] : []));
    };
    const start = 19_000;
    fc.assert(
      fc.property(
        // Days near the ends of a span about the margin, where the median may sit at either end.
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: OUTLIER_MIN_MARGIN_DAYS - 2, max: OUTLIER_MIN_MARGIN_DAYS + 3 }),
          ),
          { minLength: 2, maxLength: 9 },
        ),
        fc.integer({ min: 0, max: 2 * OUTLIER_MIN_MARGIN_DAYS }),
        (offsets, far) => {
          const days = [
            ...offsets,
            ...(far > OUTLIER_MIN_MARGIN_DAYS ? [far + OUTLIER_MIN_MARGIN_DAYS] : []),
          ].map((offset) => start + offset);
          expect(dateOutliers(book(days.map(isoDay)))?.rows ?? []).toEqual(flagged(days));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
