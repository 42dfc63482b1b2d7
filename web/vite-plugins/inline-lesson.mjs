// Puts the lesson's sections (web/src/lesson/*.html, in file-name order) into index.html where the
// `<!-- lesson sections -->` comment is: the first INLINED sections themselves, so they are readable
// as soon as the HTML and CSS arrive, before any script has run; in a build, the rest go to one file
// of their own (assets/lesson-<hash>.html), named with their section ids by a placeholder that
// views/lesson.js replaces with them once Step is usable. `vite` dev inlines every section.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/lesson');
const MARKER = '<!-- lesson sections -->';
// What a first screen shows: the introduction and why schedule (about 3 KB of the lesson's 50).
// The schedulers' section (9 KB, ~135 elements) starts below a 1280x800 screen and a phone's, but
// inlined it was styled and laid out in the first frame all the same (content-visibility: auto
// shows what is within a screen or so of the view), twice the elements, layout objects and font
// sizes of the rest of that frame, which the deferred entry and the worker's start wait behind
// (docs/speed-log.md, 2026-12-03, start4).
const INLINED = 1;

/** Every section's HTML, in file-name order. */
export function lessonSections() {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8').trim());
}

const sectionId = (html) => /<section id="([^"]+)"/.exec(html)[1];

export function inlineLesson() {
  let build = false;
  let later = null; // { fileName, ids } of the sections that load later (build only)
  return {
    name: 'lrplay-inline-lesson',
    configResolved(config) {
      build = config.command === 'build';
    },
    buildStart() {
      if (!build) return;
      const rest = lessonSections().slice(INLINED);
      const source = rest.join('\n');
      const hash = crypto.createHash('sha256').update(source).digest('hex').slice(0, 8);
      later = { fileName: `assets/lesson-${hash}.html`, ids: rest.map(sectionId) };
      this.emitFile({ type: 'asset', fileName: later.fileName, source });
    },
    transformIndexHtml(html) {
      if (!html.includes(MARKER)) throw new Error(`index.html has no ${MARKER} comment`);
      const sections = lessonSections();
      if (!later) return html.replace(MARKER, sections.join('\n'));
      const placeholder =
        `<div id="lesson-more" class="lesson-more" data-src="./${later.fileName}" ` +
        `data-sections="${later.ids.join(' ')}"><p>The rest of the lesson is loading…</p></div>`;
      return html.replace(MARKER, [...sections.slice(0, INLINED), placeholder].join('\n'));
    },
  };
}
