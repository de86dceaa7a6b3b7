import { describe, expect, it } from 'vitest';
import type { AttributeValue, CustomerMetrics } from '../../src/core/metrics';
import type { Scores } from '../../src/core/scores';
import {
  assignSegments,
  readingOnScale,
  segmentNames,
  segmentOfCode,
  validateSegmentSet,
  type Condition,
  type SegmentRule,
  type SegmentSet,
} from '../../src/core/segments';

const AS_OF = 20000;

interface Customer {
  recency: number;
  frequency: number;
  /** Currency units. */
  spend: number;
  /** Spend of purchases, currency units; `spend` by default. */
  purchaseSpend?: number;
  /** Days since the first purchase; `recency` by default. */
  tenure?: number;
  attributes?: Record<string, AttributeValue>;
}

function metricsOf(customers: Customer[], attributeNames: string[] = []): CustomerMetrics {
  return {
    asOfDay: AS_OF,
    count: customers.length,
    ids: customers.map((_, i) => `c${i}`),
    customers: Int32Array.from(customers, (_, i) => i),
    recencyDays: Int32Array.from(customers, (c) => c.recency),
    frequency: Int32Array.from(customers, (c) => c.frequency),
    monetary: Float64Array.from(customers, (c) => Math.round(c.spend * 1000)),
    purchaseSpend: Float64Array.from(customers, (c) => Math.round((c.purchaseSpend ?? c.spend) * 1000)),
    firstPurchase: Int32Array.from(customers, (c) => AS_OF - (c.tenure ?? c.recency)),
    lastPurchase: Int32Array.from(customers, (c) => AS_OF - c.recency),
    attributes: attributeNames.map((name) => ({
      name,
      values: customers.map((c) => c.attributes?.[name] ?? ''),
    })),
    ordersAfterAsOf: 0,
    refundOnlyCustomers: 0,
    lineColumns: [],
  };
}

function scoresOf(codes: [number, number, number][]): Scores {
  return {
    r: Uint8Array.from(codes, (code) => code[0]),
    f: Uint8Array.from(codes, (code) => code[1]),
    m: Uint8Array.from(codes, (code) => code[2]),
  };
}

const anyone: Customer = { recency: 10, frequency: 2, spend: 100 };

function setOf(rules: Partial<SegmentRule>[], scale = 5): SegmentSet {
  return {
    scale,
    rules: rules.map((rule, i) => ({ name: `S${i + 1}`, color: '#123456', ...rule })),
    fallback: { name: 'Autres', color: '#9e9e9e' },
  };
}

/** The segment of each customer with conditions only (all scores 3 on 5 classes). */
function segmentsBy(conditions: Condition[], customers: Customer[], attributeNames: string[] = []): number[] {
  const metrics = metricsOf(customers, attributeNames);
  const scores = scoresOf(customers.map(() => [3, 3, 3]));
  return [...assignSegments(metrics, scores, 5, setOf([{ conditions }]))];
}

