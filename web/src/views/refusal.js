// Where a refused change is explained, for the settings form (views/form.js) and the compared runs'
// editors (views/run-editors.js). The core's Error names the setting it refuses (`setting`, see
// cpp/wasm/bindings.cpp), which need not be the one just changed: longer epochs are refused as a
// OneCycleLR total_steps too small for them. The message then goes beside the named field, saying
// which change it refused, and the changed field points there.
import { make } from './dom.js';

/**
 * The field that explains the refusal of the change to `changed`: the one the Error names when it is
 * another field on screen (`shown(key)`), else the changed field itself.
 * @param {string} changed
 * @param {{ setting?: string }} error
 * @param {(key: string) => boolean} shown
 */
export function explainedAt(changed, error, shown) {
  const named = error.setting;
  return named && named !== changed && shown(named) ? named : changed;
}

/** The message beside the named field: "With epochs = 200 (not applied): total_steps = 100 is …". */
export const causedText = (changed, value, message) =>
  `With ${changed} = ${value} (not applied): ${message}`;

/**
 * The changed field's pointer to the field that explains its refusal: "Not applied: the reason is
 * at Cycle length.", the name (the label) a button that takes the focus there.
 * @param {string} label  the named field's label
 * @param {HTMLElement} control  the named field's control
 */
export function pointerParts(label, control) {
  const go = make('button', { type: 'button', className: 'error-link', textContent: label });
  go.addEventListener('click', () => {
    control.closest('details')?.setAttribute('open', '');
    control.focus();
  });
  return ['Not applied: the reason is at ', go, '.'];
}
