// Play/Pause and Run to end. Training happens in the engine worker: the player only decides how many
// epochs to ask for and when. At a chosen speed it asks for the epochs owed since the last frame; at
// full speed, for one batch per frame sized to about half a frame of worker time. The worker then
// leaves a core half free on a two-core machine, so the page's own thread is never kept waiting for
// a CPU, and each reply is small enough to handle in a few milliseconds.

const TARGET_MS = 8; // worker time per full-speed batch
const MAX_BATCH = 1000;

export class Player {
  #frame = 0;
  #last = 0;
  #owed = 0;
  #batch = 1;
  #inFlight = null; // the promise of the batch being trained, if any

  /**
   * step(n): trains up to n epochs; resolves to { alive: false when the run cannot go on (finished
   * or diverged), ms: the worker's time for those epochs }.
   * onStop(): called when playing stops, by itself or by pause(). onError(error): a batch failed.
   */
  constructor({ step, onStop, onError }) {
    Object.assign(this, { stepFn: step, onStop, onError });
    this.playing = false;
    this.rate = Infinity;
  }

  /** epochsPerSecond: a number or Infinity for full speed. */
  play(epochsPerSecond) {
    this.rate = epochsPerSecond;
    if (this.playing) return;
    this.playing = true;
    this.#batch = 1; // the first epoch comes at once, so a click always shows something
    this.#owed = 1;
    this.#last = performance.now();
    this.#frame = requestAnimationFrame((t) => this.#tick(t));
  }

  /** Stops asking for epochs. A batch already in flight still lands. */
  pause() {
    if (!this.playing) return;
    cancelAnimationFrame(this.#frame);
    this.playing = false;
    this.onStop();
  }

  #tick(now) {
    if (!this.playing) return;
    if (this.rate !== Infinity) {
      // After a hidden tab or a slow frame, catch up at most a quarter second's worth of epochs.
      const cap = Math.max(2, this.rate / 4);
      this.#owed = Math.min(this.#owed + (Math.max(0, now - this.#last) / 1000) * this.rate, cap);
    }
    this.#last = now;
    if (!this.#inFlight) {
      if (this.rate === Infinity) this.#request(this.#batch);
      else if (this.#owed >= 1) {
        const n = Math.floor(this.#owed);
        this.#owed -= n;
        this.#request(n);
      }
    }
    this.#frame = requestAnimationFrame((t) => this.#tick(t));
  }

  #request(n) {
    const done = this.stepFn(n).then(
      ({ alive, ms }) => {
        this.#inFlight = null;
        if (this.rate === Infinity) this.#resize(n, ms);
        if (!alive) this.pause();
      },
      (error) => {
        this.#inFlight = null;
        this.pause();
        this.onError(error);
      },
    );
    this.#inFlight = done;
  }

  /** Sizes the next full-speed batch so the worker spends about TARGET_MS on it. */
  #resize(n, ms) {
    const perEpoch = Math.max(ms, 1) / n;
    const next = Math.round(TARGET_MS / perEpoch);
    this.#batch = Math.max(1, Math.min(MAX_BATCH, next, n * 4));
  }
}