describe('reading a score on the rules’ scale', () => {
  it('with 3 classes the scores read 1, 3, 5 on the 5-class scale', () => {
    expect([1, 2, 3].map((s) => readingOnScale(s, 3, 5))).toEqual([1, 3, 5]);
  });

  it('with 10 classes the scores read 1, 1, 2, 2, 3, 3, 4, 4, 5, 5', () => {
    const scores = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(scores.map((s) => readingOnScale(s, 10, 5))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('on its own scale a score reads as itself', () => {
    for (let classes = 3; classes <= 10; classes++) {
      for (let s = 1; s <= classes; s++) expect(readingOnScale(s, classes, classes)).toBe(s);
    }
  });

  it('a reading is the ceiling of scale·(2s − 1) / (2·classes), exactly', () => {
    for (let classes = 3; classes <= 10; classes++) {
      for (let scale = 3; scale <= 10; scale++) {
        for (let s = 1; s <= classes; s++) {
          const reading = readingOnScale(s, classes, scale);
          const numerator = scale * (2 * s - 1);
          expect((reading - 1) * 2 * classes < numerator && numerator <= reading * 2 * classes).toBe(true);
        }
      }
    }
  });
});

describe('assigning segments', () => {
  it('the first matching rule wins', () => {
    const set = setOf([{ r: { min: 4, max: 5 } }, { f: { min: 4, max: 5 } }, { m: { min: 1, max: 5 } }]);
    const codes: [number, number, number][] = [
      [5, 5, 5],
      [3, 5, 1],
      [1, 1, 1],
    ];
    const segments = assignSegments(metricsOf(codes.map(() => anyone)), scoresOf(codes), 5, set);
    expect([...segments]).toEqual([0, 1, 2]);
  });

  it('a customer no rule matches goes to the fallback, after the rules in segmentNames', () => {
    const set = setOf([{ r: { min: 5, max: 5 } }]);
    const segments = assignSegments(
      metricsOf([anyone, anyone]),
      scoresOf([
        [5, 1, 1],
        [4, 5, 5],
      ]),
      5,
      set,
    );
    expect([...segments]).toEqual([0, 1]);
    expect(segmentNames(set)).toEqual(['S1', 'Autres']);
  });

  it('the total is the sum of the three readings on the rules’ scale', () => {
    // 3 classes: 2-2-2 reads 3-3-3 on the 5-class scale, a total of 9.
    const set = setOf([{ total: { min: 9, max: 9 } }]);
    const scores = scoresOf([
      [2, 2, 2],
      [3, 2, 1],
    ]);
    expect([...assignSegments(metricsOf([anyone, anyone]), scores, 3, set)]).toEqual([0, 0]);
    const other = scoresOf([[3, 3, 1]]);
    expect([...assignSegments(metricsOf([anyone]), other, 3, set)]).toEqual([1]);
  });

  it('conditions on metrics compare days, purchases and currency units', () => {
    const customers: Customer[] = [
      { recency: 181, frequency: 1, spend: 500, tenure: 400 },
      { recency: 180, frequency: 1, spend: 500, tenure: 400 },
      { recency: 200, frequency: 1, spend: 499.999, tenure: 400 },
    ];
    expect(segmentsBy([{ field: 'recency', op: '>', value: 180 }], customers)).toEqual([0, 1, 0]);
    expect(segmentsBy([{ field: 'monetary', op: '>=', value: 500 }], customers)).toEqual([0, 0, 1]);
    expect(segmentsBy([{ field: 'monetary', op: '=', value: 499.999 }], customers)).toEqual([1, 1, 0]);
    expect(segmentsBy([{ field: 'frequency', op: '!=', value: 1 }], customers)).toEqual([1, 1, 1]);
    expect(segmentsBy([{ field: 'tenure', op: '<=', value: 400 }], customers)).toEqual([0, 0, 0]);
    const baskets: Customer[] = [
      { recency: 1, frequency: 4, spend: 90, purchaseSpend: 100 },
      { recency: 1, frequency: 3, spend: 100 },
    ];
    // Average basket: spend of purchases / purchases (25 and 33.33…).
    expect(segmentsBy([{ field: 'averageBasket', op: '<', value: 30 }], baskets)).toEqual([0, 1]);
  });

  it('all the conditions of a rule must hold', () => {
    const conditions: Condition[] = [
      { field: 'recency', op: '>', value: 180 },
      { field: 'monetary', op: '>=', value: 500 },
    ];
    const customers: Customer[] = [
      { recency: 200, frequency: 1, spend: 600 },
      { recency: 200, frequency: 1, spend: 400 },
      { recency: 100, frequency: 1, spend: 600 },
    ];
    expect(segmentsBy(conditions, customers)).toEqual([0, 1, 1]);
  });

  it('conditions on attributes match the column name without case or accents, the value trimmed and without case', () => {
    const customers: Customer[] = [
      { ...anyone, attributes: { Pays: ' France ', Âge: 30 } },
      { ...anyone, attributes: { Pays: 'FRANCE', Âge: 41 } },
      { ...anyone, attributes: { Pays: 'Belgique', Âge: '30' } },
      { ...anyone, attributes: {} },
    ];
    const names = ['Pays', 'Âge'];
    expect(segmentsBy([{ attribute: 'pays', op: '=', value: 'france' }], customers, names)).toEqual([
      0, 0, 1, 1,
    ]);
    expect(segmentsBy([{ attribute: ' PAYS ', op: '!=', value: 'France ' }], customers, names)).toEqual([
      1, 1, 0, 0,
    ]);
    expect(segmentsBy([{ attribute: 'Pays', op: 'contains', value: 'GIQ' }], customers, names)).toEqual([
      1, 1, 0, 1,
    ]);
    expect(segmentsBy([{ attribute: 'age', op: '=', value: '30' }], customers, names)).toEqual([0, 1, 0, 1]);
  });

  it('an attribute the orders do not have reads as empty', () => {
    const customers = [{ ...anyone, attributes: { Pays: 'France' } }];
    expect(segmentsBy([{ attribute: 'Ville', op: '=', value: '' }], customers, ['Pays'])).toEqual([0]);
    expect(segmentsBy([{ attribute: 'Ville', op: '=', value: 'Lyon' }], customers, ['Pays'])).toEqual([1]);
  });

  it('a rule whose conditions fail lets the next matching rule take the customer', () => {
    const set = setOf([
      { r: { min: 4, max: 5 }, conditions: [{ field: 'monetary', op: '>=', value: 1000 }] },
      { r: { min: 5, max: 5 } },
    ]);
    const customers: Customer[] = [
      { recency: 1, frequency: 1, spend: 1500 },
      { recency: 1, frequency: 1, spend: 50 },
      { recency: 1, frequency: 1, spend: 50 },
    ];
    const scores = scoresOf([
      [5, 1, 1],
      [5, 1, 1],
      [4, 1, 1],
    ]);
    expect([...assignSegments(metricsOf(customers), scores, 5, set)]).toEqual([0, 1, 2]);
  });

  it('assignSegments agrees with a rule-by-rule evaluation of each customer', () => {
    const random = seededRandom(20251017);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
    const countries = ['France', ' france', 'FRANCE ', 'Belgique', 'Suisse', ''];
    const channels: AttributeValue[] = ['web', 'Boutique', 'boutique en ligne', 3, ''];
    const attributeNames = ['Pays', 'Canal de vente'];
    const customers: Customer[] = Array.from({ length: 4000 }, () => ({
      recency: Math.floor(random() * 400),
      frequency: 1 + Math.floor(random() * 8),
      spend: Math.round(random() * 200000) / 100,
      tenure: Math.floor(random() * 900),
      attributes: { Pays: pick(countries), 'Canal de vente': pick(channels) },
    }));
    const set = setOf([
      { r: { min: 5, max: 5 }, f: { min: 5, max: 5 }, m: { min: 5, max: 5 } },
      { total: { min: 12, max: 15 }, conditions: [{ attribute: 'pays', op: '=', value: 'france' }] },
      { r: { min: 3, max: 5 }, f: { min: 3, max: 5 }, m: { min: 2, max: 5 } },
      { conditions: [{ field: 'monetary', op: '>=', value: 1500 }] },
      {
        r: { min: 1, max: 2 },
        conditions: [
          { field: 'recency', op: '>', value: 180 },
          { attribute: 'canal de vente', op: 'contains', value: 'BOUTIQUE' },
        ],
      },
      { f: { min: 1, max: 2 }, m: { min: 1, max: 3 } },
      { conditions: [{ field: 'averageBasket', op: '<', value: 200 }] },
      { total: { min: 6, max: 9 }, conditions: [{ field: 'tenure', op: '>=', value: 365 }] },
      { r: { min: 1, max: 1 } },
    ]);
    for (const classes of [3, 5, 7, 10]) {
      const codes = customers.map((): [number, number, number] => [
        1 + Math.floor(random() * classes),
        1 + Math.floor(random() * classes),
        1 + Math.floor(random() * classes),
      ]);
      const metrics = metricsOf(customers, attributeNames);
      const scores = scoresOf(codes);
      const expected = customers.map((_, i) => naiveSegment(customers[i], codes[i], classes, set));
      expect([...assignSegments(metrics, scores, classes, set)]).toEqual(expected);
      expect(new Set(expected).size).toBeGreaterThan(5);
    }
  });
});

/** The segment of one customer, rule by rule, straight from the definitions. */
function naiveSegment(customer: Customer, code: [number, number, number], classes: number, set: SegmentSet) {
  const [r, f, m] = code.map((s) => Math.ceil((set.scale * (2 * s - 1)) / (2 * classes)));
  const within = (value: number, bounds?: { min: number; max: number }) =>
    !bounds || (bounds.min <= value && value <= bounds.max);
  const metricValue = {
    recency: customer.recency,
    frequency: customer.frequency,
    monetary: customer.spend,
    averageBasket: (customer.purchaseSpend ?? customer.spend) / customer.frequency,
    tenure: customer.tenure ?? customer.recency,
    // No predictions here: conditions on them hold for nobody.
    probabilityAlive: null,
    predictedValue: null,
  };
  const holds = (condition: Condition): boolean => {
    if ('field' in condition) {
      const value = metricValue[condition.field];
      if (value === null) return false;
      const ops = {
        '<': value < condition.value,
        '<=': value <= condition.value,
        '>': value > condition.value,
      };
      const more = {
        '>=': value >= condition.value,
        '=': value === condition.value,
        '!=': value !== condition.value,
      };
      return { ...ops, ...more }[condition.op];
    }
    const key = Object.keys(customer.attributes ?? {}).find(
      (name) => name.toLowerCase() === condition.attribute.trim().toLowerCase(),
    );
    const value = String(key === undefined ? '' : customer.attributes![key])
      .trim()
      .toLowerCase();
    const target = condition.value.trim().toLowerCase();
    return { '=': value === target, '!=': value !== target, contains: value.includes(target) }[condition.op];
  };
  const index = set.rules.findIndex(
    (rule) =>
      within(r, rule.r) &&
      within(f, rule.f) &&
      within(m, rule.m) &&
      within(r + f + m, rule.total) &&
      (rule.conditions ?? []).every(holds),
  );
  return index < 0 ? set.rules.length : index;
}

/** mulberry32: the same pseudo-random sequence on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the segment of a score code', () => {
  const set = setOf([
    { name: 'Champions', r: { min: 5, max: 5 }, f: { min: 5, max: 5 } },
    {
      name: 'Gros paniers',
      r: { min: 4, max: 5 },
      conditions: [{ field: 'averageBasket', op: '>', value: 100 }],
    },
    { name: 'Récents', r: { min: 3, max: 5 } },
  ]);

  it('is the first rule whose ranges match, or the fallback', () => {
    expect(segmentOfCode(5, 5, 1, 5, set, 'fr')).toEqual({ name: 'Champions' });
    expect(segmentOfCode(3, 1, 1, 5, set, 'fr')).toEqual({ name: 'Récents' });
    expect(segmentOfCode(2, 5, 5, 5, set, 'fr')).toEqual({ name: 'Autres' });
  });

  it('reads the scores on the rules’ scale', () => {
    // 10 classes: 9 and 10 read 5, 7 reads 4.
    expect(segmentOfCode(9, 10, 1, 10, set, 'fr')).toEqual({ name: 'Champions' });
    expect(segmentOfCode(5, 1, 1, 10, set, 'fr')).toEqual({ name: 'Récents' });
  });

  it('a first matching rule with conditions needs the order rows', () => {
    expect(segmentOfCode(4, 1, 1, 5, set, 'fr')).toEqual({
      error:
        'Règle 2 « Gros paniers » pose des conditions sur les métriques ou les attributs : un code seul ne suffit pas, donnez les lignes de commande, par exemple =SEGMENT(Commandes!A:D; A2).',
    });
    expect(segmentOfCode(4, 1, 1, 5, set, 'en')).toEqual({
      error:
        'Rule 2 "Gros paniers" has conditions on metrics or attributes: a code alone is not enough, give the order rows, for example =SEGMENT(Orders!A:D, A2).',
    });
  });

  it('a score outside 1 … classes is an error', () => {
    expect(segmentOfCode(6, 3, 5, 5, set, 'fr')).toEqual({
      error: 'Code 635 : chaque score doit être un nombre entier de 1 à 5.',
    });
    expect(segmentOfCode(0, 3, 5, 5, set, 'en')).toEqual({
      error: 'Code 035: each score must be a whole number from 1 to 5.',
    });
  });
});

describe('validating a segment set', () => {
  const messages = (set: SegmentSet, classes = 5, lang: 'fr' | 'en' = 'fr') =>
    validateSegmentSet(set, classes, lang).map((issue) => issue.message);

  it('a well-formed set has no issue', () => {
    const set = setOf([
      { name: 'Champions', r: { min: 5, max: 5 }, total: { min: 13, max: 15 } },
      { name: 'France', conditions: [{ attribute: 'Pays', op: '=', value: 'France' }] },
      { name: 'Reste', r: { min: 1, max: 5 } },
    ]);
    expect(validateSegmentSet(set, 5, 'fr')).toEqual([]);
  });

  it('a rule without a name', () => {
    expect(validateSegmentSet(setOf([{ name: '  ' }]), 5, 'fr')).toEqual([
      { rule: 0, field: 'name', message: 'Règle 1 : donnez un nom au segment.' },
    ]);
    expect(messages(setOf([{ name: '' }]), 5, 'en')).toEqual(['Rule 1: give the segment a name.']);
  });

  it('two segments with the same name, spaces and case aside, the fallback included', () => {
    const set = setOf([
      { name: 'Fidèles', r: { min: 5, max: 5 } },
      { name: ' fidèles ', r: { min: 1, max: 2 } },
      { name: 'AUTRES' },
    ]);
    expect(validateSegmentSet(set, 5, 'fr')).toEqual([
      {
        rule: 1,
        field: 'name',
        message: 'Règle 2 « fidèles » : même nom que la règle 1 ; choisissez un autre nom.',
      },
      {
        rule: -1,
        field: 'name',
        message: 'Segment par défaut « Autres » : même nom que la règle 3 ; choisissez un autre nom.',
      },
    ]);
  });

  it('an inverted range', () => {
    expect(validateSegmentSet(setOf([{ name: 'A', f: { min: 4, max: 2 } }]), 5, 'fr')).toEqual([
      {
        rule: 0,
        field: 'f',
        message: 'Règle 1 « A » : la plage F est inversée (4 – 2) ; écrivez le minimum d’abord.',
      },
    ]);
    expect(messages(setOf([{ name: 'A', total: { min: 12, max: 10 } }]), 5, 'en')).toEqual([
      'Rule 1 "A": the total range is inverted (12 – 10); write the minimum first.',
    ]);
  });

  it('a range outside the scale', () => {
    expect(validateSegmentSet(setOf([{ name: 'A', r: { min: 6, max: 9 } }]), 5, 'fr')).toEqual([
      {
        rule: 0,
        field: 'r',
        message: 'Règle 1 « A » : la plage R (6 – 9) est hors de l’échelle, qui va de 1 à 5.',
      },
    ]);
    expect(messages(setOf([{ name: 'A', total: { min: 16, max: 20 } }]), 5, 'en')).toEqual([
      'Rule 1 "A": the total range (16 – 20) is outside the scale, which goes from 3 to 15.',
    ]);
    expect(messages(setOf([{ name: 'A', total: { min: 1, max: 2 } }], 3), 3, 'fr')).toEqual([
      'Règle 1 « A » : la plage du total (1 – 2) est hors de l’échelle, qui va de 3 à 9.',
    ]);
  });

  it('bounds that are not whole numbers', () => {
    expect(validateSegmentSet(setOf([{ name: 'A', m: { min: 1.5, max: 3 } }]), 5, 'fr')).toEqual([
      {
        rule: 0,
        field: 'm',
        message: 'Règle 1 « A » : la plage M doit avoir des bornes entières (reçu : 1.5 – 3).',
      },
    ]);
    expect(messages(setOf([{ name: 'A', r: { min: NaN, max: 3 } }]), 5, 'en')).toEqual([
      'Rule 1 "A": the R range must have whole-number bounds (got: NaN – 3).',
    ]);
  });

  it('a colour that is not #rrggbb', () => {
    const set = setOf([{ name: 'A', color: 'rouge' }]);
    set.fallback.color = '#abc';
    expect(validateSegmentSet(set, 5, 'fr')).toEqual([
      {
        rule: 0,
        field: 'color',
        message: 'Règle 1 « A » : couleur « rouge » illisible ; écrivez-la comme #1a73e8.',
      },
      {
        rule: -1,
        field: 'color',
        message: 'Segment par défaut « Autres » : couleur « #abc » illisible ; écrivez-la comme #1a73e8.',
      },
    ]);
  });

  it('a condition on a metric without a finite number', () => {
    const set = setOf([
      {
        name: 'A',
        conditions: [
          { field: 'recency', op: '>', value: 30 },
          { field: 'monetary', op: '>=', value: Infinity },
        ],
      },
    ]);
    expect(validateSegmentSet(set, 5, 'fr')).toEqual([
      {
        rule: 0,
        field: 'conditions',
        message: 'Règle 1 « A » : la condition 2 doit comparer à un nombre (reçu : Infinity).',
      },
    ]);
    const typed = setOf([
      { name: 'A', conditions: [{ field: 'recency', op: '>', value: 'trente' as never }] },
    ]);
    expect(messages(typed, 5, 'en')).toEqual([
      'Rule 1 "A": condition 1 must compare with a number (got: trente).',
    ]);
  });

  it('a condition on an attribute without a column name', () => {
    const set = setOf([{ name: 'A', conditions: [{ attribute: ' ', op: '=', value: 'France' }] }]);
    expect(validateSegmentSet(set, 5, 'fr')).toEqual([
      {
        rule: 0,
        field: 'conditions',
        message: 'Règle 1 « A » : la condition 1 doit nommer une colonne, par exemple Pays.',
      },
    ]);
    expect(messages(set, 5, 'en')).toEqual([
      'Rule 1 "A": condition 1 must name a column, for example Country.',
    ]);
  });

  it('a rule hidden by earlier rules names them', () => {
    const set = setOf([
      { name: 'Champions', r: { min: 4, max: 5 } },
      { name: 'Fidèles potentiels', r: { min: 1, max: 3 }, f: { min: 2, max: 5 } },
      { name: 'Fidèles', r: { min: 2, max: 5 }, f: { min: 2, max: 5 } },
    ]);
    expect(validateSegmentSet(set, 5, 'fr')).toEqual([
      {
        rule: 2,
        message:
          'Règle 3 « Fidèles » : jamais appliquée, les clients qu’elle vise sont déjà pris par « Champions » et « Fidèles potentiels ».',
      },
    ]);
    expect(messages(set, 5, 'en')).toEqual([
      'Rule 3 "Fidèles": never applied, the customers it targets are already taken by "Champions" and "Fidèles potentiels".',
    ]);
  });

  it('a rule hidden by three earlier rules lists them in order', () => {
    const set = setOf([
      { name: 'A', r: { min: 5, max: 5 } },
      { name: 'B', r: { min: 4, max: 4 } },
      { name: 'C', r: { min: 1, max: 3 } },
      { name: 'D', f: { min: 3, max: 3 } },
    ]);
    expect(messages(set)).toEqual([
      'Règle 4 « D » : jamais appliquée, les clients qu’elle vise sont déjà pris par « A », « B » et « C ».',
    ]);
  });

  it('a rule with conditions hides nothing, but can itself be hidden', () => {
    const set = setOf([
      { name: 'France', conditions: [{ attribute: 'Pays', op: '=', value: 'France' }] },
      { name: 'Tous' },
      { name: 'Gros paniers', conditions: [{ field: 'averageBasket', op: '>', value: 100 }] },
    ]);
    expect(messages(set)).toEqual([
      'Règle 3 « Gros paniers » : jamais appliquée, les clients qu’elle vise sont déjà pris par « Tous ».',
    ]);
  });

  it('a rule that no score reaches with these classes is a warning', () => {
    // 3 classes read 1, 3, 5 on the 5-class scale: nothing reads 2.
    const set = setOf([{ name: 'Deux', r: { min: 2, max: 2 } }]);
    expect(validateSegmentSet(set, 3, 'fr')).toEqual([
      {
        rule: 0,
        severity: 'warning',
        message: 'Règle 1 « Deux » : jamais appliquée, aucun score de 1 à 3 ne tombe dans ses plages.',
      },
    ]);
    expect(messages(set, 5, 'fr')).toEqual([]);
    expect(messages(set, 3, 'en')).toEqual([
      'Rule 1 "Deux": never applied, no score from 1 to 3 falls within its ranges.',
    ]);
  });

  it('a range issue is not reported again as a rule that never applies', () => {
    const set = setOf([{ name: 'A', r: { min: 4, max: 2 } }]);
    expect(validateSegmentSet(set, 5, 'fr').map((issue) => issue.field)).toEqual(['r']);
  });

  it('rules must be written on 3 to 10 classes', () => {
    expect(validateSegmentSet(setOf([{ name: 'A' }], 12), 5, 'fr')).toEqual([
      { rule: -1, message: 'Les règles doivent être écrites sur 3 à 10 classes (reçu : 12).' },
    ]);
    expect(messages(setOf([{ name: 'A' }], 2.5), 5, 'en')).toEqual([
      'Rules must be written on 3 to 10 classes (got: 2.5).',
    ]);
  });

  it('issues come in rule order, the fallback’s last', () => {
    const set = setOf([
      { name: '', color: 'x' },
      { name: 'B', r: { min: 3, max: 1 } },
    ]);
    set.fallback.name = '';
    expect(validateSegmentSet(set, 5, 'en').map((issue) => [issue.rule, issue.field])).toEqual([
      [0, 'name'],
      [0, 'color'],
      [1, 'r'],
      [-1, 'name'],
    ]);
  });
});
