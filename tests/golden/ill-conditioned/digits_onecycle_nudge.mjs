// Evidence that section 10's digits one cycle (the digits-onecycle preset) is ill-conditioned, so no
// check compares its last losses with PyTorch's at 1e-4 (README, "Developer checks").
//
// NOT run by CI. Needs `npm run wasm` and Debian's python3-torch. From the repository root:
//
//     node tests/golden/ill-conditioned/digits_onecycle_nudge.mjs
//
// Trains the preset in the wasm core (as the page does) and runs the page's generated PyTorch script
// for it twice, as generated and with one ulp added to the first layer's first bias after
// torch.manual_seed's initialization, each epoch's train and validation loss printed. The columns:
// epoch, the page's losses, PyTorch's, the nudged PyTorch's, and the relative differences of the
// page's and of the nudged run's validation loss from PyTorch's.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  Run,
  datasetInfo,
  normalizeSettings,
  schedulePython,
} from '../../../web/src/engine/lrplay.js';
import { RUN_STEPS, pytorchScript } from '../../../web/src/model/script.js';
import { presetSettings } from '../../../web/src/model/settings.js';
import { installCoreSchema } from '../../web/schema.mjs';
import { ROOT } from '../../web/golden.mjs';

const core = await installCoreSchema();
const settings = presetSettings('digits-onecycle');
const csv = readFileSync(path.join(ROOT, 'data/digits.csv'), 'utf8');
const run = new Run(core, settings, csv);
const page = run.run(Number(settings.epochs)).map((r) => [r.trainLoss, r.valLoss]);
run.dispose();

const s = normalizeSettings(core, settings);
const info = { name: 'digits.csv', ...datasetInfo(core, csv, 'digits.csv') };
const script = pytorchScript(s, schedulePython(core, s, RUN_STEPS), info);
// Each epoch's losses, printed before the script's own lines.
const perEpoch = script.replace(
  /^( {4})if epoch % 10 == 0:$/m,
  '$1print("losses", train_loss.item(), val_loss.item())\n$&',
);
const nudge = [
  'with torch.no_grad():  # one ulp up on the first layer\u2019s first bias',
  '    bias = list(model.parameters())[1].view(-1)',
  '    bias[0] = torch.nextafter(bias[0], torch.tensor(1.0))',
].join('\n');
const nudged = perEpoch.replace(/^optimizer = /m, `${nudge}\n$&`);
if (perEpoch === script || nudged === perEpoch) throw new Error('the script changed its shape');

const losses = (text) =>
  execFileSync('/usr/bin/python3', ['-'], { input: text, encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.startsWith('losses '))
    .map((l) => l.split(' ').slice(1).map(Number));
const torch = losses(perEpoch);
const moved = losses(nudged);
const rel = (a, b) => ((a - b) / b).toExponential(1);
console.log('epoch page(train val) pytorch(train val) nudged(train val) rel(page) rel(nudged)');
page.forEach(([t, v], i) => {
  const [tt, tv] = torch[i];
  const [nt, nv] = moved[i];
  console.log(i + 1, t, v, tt, tv, nt, nv, rel(v, tv), rel(nv, tv));
});
