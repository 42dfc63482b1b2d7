// What the page needs only once Step is usable, in a chunk of its own so that the first chunk
// (main.js's) holds what Step needs: main.js asks for it as Step becomes usable and makes its parts
// after the frame that shows Step (at once for a link that opens in compare mode, which needs
// compare mode's parts before its first run). Chart.js and the lesson's later sections load later
// still (views/chartjs-loader.js, views/lesson.js).
export { RunSettings } from './run-settings.js'; // the settings form, upload and range test
export { PracticeView } from './views/practice.js';
export { EXERCISES } from './exercises/exercises.js';
export { makeCompareMode } from './compare-mode.js'; // compare mode's section, view and session
export { registerServiceWorker } from './pwa.js';
