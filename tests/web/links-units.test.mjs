// The range test's settings in the page's link (model/links.js): written only when they differ from
// the core's defaults, read back, and refused with the core's message (its checkLrFindSettings, as
// `lrplay lr-find` checks its flags) when bad. The core is the wasm the page ships, in node; run
// `npm run build` first.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { checkLrFindSettings, lrFindSettings } from '../../web/src/engine/lrplay.js';
import { linkUse, rangeFromLink, rangeToHash, startFromLink } from '../../web/src/model/links.js';
import { defaults } from '../../web/src/model/settings.js';
import { toHash } from '../../web/src/model/settings-hash.js';
import { ROOT } from './golden.mjs';
import { useNodeRuns } from './node-core.mjs';
import { installCoreSchema } from './schema.mjs';

const newRun = useNodeRuns();
let core;
let settings; // the core's lrFindSettings()
let defaultRange;
// check(range) as the page's engine answers it: rejects with the core's message.
const check = async (range) => checkLrFindSettings(core, range);

before(async () => {
  core = await installCoreSchema();
  settings = lrFindSettings(core);
  defaultRange = Object.fromEntries(settings.map((s) => [s.key, s.default]));
});

test('a link without range-test entries stays as it was, and opens on the defaults', async () => {
  assert.equal(rangeToHash(defaultRange, settings), '');
  // The same numbers in other words are no change either.
  assert.equal(
    rangeToHash({ ...defaultRange, start_lr: '0.0000001', end_lr: '10.0' }, settings),
    '',
  );
  let asked = 0;
  const counted = async (range) => {
    asked += 1;
    return check(range);
  };
  for (const hash of ['', '#playground', '#scheduler=step&step_size=20', toHash(defaults())]) {
    assert.deepEqual(await rangeFromLink(hash, settings, counted), {
      range: defaultRange,
      ignored: [],
    });
  }
  assert.equal(asked, 0);
});

test('changed range-test settings travel in the link and come back', async () => {
  const range = {
    ...defaultRange,
    start_lr: '1e-5',
    end_lr: '1',
    num_iter: '50',
    step_mode: 'linear',
  };
  const part = rangeToHash(range, settings);
  assert.equal(part, 'start_lr=1e-5&end_lr=1&num_iter=50&step_mode=linear');
  const hash = `#scheduler=step&${part}`;
  assert.deepEqual(await rangeFromLink(hash, settings, check), { range, ignored: [] });
  // The run's settings pass over them (not "not a setting") and keep their own.
  const started = [];
  const link = await startFromLink(hash, (values) => started.push(values), Object.keys(range));
  assert.deepEqual(link, {
    keys: ['scheduler', 'start_lr', 'end_lr', 'num_iter', 'step_mode'],
    ignored: [],
  });
  assert.equal(started[0].scheduler, 'step');
  assert.equal('start_lr' in started[0], false);
});

test("bad range-test entries are named with the core's message and fall back to the default", async () => {
  const { range, ignored } = await rangeFromLink(
    '#start_lr=abc&end_lr=1&num_iter=1&step_mode=cubic&smooth_f=1,2&num_iter=7',
    settings,
    check,
  );
  assert.deepEqual(range, { ...defaultRange, end_lr: '1' });
  assert.deepEqual(
    ignored.map(({ key, value }) => [key, value]),
    [
      ['start_lr', 'abc'],
      ['step_mode', 'cubic'],
      ['smooth_f', '1,2'],
      ['num_iter', '7'],
      ['num_iter', '1'],
    ],
  );
  assert.equal(ignored[0].why, 'not a number');
  assert.match(ignored[1].why, /^not offered here; the choices are exp, linear$/);
  assert.equal(ignored[3].why, 'given twice');
  // Values of the right form that the core refuses: its own message, as the CLI's.
  assert.equal(
    ignored[4].why,
    'num_iter = "1" is not accepted: num_iter must be a whole number from 2 to 100,000',
  );
  // Checked together: a start above the end names start_lr; the end stays.
  const crossed = await rangeFromLink('#start_lr=2&end_lr=1', settings, check);
  assert.deepEqual(crossed.range, { ...defaultRange, end_lr: '1' });
  assert.deepEqual(
    crossed.ignored.map(({ key, why }) => [key, why]),
    [['start_lr', 'start_lr = 2 is not accepted: it must be below end_lr (1)']],
  );
  const threshold = await rangeFromLink('#diverge_th=1', settings, check);
  assert.deepEqual(threshold.range, defaultRange);
  assert.match(threshold.ignored[0].why, /^diverge_th = 1 is not accepted/);
  const long = await rangeFromLink(`#end_lr=${'1'.repeat(41)}`, settings, check);
  assert.equal(long.ignored[0].why, 'longer than 40 characters');
});

