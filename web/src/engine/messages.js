// The id of the worker's one unasked message, its ready answer (engine/worker.js sends it once the
// core has loaded; engine/client.js's Engine.start waits for it). Requests count from 1.
export const READY = 0;
