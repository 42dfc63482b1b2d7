// The ids of the worker's unasked messages (engine/worker.js sends them once the core has loaded):
// first that the lesson's run is made (no answer with it), which the <head>'s script
// (head-start.js) enables Step on, then create's answer for that run, which the page's first
// create() takes, then its ready answer, which engine/client.js's Engine.start waits for. Requests
// count from 1. A run comes with its recordFrame; a step answer's runs carry each a RecordBatch
// (engine/record-batch.js), whose buffers are transferred, not copied.
export const READY = 0;
export const FIRST_RUN = -1;
export const LESSON_RUN_MADE = -2;
