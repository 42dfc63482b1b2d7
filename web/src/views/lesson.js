// The lesson's first sections are in index.html already (web/vite-plugins/inline-lesson.mjs puts
// them there at build time, so they show before any script runs), with a placeholder (#lesson-more)
// naming the rest, which loadRest() fetches and puts in its place once the page's start is over.
// Every part gets the same treatment: section numbers in file order, and every preset mentioned in a
// try-it box or the running text turned into a button that loads it. The references to practice
// exercises get their numbers once the exercises have loaded (numberExercises(): they come with the
// practice section, in a chunk that loads once Step is usable).
import { PRESETS } from '../model/presets.js';

function presetButton(id, className, content) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  button.dataset.preset = id;
  button.append(...content);
  return button;
}

/**
 * The ids of the lesson's sections in file order, those still to load included (the placeholder
 * names them); the practice section that follows the lesson is not one of them.
 */
export function lessonSectionIds(column) {
  const shown = [...column.querySelectorAll('section.lesson-section:not(#practice)')];
  const more = column.querySelector('#lesson-more')?.dataset.sections.split(' ') ?? [];
  return [...shown.map((section) => section.id), ...more];
}

/**
 * Numbers follow the file order, so a section can be added or moved without retyping them: each
 * section's heading in `part` gets "N. " and a `<span data-section="id">` the number of that section
 * (ids: every section's, in order).
 */
function numberSections(part, ids) {
  for (const section of part.querySelectorAll('section.lesson-section'))
    section.querySelector('h2').prepend(`${ids.indexOf(section.id) + 1}. `);
  for (const ref of part.querySelectorAll('span[data-section]'))
    ref.textContent = String(ids.indexOf(ref.dataset.section) + 1);
}

/** Each `<span data-exercise="id">` in `part` gets that exercise's number (exercises: ids in order). */
function numberExercises(part, exercises) {
  for (const ref of part.querySelectorAll('span[data-exercise]'))
    ref.textContent = String(exercises.indexOf(ref.dataset.exercise) + 1);
}

/** Numbers, try-it bars and preset buttons for the sections in `part` (the column or a fragment). */
function wire(part, ids) {
  numberSections(part, ids);

  for (const aside of part.querySelectorAll('aside.try-it[data-preset]')) {
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
  for (const code of part.querySelectorAll('code')) {
    const id = code.textContent;
    if (!(id in PRESETS) || code.closest('pre, button')) continue;
    const button = presetButton(id, 'inline-preset', []);
    button.title = `Load the ${id} preset into the playground`;
    code.replaceWith(button);
    button.append(code);
  }

  // A code block wider than the column scrolls; keyboard users can scroll it once it takes focus.
  for (const pre of part.querySelectorAll('pre')) pre.tabIndex = 0;
}

/**
 * Wires the lesson in `column` (its first sections are in the HTML already); onPreset(id, button)
 * runs when a preset button is pressed (button: where the learner was, for the way back). Returns
 * { numberExercises(ids), loadRest() }: the first numbers the exercise references (ids: the
 * exercises' ids in order), those of the sections still to come included; the second resolves once
 * every section is in place (at once when there is no placeholder).
 */
export function mountLesson(column, onPreset) {
  const ids = lessonSectionIds(column);
  const exercises = []; // their ids, once numberExercises() has them
  wire(column, ids);
  column.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-preset]');
    if (button) onPreset(button.dataset.preset, button);
  });
  let loading = null;
  return {
    numberExercises(exerciseIds) {
      exercises.splice(0, Infinity, ...exerciseIds);
      numberExercises(column, exercises);
    },
    loadRest: () => (loading ??= loadRest(column, ids, exercises)),
  };
}

/**
 * The sections after the first ones: fetched (the service worker precaches the file like the rest
 * of the site), wired while detached, then put where the placeholder is. A failure leaves the
 * placeholder saying so.
 */
async function loadRest(column, ids, exercises) {
  const more = column.querySelector('#lesson-more');
  if (!more) return;
  try {
    const response = await fetch(new URL(more.dataset.src, document.baseURI));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const template = document.createElement('template');
    template.innerHTML = await response.text(); // our own file, inert until inserted
    wire(template.content, ids);
    if (exercises.length) numberExercises(template.content, exercises);
    more.replaceWith(template.content);
  } catch (error) {
    more.textContent = `The rest of the lesson could not be loaded (${error.message}); reload the page to try again.`;
  }
}
