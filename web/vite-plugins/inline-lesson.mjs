// Puts the lesson's sections (web/src/lesson/*.html, in file-name order) into index.html where the
// `<!-- lesson sections -->` comment is, at build time and in `vite` dev alike: the lesson is
// readable as soon as the HTML and CSS arrive, before any script has run (views/lesson.js then
// only turns its presets into buttons).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/lesson');
const MARKER = '<!-- lesson sections -->';

export function lessonHtml() {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8').trim())
    .join('\n');
}

export function inlineLesson() {
  return {
    name: 'lrplay-inline-lesson',
    transformIndexHtml(html) {
      if (!html.includes(MARKER)) throw new Error(`index.html has no ${MARKER} comment`);
      return html.replace(MARKER, lessonHtml());
    },
  };
}
