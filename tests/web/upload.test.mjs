// The learner's own CSV (views/upload.js, the worker's `upload`): a header-row copy of iris trains
// exactly as the built-in iris, with its classes as integers or as names; every refusal shows the
// core's message and keeps the data in use; a link from an uploaded run says it cannot carry the
// file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  act,
  browserContext,
  click,
  cutOptions,
  enter,
  openApp,
  root,
  select,
  shots,
  text,
  useBrowser,
} from './browser.mjs';

useBrowser();

const byId = (id) => `[data-testid="${id}"]`;
/** The data-set setting's help line. */
const help = (page) => page.textContent('#help-dataset');
/** The code in the data-set setting's label: the loader the script reads the data with. */
const loader = (page) => page.textContent(`.field:has(${byId('param-dataset')}) label code`);
/** The help line on the learner's file `name` of `counts` ("150 rows, 4 features, 3 classes"). */
const yourFile = (name, counts) =>
  new RegExp(
    `^The model learns your file ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${counts}, as the core`,
  );
const MAX_BYTES = 8 * 1024 * 1024;

/** axe-core's serious and critical findings on the page as it stands. */
async function seriousViolations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () =>
    (await window.axe.run(document)).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  );
}

/** data/iris.csv (scikit-learn's layout) as a plain CSV: a header row naming the columns. */
function irisWithHeader() {
  const [, ...rows] = fs.readFileSync(path.join(root, 'data/iris.csv'), 'utf8').split('\n');
  const header = 'sepal length,sepal width,petal length,petal width,species';
  return [header, ...rows].join('\n');
}

/**
 * Chooses `name` holding `body` in the file picker and waits for the page's answer. The file is
 * written to disk first: Chromium then reads it itself (an 8 MB buffer sent over the DevTools
 * protocol takes longer than a loaded machine allows).
 */
async function upload(page, name, body) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lrplay-upload-')), name);
  fs.writeFileSync(file, body);
  await act(page, () => page.setInputFiles(byId('upload'), file));
}

async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(byId(testid))]);
  return fs.readFileSync(await file.path()).toString();
}

async function runToEnd(page) {
  await click(page, 'run-all');
  assert.equal(await text(page, 'epoch'), '100');
}

