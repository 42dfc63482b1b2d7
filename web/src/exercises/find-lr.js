// The range-test exercise: start a run at the rate the learner's own range test suggested. Its
// check reads the latest range test of this visit (run.session.rangeTest: { settings, suggestion },
// set by views/lr-find.js through PracticeView.rangeTest()).
import { formatLr as lr } from '../model/format.js';
import { SETTINGS, appliesTo } from '../model/settings.js';
import { fail, near, pass, progressText } from './checks.js';

// The run's settings the range test reads (the core's rangeTest: the model, its data, its batches
// and its optimizer), as they apply to `settings`: the range test and the run must share them.
const sharedKeys = (settings) =>
  SETTINGS.filter((s) => s.core.rangeTest && appliesTo(s, settings)).map((s) => s.key);
const BY_EPOCH = 10;
const TARGET = 0.97;

const same = (a, b) =>
  String(a) === String(b) || (Number.isFinite(Number(a)) && Number(a) === Number(b));

export const findLr = {
  id: 'find-lr',
  title: 'Start from the range test\u2019s suggestion',
  statement:
    'Load `standardized`, press Find a learning rate in the playground, then Use as the learning rate. Train the run the button starts: it should reach at least 97% validation accuracy by epoch 10.',
  hint: 'Run the range test after loading the preset, so it tests the standardized features, and change no other setting in between: the check compares the run with your latest range test.',
  preset: 'standardized',
  check(run) {
    const test = run.session.rangeTest;
    if (!test)
      return fail('No range test yet in this visit: press Find a learning rate in the playground.');
    if (test.suggestion === null)
      return fail('Your latest range test gave no suggestion; run it again with the defaults.');
    if (String(test.settings.standardize) !== 'true')
      return fail(
        'Your latest range test ran on raw features; load the standardized preset and run it again.',
      );
    const differ = sharedKeys(run.settings).filter((k) => !same(test.settings[k], run.settings[k]));
    if (differ.length)
      return fail(
        `This run differs from your latest range test in ${differ.join(', ')}; run the test again for these settings.`,
      );
    if (!run.records.length) return fail('Train the run first (Step or Run to end), then check.');
    const used = run.records[0].lrUsed;
    if (!near(used, test.suggestion, 1e-9))
      return fail(
        `Epoch 1 trained at ${lr(used)}, not at the suggested ${lr(test.suggestion)}: press Use as the learning rate.`,
      );
    const hit = run.records.find((r) => r.epoch <= BY_EPOCH && r.valAcc >= TARGET);
    if (hit)
      return pass(
        `Starting at ${lr(test.suggestion)}, validation accuracy reached ${(hit.valAcc * 100).toFixed(1)}% at epoch ${hit.epoch}.`,
      );
    if (run.records.length < BY_EPOCH)
      return fail(`The run is at ${progressText(run)}: train to epoch ${BY_EPOCH}, then check.`);
    return fail(`Validation accuracy stayed below 97% through epoch ${BY_EPOCH}.`);
  },
};
