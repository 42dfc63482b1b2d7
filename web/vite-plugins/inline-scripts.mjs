// The <head>'s two small classic scripts (src/theme-init.js, and in a build engine/head-start.js
// from start-hints.mjs) go into index.html itself, and the Content-Security-Policy allows exactly
// those inline scripts by their hashes ('sha256-…' in script-src; no 'unsafe-inline'). Each was a
// parser-blocking fetch of its own in the <head>: in a cold load's trace (bench/start_trace.mjs)
// head-start.js's fetch held the parser for 50-75 ms.
//   <script src="./src/theme-init.js" data-inline></script>  becomes  <script>…the file…</script>
// in dev and build alike, so `vite` dev runs the page under the same script-src.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TO_INLINE = /<script src="([^"]+)" data-inline><\/script>/g;
// A classic script without src: its text is what the browser hashes.
const INLINE = /<script>([\s\S]*?)<\/script>/g;

/** A script's text for inlining: the file without its whole-line comments (they stay in the source). */
export function inlineSource(file) {
  return fs.readFileSync(file, 'utf8').replace(/^\s*\/\/.*\n/gm, '');
}

/** The CSP source that allows an inline script whose text is `text`. */
export const hashSource = (text) =>
  `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** index.html with every inline script's hash added to its Content-Security-Policy's script-src. */
export function allowInlineScripts(html) {
  const hashes = [...html.matchAll(INLINE)].map(([, text]) => hashSource(text));
  // One with attributes (an inline module, say) would be refused.
  if (/<script\s[^>]*>(?!<\/script>)/.test(html))
    throw new Error('inline-scripts: an inline script with attributes is not hashed');
  const policy = /(http-equiv="Content-Security-Policy"\s+content="[^"]*script-src [^;"]*)/;
  if (!policy.test(html)) throw new Error('inline-scripts: no script-src in index.html');
  return html.replace(policy, (directive) => [directive, ...hashes].join(' '));
}

export function inlineScripts() {
  return [
    {
      name: 'lrplay-inline-scripts',
      transformIndexHtml: {
        order: 'pre',
        handler: (html) =>
          html.replace(
            TO_INLINE,
            (_, src) => `<script>${inlineSource(path.join(web, src))}</script>`,
          ),
      },
    },
    {
      // After every other plugin's changes to index.html (start-hints.mjs's head-start.js included).
      name: 'lrplay-csp-hashes',
      transformIndexHtml: { order: 'post', handler: allowInlineScripts },
    },
  ];
}
