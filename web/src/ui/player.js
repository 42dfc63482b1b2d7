// Play/Pause and Run to end: steps epochs on animation frames and redraws once per frame. At full
// speed it trains as many epochs as fit in the frame's time budget, so the page stays above 30 fps.

const FRAME_MS = 22; // training + drawing per frame; the browser needs the rest of a 33 ms (30 fps) frame
const MIN_TRAIN_MS = 4; // long runs draw slowly; always make some progress

export class Player {
  #frame = 0;
  #last = 0;
  #owed = 0;
  #drawMs = 5; // running estimate of one render()

  /**
   * step(): trains one epoch; returns false when the run cannot go on (finished or diverged).
   * render(): redraws the page. onStop(): called when playing stops by itself or by pause().
   */
  constructor({ step, render, onStop }) {
    Object.assign(this, { stepFn: step, render, onStop });
    this.playing = false;
    this.rate = Infinity;
  }

  /** epochsPerSecond: a number or Infinity for full speed. */
  play(epochsPerSecond) {
    this.rate = epochsPerSecond;
    if (this.playing) return;
    this.playing = true;
    this.#last = performance.now();
    this.#owed = 1; // the first epoch comes at once, so a click always shows something
    this.#frame = requestAnimationFrame((t) => this.#tick(t));
  }

  pause() {
    if (!this.playing) return;
    cancelAnimationFrame(this.#frame);
    this.playing = false;
    this.onStop();
  }

  #tick(now) {
    const start = performance.now();
    // After a hidden tab or a slow frame, catch up at most a quarter second's worth of epochs.
    const cap = this.rate === Infinity ? 1 : Math.max(2, this.rate / 4);
    this.#owed = Math.min(this.#owed + (Math.max(0, now - this.#last) / 1000) * this.rate, cap);
    this.#last = now;
    let alive = true;
    let stepped = 0;
    while (alive && (this.rate === Infinity || this.#owed >= 1)) {
      alive = this.stepFn();
      this.#owed -= 1;
      stepped += 1;
      if (performance.now() - start > Math.max(MIN_TRAIN_MS, FRAME_MS - this.#drawMs)) break;
    }
    if (this.rate === Infinity) this.#owed = 0;
    if (stepped) {
      const drawStart = performance.now();
      this.render();
      this.#drawMs = 0.7 * this.#drawMs + 0.3 * (performance.now() - drawStart);
    }
    if (!alive) {
      this.playing = false;
      this.onStop();
      return;
    }
    this.#frame = requestAnimationFrame((t) => this.#tick(t));
  }
}