test('iris uploaded as a CSV with a header row trains exactly as the built-in iris', async () => {
  const { page, problems } = await openApp();
  assert.equal(await text(page, 'dataset-info'), 'wine.csv: 178 rows, 13 features, 3 classes.');
  const builtInHelp = await help(page);
  assert.match(builtInHelp, /scikit-learn data set/);
  await upload(page, 'iris-header.csv', irisWithHeader());
  assert.equal(await text(page, 'upload-error'), '');
  // The help said "Which scikit-learn data set the model learns." on the learner's file too.
  assert.equal(
    await help(page),
    'The model learns your file iris-header.csv: 150 rows, 4 features, 3 classes, as the core\u2019s loader read it. The scikit-learn sets stay in the list.',
  );
  assert.equal(await page.isHidden(byId('dataset-info')), true, 'the help says it: no second line');
  // The label said sklearn.datasets.load_* on the learner's file too; the script reads it so.
  assert.equal(await loader(page), 'np.loadtxt');
  assert.equal(await page.inputValue(byId('param-dataset')), 'upload');
  assert.equal(
    await page.textContent(`${byId('param-dataset')} option:checked`),
    'iris-header.csv',
  );
  assert.match(await text(page, 'status'), /New run on your file iris-header\.csv \(150 rows/);
  assert.match(await page.textContent('#help-epochs'), /\(120 here\)/);
  await runToEnd(page);
  const uploaded = await download(page, 'export-csv');
  await page
    .locator(`.field:has(${byId('param-dataset')})`)
    .screenshot({ path: path.join(shots, 'upload-iris.png') });

  await select(page, 'param-dataset', 'iris');
  assert.equal(
    await text(page, 'dataset-info'),
    'iris.csv: 150 rows, 4 features, 3 classes (setosa, versicolor, virginica).',
  );
  assert.equal(await page.isVisible(byId('dataset-info')), true);
  assert.equal(await help(page), builtInHelp);
  assert.equal(await loader(page), 'sklearn.datasets.load_*');
  await runToEnd(page);
  const builtIn = await download(page, 'export-csv');
  assert.equal(uploaded.split('\n').length, 102, 'a header, 100 epochs and the last newline');
  assert.equal(uploaded, builtIn, 'the same numbers, epoch for epoch');

  // The file stays for the session (in the worker's memory): it can be chosen again.
  await select(page, 'param-dataset', 'upload');
  assert.match(await help(page), /your file iris-header\.csv: 150 rows/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('iris with its species named trains as the built-in iris, and the page names the classes', async () => {
  const { page, problems } = await openApp();
  // The header-row copy with the classes as text: 0, 1, 2 are setosa, versicolor, virginica,
  // which sort as numbered, so the core's np.unique-numbering gives iris's own classes.
  const species = ['setosa', 'versicolor', 'virginica'];
  const named = irisWithHeader().replace(/,(\d+)$/gm, (_, k) => `,${species[k]}`);
  await upload(page, 'iris-species.csv', named);
  assert.equal(await text(page, 'upload-error'), '');
  assert.equal(
    await help(page),
    'The model learns your file iris-species.csv: 150 rows, 4 features, 3 classes (setosa, versicolor, virginica), as the core\u2019s loader read it. The scikit-learn sets stay in the list.',
  );
  // The script reads the names as text and numbers them as the core does.
  assert.match(
    await text(page, 'script'),
    /^with open\("iris-species\.csv", encoding="utf-8-sig", errors="replace"\) as f:(.*\n){2}table = np\.loadtxt\(lines, .*dtype=str/m,
  );
  assert.match(await text(page, 'script'), /^class_names, labels = np\.unique\(/m);
  // The accuracy chart's caption names the training split's most common class (the core's index).
  const caption = () => page.textContent('#acc-chart ~ .caption, figure:has(#acc-chart) .caption');
  assert.match(
    await caption(),
    /most common\s+in training \(versicolor\), which scores\s+30\.0% \(9 of 30\)/,
  );
  // Compare mode's runs share the file: its caption names the same class and floor.
  await click(page, 'compare-toggle');
  assert.match(
    await page.textContent('#compare figure:has([data-testid="compare-acc-chart"]) .caption'),
    /most common in training \(versicolor\), which scores 30\.0% \(9 of 30\)/,
  );
  await click(page, 'compare-toggle');
  await runToEnd(page);
  const uploaded = await download(page, 'export-csv');

  await select(page, 'param-dataset', 'iris');
  assert.equal(
    await text(page, 'dataset-info'),
    'iris.csv: 150 rows, 4 features, 3 classes (setosa, versicolor, virginica).',
  );
  // The built-in iris's classes are named by scikit-learn's header: the same caption.
  assert.match(
    await caption(),
    /most common\s+in training \(versicolor\), which scores\s+30\.0% \(9 of 30\)/,
  );
  await runToEnd(page);
  assert.equal(uploaded, await download(page, 'export-csv'), 'the same numbers, epoch for epoch');
  assert.deepEqual(problems, []);
  await page.close();
});

/** Drops a file `name` holding `csv` on the upload zone and waits for the page's answer. */
async function drop(page, name, csv) {
  const dataTransfer = await page.evaluateHandle(
    ([text, name]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'text/csv' }));
      return transfer;
    },
    [csv, name],
  );
  await act(page, () => page.dispatchEvent(byId('upload-zone'), 'drop', { dataTransfer }));
}

test('a file dropped on the zone is read as a chosen one; its name stays text', async () => {
  const { page, problems } = await openApp();
  const hostile = '<img src=x onerror="window.pwned=1"><b>x</b>.csv';
  await drop(page, hostile, 'a,b,class\n1,2,0\n3,4\n');
  assert.ok((await text(page, 'upload-error')).startsWith(`${hostile}: line 3: has 2 columns`));
  await drop(page, hostile, 'a,b,class\n1,2,0\n3,4,1\n5,6,1\n7,8,2\n');
  assert.match(await help(page), yourFile(hostile, '4 rows, 2 features, 3 classes'));
  assert.equal(
    await page.textContent(`${byId('param-dataset')} option:checked`),
    '<img sr\u2026</b>.csv',
  );
  assert.equal(
    await page.getAttribute(`${byId('param-dataset')} option:checked`, 'title'),
    hostile,
  );
  assert.equal(await page.locator('#settings img, #settings b').count(), 0, 'no markup made');
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await drop(page, 'dropped.csv', 'a,b,class\n1,2,0\n3,4,1\n5,6,1\n');
  assert.match(await help(page), yourFile('dropped.csv', '3 rows, 2 features, 2 classes'));
  // A typo among integer classes ("O" for 0) makes every class a name: the help says where.
  await drop(page, 'typo.csv', 'a,b,class\n1,2,0\n3,4,1\n5,6,O\n7,8,1\n');
  assert.equal(
    await help(page),
    'The model learns your file typo.csv: 4 rows, 2 features, 3 classes (0, 1, O), as the core\u2019s loader read it; the class column mixes integers and names (the first name is on line 4), so every class is read as a name. The scikit-learn sets stay in the list.',
  );
  await page.locator(byId('upload-zone')).screenshot({ path: path.join(shots, 'upload-zone.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a long file name fits the data-set select at 1440, 390 and 320 px, whole in the title and the help', async () => {
  // The select showed up to 60 characters and ' (your file)', which a native select cut: 507 > 232
  // px at 320 px; the 1440 px settings grid's column is narrower still.
  const name = `${'measurements-of-the-flowers-'.repeat(2)}2024.csv`;
  for (const width of [1440, 390, 320]) {
    const { page, problems } = await openApp({ width, height: 800 });
    await upload(page, name, 'a,b,class\n1,2,0\n3,4,1\n5,6,1\n');
    assert.deepEqual(await page.evaluate(cutOptions), [], `${width} px`);
    const chosen = `${byId('param-dataset')} option:checked`;
    assert.equal(await page.textContent(chosen), 'measure\u20262024.csv');
    assert.equal(await page.getAttribute(chosen, 'title'), name);
    assert.equal(await page.$eval(chosen, (o) => o.parentElement.label), 'Your file');
    assert.match(await help(page), yourFile(name, '3 rows, 2 features, 2 classes'));
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('dataset-info shows each built-in data set in use', async () => {
  const { page, problems } = await openApp();
  // The counts grouped as the core groups them (cpp/text.hpp): the rows and the split's sizes.
  for (const [name, info, sizes] of [
    // The accuracy chart's baseline, always naming the training split's most common class
    // (scikit-learn 1.2's split: class 1 in each but iris), by its name where scikit-learn's header
    // gives one that says more than the number.
    [
      'digits',
      'digits.csv: 1,797 rows, 64 features, 10 classes.',
      ['1,437', '360', '7.8% (28 of 360)', ''],
    ],
    [
      'breast_cancer',
      'breast_cancer.csv: 569 rows, 30 features, 2 classes (malignant, benign).',
      ['455', '114', '62.3% (71 of 114)', ' (benign)'],
    ],
    [
      'iris',
      'iris.csv: 150 rows, 4 features, 3 classes (setosa, versicolor, virginica).',
      ['120', '30', '30.0% (9 of 30)', ' (versicolor)'],
    ],
    ['wine', 'wine.csv: 178 rows, 13 features, 3 classes.', ['142', '36', '38.9% (14 of 36)', '']],
  ]) {
    await select(page, 'param-dataset', name);
    assert.equal(await text(page, 'dataset-info'), info);
    const shown = await page.evaluate(() =>
      ['.train-size', '.val-size', '.majority', '.majority-name'].map(
        (c) => document.querySelector(c).textContent,
      ),
    );
    assert.deepEqual(shown, sizes, name);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

/** Uploads a refused file and checks the message and that the run and data on screen stay. */
async function refused(page, name, body, message) {
  const before = {
    info: await text(page, 'dataset-info'),
    help: await help(page),
    epoch: await text(page, 'epoch'),
    choice: await page.textContent(`${byId('param-dataset')} option:checked`),
  };
  await upload(page, name, body);
  assert.match(await text(page, 'upload-error'), message);
  assert.match(await text(page, 'upload-error'), /The previous data stay in use\.$/);
  assert.equal(await text(page, 'dataset-info'), before.info, `${name}: the data in use stay`);
  assert.equal(await help(page), before.help, `${name}: the data in use stay`);
  assert.equal(await text(page, 'epoch'), before.epoch, `${name}: the run on screen stays`);
  assert.equal(
    await page.textContent(`${byId('param-dataset')} option:checked`),
    before.choice,
    `${name}: the data-set choice stays`,
  );
}

test('refused files: the core says what is wrong and the last good data stay', async () => {
  const { page, problems } = await openApp();
  // 12 rows: enough for the 90% validation share set below (at least 10).
  const good = ['a,b,class', ...Array.from({ length: 12 }, (_, i) => `${i},${i * i},${i % 2}`)];
  await upload(page, 'good.csv', good.join('\n'));
  assert.match(await help(page), yourFile('good.csv', '12 rows, 2 features, 2 classes'));
  await click(page, 'step');
  await click(page, 'step');

  await refused(
    page,
    'malformed.csv',
    'a,b,class\n1,2,0\n3,x,1\n',
    /^malformed\.csv: line 3, column 2: "x" is not a finite number/,
  );
  await refused(
    page,
    'ragged.csv',
    'a,b,class\n1,2,0\n3,1\n',
    /^ragged\.csv: line 3: has 2 columns, expected 3/,
  );
  const big = Buffer.alloc(MAX_BYTES + 1, 'a');
  await refused(
    page,
    'big.csv',
    big,
    /^big\.csv: the file is larger than 8 MB \(8,388,608 bytes\), the most accepted/,
  );
  // Classes 0..100: "100" is no integer class (0 to 99), so the column holds 101 names.
  const classes = ['x,class', ...Array.from({ length: 101 }, (_, c) => `${c},${c}`)].join('\n');
  await refused(
    page,
    'classes.csv',
    classes,
    /^classes\.csv: line 102, column 2: class "100" makes 101 different classes in the last column; at most 100 are accepted/,
  );
  assert.deepEqual(await seriousViolations(page), [], 'the upload zone with a message');
  await refused(
    page,
    'one-class.csv',
    'a,b,class\n1,2,1\n3,4,1\n5,6,1\n',
    /^one-class\.csv: every row has class 1 \(the last column\); at least two classes are needed/,
  );

  // Too few rows for the split: with 90% held out, 5 rows leave none to train on.
  await page.click('details.advanced summary');
  await enter(page, 'param-test_size', '0.9');
  assert.equal(await page.getAttribute(byId('param-test_size'), 'aria-invalid'), null);
  await refused(
    page,
    'few.csv',
    'a,class\n1,0\n2,1\n3,0\n4,1\n5,0\n',
    /^few\.csv: 5 rows are too few for test_size = 0\.9 \(the split would leave no training or no validation row\); at least 10 rows are needed/,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

test('a setting the uploaded data cannot take is refused at its field', async () => {
  const { page, problems } = await openApp();
  await upload(page, 'small.csv', 'a,class\n1,0\n2,1\n3,0\n4,1\n5,0\n');
  await page.click('details.advanced summary');
  await enter(page, 'param-test_size', '0.9');
  assert.match(
    await page.textContent('#err-test_size'),
    /^small\.csv: 5 rows are too few for test_size = 0\.9 .* at least 10 rows are needed/,
  );
  assert.match(await help(page), yourFile('small.csv', '5 rows, 1 feature, 2 classes'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a link from an uploaded run says it cannot carry the file and opens on the default data', async () => {
  await browserContext().grantPermissions(['clipboard-read', 'clipboard-write']);
  const { page, problems } = await openApp();
  await upload(page, 'iris-header.csv', irisWithHeader());
  await enter(page, 'param-lr', '0.05');
  await page.click(byId('copy-link'));
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="copy-link-note"]').textContent.startsWith('Copied'),
  );
  assert.match(await text(page, 'copy-link-note'), /cannot carry your file/);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.doesNotMatch(link, /iris|sepal/, 'nothing of the file travels in the link');

  const again = await openApp(undefined, new URL(link).hash);
  await again.page.waitForSelector(`${byId('link-notice')}:not([hidden])`);
  assert.match(
    await text(again.page, 'link-notice'),
    /dataset = .upload. \(the run was on an uploaded file, which a link cannot carry: this opens on the default data set\)/,
  );
  assert.equal(await again.page.inputValue(byId('param-dataset')), 'wine');
  assert.equal(
    await again.page.inputValue(byId('param-lr')),
    '0.05',
    'the rest came from the link',
  );
  assert.match(
    await text(again.page, 'dataset-info'),
    /^wine\.csv: 178 rows, 13 features, 3 classes/,
  );
  assert.deepEqual([...problems, ...again.problems], []);
  await again.page.close();
  await page.close();
});
