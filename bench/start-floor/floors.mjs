// The floor pages' files, shared by bench/start_floor.mjs and bench/start_floor_variants.mjs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const floors = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(floors, '../..');

/** `dist`'s wasm, checked to be the one web/src/wasm/lrplay.js (its glue) was built with. */
export function builtWasm(dist) {
  const assets = path.join(dist, 'assets');
  const name = fs.readdirSync(assets).find((f) => /^lrplay-[^/]+\.wasm$/.test(f));
  const wasm = fs.readFileSync(path.join(assets, name));
  if (!wasm.equals(fs.readFileSync(path.join(root, 'web/src/wasm/lrplay.wasm'))))
    throw new Error(`${name} is not web/src/wasm/lrplay.wasm: build again (npm run build)`);
  return wasm;
}

/** Floor (b)'s files in `dir`: its page and scripts, the glue and the wasm beside them. */
export function writeFloorB(dir, wasm) {
  fs.cpSync(path.join(floors, 'b'), dir, { recursive: true });
  fs.copyFileSync(path.join(root, 'web/src/wasm/lrplay.js'), path.join(dir, 'lrplay.js'));
  fs.writeFileSync(path.join(dir, 'lrplay.wasm'), wasm);
}

/**
 * The built index.html with floor (b)'s scripts in place of the page's (./floor/): its worker started
 * by an inline script where head-start.js is, allowed by its hash in the CSP as the page's is. A
 * fetched script there held the parser, and with it the stylesheet's request: with the CSP's <meta>,
 * Chromium's preload scanner requests nothing ahead of the parser.
 */
export function floorC(html) {
  const headStart = /<script>\(function \(\) \{\n\s*var worker = new Worker\([^<]*<\/script>/;
  const modules = /\s*<script type="module" crossorigin src="\.\/assets\/[^"]+\.js"><\/script>/g;
  const scriptSrc = /(script-src 'self' 'wasm-unsafe-eval') 'sha256-[^']+'/;
  if (!headStart.test(html) || (html.match(modules) ?? []).length !== 2 || !scriptSrc.test(html))
    throw new Error("floor (c): the built <head> is not start-hints.mjs's");
  const worker = fs
    .readFileSync(path.join(floors, 'b/head-worker.js'), 'utf8')
    .replace("new URL('worker.js', document.currentScript.src)", "'./floor/worker.js'");
  if (!worker.includes("'./floor/worker.js'")) throw new Error('floor (b): head-worker.js changed');
  // The CSP's hash of head-start.js, in its place: the floor's.
  const hash = crypto.createHash('sha256').update(worker).digest('base64');
  return html
    .replace(modules, '')
    .replace(scriptSrc, `$1 'sha256-${hash}'`)
    .replace(
      headStart,
      () =>
        `<script>${worker}</script>\n    <script type="module" src="./floor/enable.js"></script>`,
    );
}