test("a refused range-test entry is the one the core's Error names in `setting`, not in its words", async () => {
  // The core's refusals, as the engine passes them on: the key goes in `setting`.
  for (const s of settings) {
    await assert.rejects(check({ [s.key]: 'abc' }), (error) => error.setting === s.key);
  }
  // The key, not the words, decides: a message naming another setting first is still this one's.
  const wordy = async (range) => {
    if (range.num_iter !== defaultRange.num_iter)
      throw Object.assign(new Error('start_lr and end_lr allow no such num_iter'), {
        setting: 'num_iter',
      });
  };
  const { range, ignored } = await rangeFromLink('#start_lr=1e-6&num_iter=50', settings, wordy);
  assert.deepEqual(range, { ...defaultRange, start_lr: '1e-6' });
  assert.deepEqual(
    ignored.map(({ key, value }) => [key, value]),
    [['num_iter', '50']],
  );
});

test("a run setting the core refuses is the one its Error names in `setting`, the schedulers' too", async () => {
  // start() as the page's engine answers it: a Run of those settings on the data, or the core's
  // Error. Each refusal below comes from a scheduler's constructor or the run's steps, not from
  // the settings table.
  const start = (values) => newRun(values).dispose();
  const refused = async (hash) => {
    const started = [];
    const { ignored } = await startFromLink(hash, (values) => {
      start(values);
      started.push(values);
    });
    return { ignored: ignored.map(({ key, value }) => [key, value]), run: started.at(-1) };
  };
  let link = await refused('#scheduler=multistep&milestones=50,20&epochs=60');
  assert.deepEqual(link.ignored, [['milestones', '50,20']]);
  assert.equal(link.run.epochs, '60');
  link = await refused('#scheduler=onecycle&total_steps=5&epochs=20');
  assert.deepEqual(link.ignored, [['total_steps', '5']]);
  assert.equal(link.run.epochs, '20');
  // Too few rows for test_size (wine's 178 at 0.999 leave none to train on): the split's refusal
  // names test_size, which goes back to its default; the rest of the link is kept.
  link = await refused('#test_size=0.999&epochs=20&lr=0.05');
  assert.deepEqual(link.ignored, [['test_size', '0.999']]);
  assert.deepEqual([link.run.epochs, link.run.lr], ['20', '0.05']);
  // A OneCycleLR in the PyTorch line shorter than the run: the line is refused, not the
  // total_steps field (which the link left at its default), and the rest of the link is kept.
  const line = 'OneCycleLR(max_lr=0.1, total_steps=5)';
  link = await refused(`#schedule=${encodeURIComponent(line)}&epochs=20`);
  assert.deepEqual(link.ignored, [['schedule', line]]);
  assert.equal(link.run.epochs, '20');
  // The words of the message decide nothing: only `setting` does.
  const wordy = (values) => {
    if (values.milestones === '50,20')
      throw Object.assign(new Error('epochs allow no such milestones'), { setting: 'milestones' });
  };
  const { ignored } = await startFromLink('#scheduler=multistep&milestones=50,20&epochs=30', wordy);
  assert.deepEqual(
    ignored.map(({ key, value }) => [key, value]),
    [['milestones', '50,20']],
  );
});

