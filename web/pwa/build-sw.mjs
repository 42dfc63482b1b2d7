// Writes dist/sw.js (the service worker, web/pwa/sw-template.js) after `vite build`: the list of
// every file the build put in dist/ and a version that is the hash of their names and contents, so
// any change to the site is a new sw.js, which is how the browser learns of a new deploy.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SW_FILE = 'sw.js';

/** Every file under dir, as paths relative to it with '/' separators, sorted. */
function filesUnder(dir, prefix = '') {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const name = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? filesUnder(dir, name) : [name];
    })
    .sort();
}

/** Writes `dir`/sw.js for the site in `dir`; returns { version, files } (files as the worker lists them). */
export function writeServiceWorker(dir) {
  const site = filesUnder(dir).filter((f) => f !== SW_FILE && !f.endsWith('.map'));
  const hash = crypto.createHash('sha256');
  for (const file of site) hash.update(`${file}\0`).update(fs.readFileSync(path.join(dir, file)));
  const version = hash.digest('hex').slice(0, 16);
  // The page is precached as './' (what a visit asks for), not as 'index.html'.
  const files = site.map((f) => (f === 'index.html' ? './' : f));
  const template = fs.readFileSync(path.join(here, 'sw-template.js'), 'utf8');
  const head = `const VERSION = ${JSON.stringify(version)};\nconst FILES = ${JSON.stringify(files, null, 2)};\n`;
  fs.writeFileSync(path.join(dir, SW_FILE), head + template);
  return { version, files };
}

/** The Vite plugin: runs writeServiceWorker on the build's output folder once it is written. */
export function serviceWorker() {
  let outDir;
  return {
    name: 'lrplay-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      writeServiceWorker(outDir);
    },
  };
}
