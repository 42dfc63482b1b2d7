// What the lesson-claims tests share: a preset's run trained by the wasm core in node exactly as the
// page's worker trains it, and a check that a section's text states a claim. The tests build each
// claim's words from the run's numbers, so a number changed in the text (or in the core) fails them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Run } from '../../web/src/engine/lrplay.js';
import { choose } from '../../web/src/model/settings.js';
import { presetSettings } from '../../web/src/model/presets.js';
import { ROOT } from './golden.mjs';

export const csv = (name) => fs.readFileSync(path.join(ROOT, `data/${name}.csv`), 'utf8');

/** The preset's settings with `changes` applied as the form applies them. */
export function settingsOf(id, changes = {}) {
  let settings = presetSettings(id);
  for (const [key, value] of Object.entries(changes)) settings = choose(settings, key, value).next;
  return settings;
}

/** Every epoch record of the preset's run (`changes` as in settingsOf), and the run's sizes. */
export function trainRun(core, id, changes = {}) {
  const settings = settingsOf(id, changes);
  const run = new Run(core, settings, csv(settings.dataset));
  const records = run.run(Number(settings.epochs));
  const sizes = {
    trainSize: run.trainSize,
    valSize: run.valSize,
    batches: run.batchesPerEpoch,
    majorityCorrect: run.majorityCorrect, // where the accuracy chart draws its grey dashes
  };
  run.dispose();
  assert.ok(records.every((r) => !r.diverged));
  return Object.assign(records, sizes);
}

export const at = (records, epoch) => records[epoch - 1];
export const firstEpoch = (records, test) => records.find(test)?.epoch;
/** The epochs after which the scheduler changed the rate. */
export const changes = (records) => records.filter((r) => r.lrChanged).map((r) => r.epoch);
export const close = (actual, expected, rel = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${actual} vs ${expected}`);
/** A number to `digits` significant digits without trailing zeros (0.06, 0.0733, 1e-7 as 1e-7). */
export const sig = (x, digits) => Number(x.toPrecision(digits));
/** An accuracy as the text writes it: 97.2. */
export const pct = (acc) => (acc * 100).toFixed(1);
/** "a, b and c". */
export const list = (items) => `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** A section's HTML as a reader sees its text: tags dropped, runs of white space one space. */
export function sectionText(file) {
  const html = fs.readFileSync(path.join(ROOT, `web/src/lesson/${file}.html`), 'utf8');
  return html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
}

/** A check that the section's text states `claim` (words built from the run's numbers). */
export function claimsOf(file) {
  const text = sectionText(file);
  return (claim) => assert.ok(text.includes(claim), `${file}.html should say: ${claim}`);
}