test('the notice says what else came from the link, also when the core refused the run as a whole', async () => {
  // As the page reads a link: startFromLink once, then the range test's entries, then linkUse.
  const use = async (hash, start) => {
    const link = await startFromLink(hash, start, Object.keys(defaultRange));
    link.ignored.push(...(await rangeFromLink(hash, settings, check)).ignored);
    return linkUse(link);
  };
  const accept = () => {};
  // A refusal that names no setting (as SequentialLR's do) sends every setting back to its
  // default: nothing the link held for the run came from it, though only one entry was bad.
  const refuseLinked = (values) => {
    if (String(values.patience) === '3')
      throw new Error('SequentialLR cannot switch to this scheduler');
  };
  const NOTHING_ELSE = { none: true, ending: 'Nothing else was in it.' };
  const THE_REST = { none: false, ending: 'Everything else came from the link.' };
  for (const [hash, start, expected] of [
    ['#scheduler=nope', accept, NOTHING_ELSE],
    ['#scheduler=nope&patience=3', accept, THE_REST],
    [
      '#patience=3&epochs=50',
      refuseLinked,
      { none: true, ending: 'Nothing in the link was used.' },
    ],
    [
      '#patience=3&start_lr=1e-5',
      refuseLinked,
      { none: false, ending: 'Only its entries outside the run\u2019s settings were used.' },
    ],
    // The range test's refusals count as the run's do: a link of nothing else gave nothing.
    ['#start_lr=abc', accept, NOTHING_ELSE],
    // An anchor is no settings link, and an overlong link is refused whole.
    ['#playground', accept, THE_REST],
    [`#lr=${'1'.repeat(3000)}`, accept, NOTHING_ELSE],
  ])
    assert.deepEqual(await use(hash, start), expected, hash.slice(0, 40));
  // A repeated key whose other entry was used: the run has lr 0.5 from the link, so the page must
  // not say the link held nothing it could use.
  const started = [];
  const keep = (values) => started.push(values);
  for (const hash of ['#lr=abc&lr=0.5', '#lr=0.5&lr=0.5', '#lr=0.5&lr=abc']) {
    assert.deepEqual(await use(hash, keep), {
      none: false,
      ending: 'Everything else came from the link.',
    });
    assert.equal(started.at(-1).lr, '0.5', hash);
  }
  assert.deepEqual(await use('#lr=abc&lr=xyz', keep), {
    none: true,
    ending: 'Nothing else was in it.',
  });
});

test("startFromLink's keys are every key the link holds, the run's and the others', in order", async () => {
  const link = await startFromLink(
    '#lr=0.02&start_lr=1e-5&compare=1&runA=scheduler:plateau&lr=0.03&nope=1',
    () => {},
    Object.keys(defaultRange),
  );
  assert.deepEqual(link.keys, ['lr', 'start_lr', 'compare', 'runA', 'lr', 'nope']);
  assert.deepEqual(
    link.ignored.map(({ key, why }) => [key, why]),
    [
      ['lr', 'given twice'],
      ['nope', 'not a setting'],
    ],
  );
  // linkUse reads no hash of its own: the keys it is given are the link's.
  assert.deepEqual(linkUse({ keys: [], ignored: [] }), {
    none: false,
    ending: 'Everything else came from the link.',
  });
});

test('the range test is the CLI\u2019s: the link\u2019s keys are `lrplay lr-find`\u2019s flags', () => {
  // build/lrplay: made by the test command before these tests, as for lr-find-units.test.mjs.
  const help = execFileSync(join(ROOT, 'build/lrplay'), ['lr-find', '--help'], {
    encoding: 'utf8',
  });
  for (const s of settings) assert.match(help, new RegExp(`--${s.key.replaceAll('_', '-')}\\b`));
  // Never a training setting's key: one link holds both.
  const keys = Object.keys(defaults());
  for (const s of settings) assert.equal(keys.includes(s.key), false, s.key);
});
