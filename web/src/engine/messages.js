// The ids of the worker's two unasked messages (engine/worker.js sends them once the core has
// loaded): its ready answer, which engine/client.js's Engine.start waits for, and right after it the
// lesson's run, which the page's first create() takes. Requests count from 1.
export const READY = 0;
export const FIRST_RUN = -1;
