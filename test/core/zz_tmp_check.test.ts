import { it } from 'vitest';
import { presetSegments, PRESET_IDS } from '/work/main/src/core/presets';
import { validateSegmentSet } from '/work/main/src/core/segments';
it('x', () => {
  for (const id of PRESET_IDS) for (const c of [3,4,5,6,7,8,9,10]) for (const lang of ['fr','en'] as const) {
    const issues = validateSegmentSet(presetSegments(id, lang), c, lang);
    if (issues.length) console.log(id, c, lang, issues);
  }
});
