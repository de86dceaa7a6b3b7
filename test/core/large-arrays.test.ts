import { constants, PerformanceObserver } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { largeArray, largeCopy } from '../../src/core/large-arrays';

/** Full (mark-compact) collections V8 runs while `run` runs. */
async function fullCollectionsDuring(run: () => void): Promise<number> {
  let collections = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
        collections++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  run();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return collections;
}

describe('large arrays', () => {
  it('a large array is zeros of its type; a large copy holds the values', () => {
    expect(largeArray(Int32Array, 3)).toEqual(new Int32Array(3));
    expect(largeArray(Uint16Array, 0)).toEqual(new Uint16Array(0));
    expect(largeCopy(Float64Array, [1.5, -2, 3])).toEqual(Float64Array.from([1.5, -2, 3]));
  });

  it('256 MiB of large arrays starts no full collection (V8 starts one per 64 MiB of ArrayBuffers)', async () => {
    const kept: Int32Array[] = [];
    const collections = await fullCollectionsDuring(() => {
      for (let index = 0; index < 16; index++) kept.push(largeArray(Int32Array, 4 * 1024 * 1024));
    });
    expect(kept.length).toBe(16);
    expect(collections).toBe(0);
  });
});
