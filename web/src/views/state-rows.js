// Building blocks of the scheduler-state panel: a labelled row and a cell bar, as DOM nodes.

import { make } from './dom.js';

/** make() for the panel's many small nodes: a class and a text, either optional. */
export function el(tag, className, text) {
  const props = {};
  if (className) props.className = className;
  if (text !== undefined) props.textContent = text;
  return make(tag, props);
}

/** A row: label (with an explanation under it) and a value. */
export function row(label, value, help) {
  const div = el('div', 'state-row');
  const dt = el('dt', null, label);
  const dd = el('dd', 'num', value);
  div.append(dt, dd);
  if (help) div.append(el('dd', 'help', help));
  return div;
}

/**
 * A bar of `total` cells with `filled` on; the last cell can be flagged as the trigger. A <dd> (a
 * definition list allows nothing else) holding the progressbar.
 */
function bar(filled, total, label, trigger) {
  const wrapper = el('span', 'bar');
  wrapper.setAttribute('role', 'progressbar');
  wrapper.setAttribute('aria-label', label);
  wrapper.setAttribute('aria-valuemin', '0');
  wrapper.setAttribute('aria-valuemax', String(total));
  wrapper.setAttribute('aria-valuenow', String(filled));
  if (total <= 40) {
    for (let i = 0; i < total; i++) {
      const cell = el('span', 'cell');
      if (i < filled) cell.classList.add('on');
      if (trigger && i === total - 1) cell.classList.add('trigger');
      wrapper.append(cell);
    }
  } else {
    const fill = el('span', 'fill');
    fill.style.setProperty('width', `${(100 * filled) / total}%`);
    wrapper.classList.add('continuous');
    wrapper.append(fill);
  }
  const dd = el('dd', 'bar-row');
  dd.append(wrapper);
  return dd;
}

/**
 * A row with a bar under the value: "Since last cut  12 / 30 epochs", then 30 cells, 12 on.
 * cells: { filled, total, trigger (flag the last cell) }.
 */
export function barRow(label, value, { filled, total, trigger = false }, barLabel, help) {
  const div = el('div', 'state-row');
  div.append(el('dt', null, label), el('dd', 'num', value), bar(filled, total, barLabel, trigger));
  if (help) div.append(el('dd', 'help', help));
  return div;
}
