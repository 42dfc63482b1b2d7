// Sizes of what the page loads (raw and gzip -9), from dist/ as `npm run build` leaves it, in three
// parts: until Step is usable (index.html, whose <head> has theme-init.js and head-start.js inline,
// and every file in dist/assets but those below), then what loads right after without the learner
// doing anything (later.js's and Chart.js's chunks, fetched once Step is usable, and the lesson's
// later sections, once the first run is drawn), and the data sets other than wine, fetched when chosen.
//   npm run build && node bench/size.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'dist');
const ON_DEMAND = /^(iris|breast_cancer|digits)-/; // the worker holds wine
const AFTER_STEP = /^(later-.*\.js|chartjs-.*\.js|lesson-.*\.html)$/;

const assets = fs.readdirSync(path.join(dist, 'assets'));
const parts = {
  'until Step is usable': [
    'index.html',
    ...assets.filter((f) => !ON_DEMAND.test(f) && !AFTER_STEP.test(f)).map((f) => `assets/${f}`),
  ],
  'right after, unasked': assets.filter((f) => AFTER_STEP.test(f)).map((f) => `assets/${f}`),
  'when chosen': assets.filter((f) => ON_DEMAND.test(f)).map((f) => `assets/${f}`),
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const totals = {};
for (const [part, files] of Object.entries(parts)) {
  console.log(`${part}:`);
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(dist, file));
    const packed = zlib.gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += packed;
    console.log(`  ${file.padEnd(36)} ${String(bytes.length).padStart(8)} B  gzip ${kb(packed)}`);
  }
  totals[part] = { raw, gzip };
  console.log(`  ${part}: ${kb(raw)} raw, ${kb(gzip)} gzip -9`);
}
const first = totals['until Step is usable'];
const after = totals['right after, unasked'];
console.log(`first load until Step is usable: ${kb(first.raw)} raw, ${kb(first.gzip)} gzip -9`);
console.log(
  `everything loaded without the learner acting: ${kb(first.raw + after.raw)} raw, ` +
    `${kb(first.gzip + after.gzip)} gzip -9`,
);
