/**
 * Building the page: elements whose text is always a text node. No HTML string is ever parsed, so
 * a segment named `<img src=x onerror=…>` or a cell holding `<script>` is shown as typed.
 */

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined>;

/** An element with attributes (`true` sets an empty one, false/null/undefined none) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined)
      element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

let lastId = 0;

/** A fresh element id, to tie a label or a message to its control. */
export function uid(prefix: string): string {
  return `${prefix}-${++lastId}`;
}

/** A labelled control: `<label for>` text above the control. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  control.id ||= uid('field');
  return h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, label),
    control,
    hint && h('small', {}, hint),
  );
}

/** A `<select>` of (value, label) options, with `selected` chosen. */
export function select(
  options: readonly (readonly [value: string, label: string])[],
  selected: string,
  attributes: Attributes = {},
): HTMLSelectElement {
  const element = h('select', attributes);
  for (const [value, label] of options) {
    const option = h('option', { value }, label);
    option.selected = value === selected;
    element.appendChild(option);
  }
  return element;
}

/** A small button showing a symbol, named for assistive technology by `label`, found again by `key`. */
export function iconButton(
  text: string,
  label: string,
  key: string,
  onClick: () => void,
  disabled = false,
): HTMLButtonElement {
  const button = h(
    'button',
    { type: 'button', class: 'icon', 'aria-label': label, title: label, 'data-key': key, disabled },
    text,
  );
  button.addEventListener('click', onClick);
  return button;
}
