// Reads tests/golden/*.csv reference files (see tests/golden/README.md) for the JS tests.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** The lesson's printed table (its section 6; the rates of tests/golden/train_lesson_seed5.csv): what seed 5 prints. */
export const LESSON_TABLE = [
  'Epoch [10/100], LR: 0.100000',
  'Epoch [20/100], LR: 0.100000',
  'Epoch [30/100], LR: 0.010000',
  'Epoch [40/100], LR: 0.001000',
  'Epoch [50/100], LR: 0.000100',
  'Epoch [60/100], LR: 0.000010',
  'Epoch [70/100], LR: 0.000010',
  'Epoch [80/100], LR: 0.000001',
  'Epoch [90/100], LR: 0.000000',
  'Epoch [100/100], LR: 0.000000',
];

export function goldenFiles(dir = join(ROOT, 'tests/golden')) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return goldenFiles(path);
    return name.endsWith('.csv') ? [path] : [];
  });
}

/** { command: ['train', '--seed', '5', ...], exitCode, rows: [[...numbers]] } */
export function readGolden(path) {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  // Split as a shell does: --schedule "SequentialLR([...], milestones=[5])" is one argument.
  const command = [...lines[0].replace(/^# lrplay /, '').matchAll(/"([^"]*)"|(\S+)/g)].map(
    (m) => m[1] ?? m[2],
  );
  const exitLine = lines.find((l) => l.startsWith('# exit:'));
  const body = lines.filter((l) => !l.startsWith('#'));
  return {
    command,
    exitCode: exitLine ? Number(exitLine.slice(7)) : 0,
    header: body[0],
    rows: body.slice(1).map((l) => l.split(',').map(Number)),
  };
}

// The CLI's bool settings: a bare --three-phase takes no value (cpp/settings_schema.cpp).
const SWITCHES = ['standardize', 'amsgrad', 'nesterov', 'three_phase', 'cycle_momentum'];

/** lrplay train flags -> the page's settings object (--step-size 30 -> { step_size: '30' }). */
export function settingsFromFlags(args) {
  const settings = {};
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].replace(/^--/, '').split(/=(.*)/s);
    const name = flag.replaceAll('-', '_');
    if (inline !== undefined) settings[name] = inline;
    else if (SWITCHES.includes(name)) settings[name] = true;
    else settings[name] = args[++i];
  }
  delete settings.format;
  delete settings.data;
  return settings;
}
