// The lesson's sections are in index.html already (web/vite-plugins/inline-lesson.mjs puts src/lesson/*.html
// there at build time, so they show before any script runs); this turns every preset mentioned in a
// try-it box or the running text into a button that loads it.
import { PRESETS } from '../model/settings.js';
import { EXERCISES } from '../exercises/exercises.js';

function presetButton(id, className, content) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  button.dataset.preset = id;
  button.append(...content);
  return button;
}

/**
 * Numbers follow the file order, so a section can be added or moved without retyping them: each
 * section's heading gets "N. ", a `<span data-section="id">` the number of that section and a
 * `<span data-exercise="id">` the number of that practice exercise.
 */
function numberSections(column) {
  const ids = [...column.querySelectorAll('section.lesson-section')].map((section, i) => {
    section.querySelector('h2').prepend(`${i + 1}. `);
    return section.id;
  });
  for (const ref of column.querySelectorAll('span[data-section]'))
    ref.textContent = String(ids.indexOf(ref.dataset.section) + 1);
  for (const ref of column.querySelectorAll('span[data-exercise]'))
    ref.textContent = String(EXERCISES.findIndex((e) => e.id === ref.dataset.exercise) + 1);
}

/**
 * Wires the lesson in `column` (its sections are in the HTML already); onPreset(id, button) runs when
 * a preset button is pressed (button: where the learner was, for the way back).
 */
export function mountLesson(column, onPreset) {
  numberSections(column);

  for (const aside of column.querySelectorAll('aside.try-it[data-preset]')) {
    const id = aside.dataset.preset;
    if (!(id in PRESETS)) continue;
    aside.setAttribute('aria-label', 'Try it in the playground');
    const bar = document.createElement('div');
    bar.className = 'try-it-bar';
    const title = document.createElement('span');
    title.className = 'try-it-title';
    title.textContent = 'Try it';
    const code = document.createElement('code');
    code.textContent = id;
    const load = presetButton(id, 'preset-button', ['Load ', code]);
    load.title = `Load the ${id} settings into the playground (starts a new run)`;
    const jump = document.createElement('a');
    jump.className = 'jump-link';
    jump.href = '#playground';
    jump.textContent = 'Go to the playground \u2193';
    bar.append(title, load, jump);
    aside.prepend(bar);
  }

  // A preset named in running text (`exponential`, `patience3`, ...) loads when clicked, too.
  for (const code of column.querySelectorAll('code')) {
    const id = code.textContent;
    if (!(id in PRESETS) || code.closest('pre, button')) continue;
    const button = presetButton(id, 'inline-preset', []);
    button.title = `Load the ${id} preset into the playground`;
    code.replaceWith(button);
    button.append(code);
  }

  // A code block wider than the column scrolls; keyboard users can scroll it once it takes focus.
  for (const pre of column.querySelectorAll('pre')) pre.tabIndex = 0;

  column.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-preset]');
    if (button) onPreset(button.dataset.preset, button);
  });
}
