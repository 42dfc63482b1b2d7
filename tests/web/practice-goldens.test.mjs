// Every PyTorch 2.6 training trace in tests/golden/practice/ replays in the page: opened from a link
// carrying its command's settings, run to the end, exported as CSV, and compared within the project's
// tolerances. `npm run build`, then `node --test tests/web/practice-goldens.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { click, openApp, root, text, useBrowser } from './browser.mjs';
import { readGolden, settingsFromFlags } from './golden.mjs';

useBrowser();

const byId = (id) => `[data-testid="${id}"]`;
const dir = path.join(root, 'tests/golden/practice');
const traces = fs.readdirSync(dir).filter((name) => /^train_.*\.csv$/.test(name));

// The project's tolerances (tests/golden/README.md): lr 1e-12 relative, val_acc exact, losses 1e-4
// relative (1e-6 absolute below 1e-2).
function lossClose(actual, expected) {
  return Math.abs(expected) < 1e-2
    ? Math.abs(actual - expected) <= 1e-6
    : Math.abs(actual - expected) <= 1e-4 * Math.abs(expected);
}

test('the practice folder has training traces', () => {
  assert.ok(traces.length >= 9, `found ${traces.join(', ')}`);
});

for (const name of traces) {
  test(`${name}: the page replays PyTorch's run from a link`, async () => {
    const golden = readGolden(path.join(dir, name));
    assert.equal(golden.command[0], 'train');
    assert.equal(golden.exitCode, 0);
    const settings = settingsFromFlags(golden.command.slice(1));
    const hash = `#${new URLSearchParams(
      Object.entries(settings).map(([k, v]) => [k, String(v)]),
    )}`;
    const { page, problems } = await openApp(undefined, hash);
    assert.equal(await page.isHidden(byId('link-notice')), true, 'nothing in the link ignored');
    assert.match(await text(page, 'status'), /from the link/);
    for (const [key, value] of Object.entries(settings)) {
      const id = key === 'scheduler' ? 'scheduler' : `param-${key}`;
      const shown =
        value === true ? String(await page.isChecked(byId(id))) : await page.inputValue(byId(id));
      assert.equal(shown, String(value), `the form shows ${key} from the link`);
    }

    await click(page, 'run-all');
    assert.equal(await text(page, 'epoch'), settings.epochs ?? '100');
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.click(byId('export-csv')),
    ]);
    const [header, ...lines] = fs
      .readFileSync(await file.path(), 'utf8')
      .trim()
      .split('\n');
    assert.equal(header, golden.header);
    assert.equal(lines.length, golden.rows.length);
    lines.forEach((line, i) => {
      const [epoch, trainLoss, valLoss, valAcc, lr] = line.split(',').map(Number);
      const g = golden.rows[i];
      assert.equal(epoch, g[0]);
      assert.ok(lossClose(trainLoss, g[1]), `epoch ${epoch} train_loss ${trainLoss} vs ${g[1]}`);
      assert.ok(lossClose(valLoss, g[2]), `epoch ${epoch} val_loss ${valLoss} vs ${g[2]}`);
      // Both sides print a float32 (the page its shortest text, PyTorch 9 digits): the same number.
      assert.equal(Math.fround(valAcc), Math.fround(g[3]), `epoch ${epoch} val_acc`);
      assert.ok(
        Math.abs(lr - g[4]) <= 1e-12 * Math.abs(g[4]),
        `epoch ${epoch} lr ${lr} vs ${g[4]}`,
      );
    });
    assert.deepEqual(problems, []);
    await page.close();
  });
}
