// The built index.html's <head>, ordered so the page's start does not wait in line (see src/boot.js
// and src/engine/head-start.js):
// 1. head-start.js, a classic script inlined (inline-scripts.mjs hashes it into the CSP) with the
//    engine worker's file name and the lesson run's message id: it starts the worker before the
//    document is parsed (a module script runs only later), without a fetch of its own that holds
//    the parser (50-75 ms in traces when it was a file in assets/), and enables Step as soon as the
//    worker has the lesson's run;
// 2. the stylesheet, before any other script: theme-init.js (inline too) waits for it, so the body
//    is parsed, styled and laid out once with the styles, instead of once without (Chromium lays
//    the page out at DOMContentLoaded whether the styles are in or not) and again with them;
// 3. the entry script (boot.js's chunk), a plain module script: deferred, it runs as soon as the
//    document is parsed, before DOMContentLoaded. Not `async`: in Chromium's traces
//    (bench/start_trace.mjs) the async entry, though fetched before the parse ended, ran only after
//    the page's first one or two frames, and main.js then waited for one more frame;
// 4. main.js's chunk as a deferred module script of its own, right after the entry: it is fetched
//    and compiled from the start and runs right after the entry (5-25 ms later in most loads, in
//    start_bench's marks), where boot.js's import('./main.js'), which now finds it evaluated (one
//    module instance), took 12-45 ms of task hops after a `modulepreload` of the chunk.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inlineSource } from './inline-scripts.mjs';
import { LESSON_RUN_MADE } from '../src/engine/messages.js';

const headStart = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../src/engine/head-start.js',
);

/**
 * head-start.js as the built <head> inlines it: the engine worker's file (relative to the page) and
 * messages.js's LESSON_RUN_MADE put in; its comments stay in the source.
 */
export function headStartSource(workerFile) {
  const source = inlineSource(headStart)
    .replace("'__WORKER_FILE__'", JSON.stringify(`./${workerFile}`))
    .replace("'__LESSON_RUN_MADE__'", JSON.stringify(LESSON_RUN_MADE));
  if (/__WORKER_FILE__|__LESSON_RUN_MADE__/.test(source))
    throw new Error('start-hints: head-start.js changed');
  return source;
}

export function startHints() {
  return {
    name: 'lrplay-start-hints',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const files = Object.values(bundle ?? {});
        const main = files.find((c) => c.type === 'chunk' && c.isDynamicEntry && c.name === 'main');
        if (!main) throw new Error('start-hints: the build has no main chunk');
        const worker = files.find((f) => /^assets\/worker-[^/]+\.js$/.test(f.fileName));
        if (!worker) throw new Error('start-hints: the build has no engine worker');
        // The worker's URL is relative to the page (base './').
        const source = headStartSource(worker.fileName);

        const entry = /\s*<script type="module" crossorigin src="([^"]+)"><\/script>/;
        const style = /\s*<link rel="stylesheet" crossorigin href="[^"]+">/;
        const theme = /<script>[^<]*lrplay\.theme[^<]*<\/script>/;
        for (const [what, re] of Object.entries({ entry, style, theme }))
          if (!re.test(html)) throw new Error(`start-hints: no ${what} in index.html`);
        const styleLink = style.exec(html)[0].trim();
        const [, entrySrc] = entry.exec(html);
        return html
          .replace(entry, '')
          .replace(style, '')
          .replace(
            theme,
            (themeScript) =>
              `<script>${source}</script>\n    ${styleLink}\n    ${themeScript}\n` +
              `    <script type="module" crossorigin src="${entrySrc}"></script>\n` +
              `    <script type="module" crossorigin src="./${main.fileName}"></script>`,
          );
      },
    },
  };
}
