/**
 * The « Valeur prévue » switch (src/core/README.md, "Predicted value"): whether Apply and the formulas compute P(alive) and
 * the predicted value. Off for very large sheets or when nobody needs them.
 */
import type { App, Section } from './model';
import { h, uid } from './dom';
import { say } from './text';

export function predictedValueSection(app: App): Section {
  const { lang, settings } = app.model;
  const box = h('input', { type: 'checkbox', id: uid('predicted') });
  box.checked = settings.predictedValue;
  box.addEventListener('change', () => {
    app.model.settings.predictedValue = box.checked;
    app.changed();
  });
  return {
    element: h(
      'section',
      { class: 'plain' },
      h('div', { class: 'radio' }, box, h('label', { for: box.id }, say(lang, 'predicted.label'))),
      h('small', {}, say(lang, 'predicted.hint')),
    ),
    update() {},
  };
}
