/** Small hand-made customer histories for the predicted-value tests. */
import type { ClvSummary } from '../../src/core/clv-summary';

/** A summary made of histories given in days: [x, t_x, T, repeat spend in thousandths]. */
export function summaryOf(histories: readonly (readonly [number, number, number, number?])[]): ClvSummary {
  const asOfDay = 10_000;
  return {
    asOfDay,
    count: histories.length,
    ids: histories.map((_, i) => `c${i}`),
    repeatDays: Int32Array.from(histories, ([x]) => x),
    firstPurchase: Int32Array.from(histories, ([, , T]) => asOfDay - T),
    lastPurchase: Int32Array.from(histories, ([, tx, T]) => asOfDay - T + tx),
    repeatSpend: Float64Array.from(histories, ([, , , spend]) => spend ?? 0),
    holdoutDays: null,
    holdoutEndDay: null,
  };
}

/** A seeded uniform generator on (0, 1) (mulberry32): the same histories on every run. */
function uniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/** A Gamma(shape, rate) draw (Marsaglia & Tsang; shape < 1 boosted by U^(1/shape)). */
function gammaDraw(uniform: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaDraw(uniform, shape + 1, rate) * uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const normal = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const v = (1 + c * normal) ** 3;
    if (v <= 0) continue;
    if (Math.log(uniform()) < 0.5 * normal * normal + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export interface SimulatedShop {
  /** BG/NBD: purchase rate ~ Gamma(r, α) per week, drop-out after each repeat purchase ~ Beta(a, b). */
  r: number;
  alpha: number;
  a: number;
  b: number;
  /** Gamma-Gamma: spend per purchase ~ Gamma(p, ν), ν ~ Gamma(q, γ), in currency units. */
  p: number;
  q: number;
  gamma: number;
}

/**
 * Histories drawn from the two models themselves (first purchases spread over 30 to 60 weeks
 * before the analysis date), so that a fit has known parameters to find.
 */
export function simulatedSummary(customers: number, shop: SimulatedShop, seed = 1): ClvSummary {
  const uniform = uniforms(seed);
  const histories: [number, number, number, number][] = [];
  for (let i = 0; i < customers; i++) {
    const rate = gammaDraw(uniform, shop.r, shop.alpha);
    const first = gammaDraw(uniform, shop.a, 1);
    const dropout = first / (first + gammaDraw(uniform, shop.b, 1));
    const spendRate = gammaDraw(uniform, shop.q, shop.gamma);
    const observedDays = 210 + Math.floor(uniform() * 211);
    let week = 0;
    let lastDay = 0;
    let x = 0;
    let spend = 0;
    for (;;) {
      week += -Math.log(uniform()) / rate;
      const day = Math.floor(week * 7);
      if (day > observedDays) break;
      if (day > lastDay) {
        x++;
        lastDay = day;
        spend += Math.round(gammaDraw(uniform, shop.p, spendRate) * 1000);
      }
      if (uniform() < dropout) break;
    }
    histories.push([x, lastDay, observedDays, spend]);
  }
  return summaryOf(histories);
}
