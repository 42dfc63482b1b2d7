// What the page shows in each mode: the single run's panels, or the comparison section (whose
// settings form then holds only the shared settings). Copy link stays (the link holds the
// comparison); the exports (.export-row) are the single run's and hide with body.comparing.
import { byId as $ } from './dom.js';
import { samplesOf } from '../model/settings.js';
import { correctOf, formatCount, formatPct, shownClassName } from '../model/format.js';

/**
 * The compare section (hidden until compare mode), where the single run's charts were: before the
 * share card, which stays in compare mode, so the legend and charts come right under the toolbar.
 */
export function makeCompareSection() {
  const section = Object.assign(document.createElement('section'), { id: 'compare', hidden: true });
  section.className = 'compare';
  section.setAttribute('aria-label', 'Comparison of schedulers');
  $('share-card').before(section);
  return section;
}

/** section: the compare section, or null before compare mode's parts are made (main.js). */
export function showMode(comparing, section) {
  for (const el of document.querySelectorAll('#playground > .panels')) el.hidden = comparing;
  $('share-help').textContent = comparing
    ? 'The address holds compare mode, each run\u2019s scheduler settings and the shared settings that differ from the lesson\u2019s, so the link replays this comparison.'
    : 'The address holds every setting that differs from the lesson\u2019s, so the link replays this run.';
  if (section) section.hidden = !comparing;
  $('lr').closest('.readout').hidden = comparing;
  $('preview').closest('fieldset').hidden = comparing;
  $('settings-title').textContent = comparing ? 'Shared settings' : 'Settings';
  $('compare-toggle').setAttribute('aria-checked', String(comparing));
  document.body.classList.toggle('comparing', comparing);
}

/** The run's data set sizes, class count and majority-class score, wherever the page mentions them. */
export function showSizes(run) {
  for (const el of document.querySelectorAll('.classes'))
    el.textContent = String(run.data?.classes ?? 3);
  for (const el of document.querySelectorAll('.train-size'))
    el.textContent = formatCount(run.trainSize);
  for (const el of document.querySelectorAll('.val-size'))
    el.textContent = formatCount(run.valSize);
  const majority = run.majorityCorrect / run.valSize;
  for (const el of document.querySelectorAll('.majority'))
    el.textContent = `${formatPct(majority)} (${correctOf(majority, run.valSize)})`;
  // Named when the core names the data's classes (iris, breast cancer, a file of names):
  // "(setosa)".
  const name = run.majorityName;
  for (const el of document.querySelectorAll('.majority-name'))
    el.textContent = name === undefined ? '' : ` (${shownClassName(name)})`;
  const samples = samplesOf(run.settings?.dataset);
  for (const el of document.querySelectorAll('.samples')) el.textContent = samples;
}
