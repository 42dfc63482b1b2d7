// The ids of the worker's two unasked messages (engine/worker.js sends them once the core has
// loaded): its ready answer, which engine/client.js's Engine.start waits for, and right after it the
// lesson's run, which the page's first create() takes. Requests count from 1. A run comes with its
// recordFrame; a step answer's runs carry each a RecordBatch (engine/record-batch.js), whose buffers
// are transferred, not copied.
export const READY = 0;
export const FIRST_RUN = -1;
