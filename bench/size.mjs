// Sizes of what the page loads first (raw and gzip -9), from dist/ as `npm run build` leaves it:
// index.html, theme-init.js and every file in dist/assets except the data sets loaded on demand and
// the lesson's later sections (loaded once Step is usable), which are listed after the total.
//   npm run build && node bench/size.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'dist');
// Data sets other than wine (which the worker holds) are separate chunks fetched when chosen; the
// lesson's sections after the first ones are fetched once the first run is drawn.
const ON_DEMAND = /^(iris|breast_cancer|digits)-/;
const LATER = /^lesson-.*\.html$/;

const files = [
  'index.html',
  'theme-init.js',
  ...fs
    .readdirSync(path.join(dist, 'assets'))
    .filter((f) => !ON_DEMAND.test(f) && !LATER.test(f))
    .map((f) => `assets/${f}`),
];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let raw = 0;
let gzip = 0;
for (const file of files) {
  const bytes = fs.readFileSync(path.join(dist, file));
  const packed = zlib.gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += packed;
  console.log(`${file.padEnd(36)} ${String(bytes.length).padStart(8)} B  gzip ${kb(packed)}`);
}
console.log(`first load: ${kb(raw)} raw, ${kb(gzip)} gzip -9`);
for (const file of fs.readdirSync(path.join(dist, 'assets')).filter((f) => LATER.test(f))) {
  const bytes = fs.readFileSync(path.join(dist, 'assets', file));
  const packed = zlib.gzipSync(bytes, { level: 9 }).length;
  console.log(`later (once Step is usable): assets/${file} ${bytes.length} B, gzip ${kb(packed)}`);
}
