// Drawing: invalidate(parts) queues every part of the screen (the toolbar, each chart, each view);
// each animation frame draws queued parts until FRAME_BUDGET_MS is spent (in practice the toolbar
// and one chart) and leaves the rest for the next frames, so a long run never makes a long task.
const FRAME_BUDGET_MS = 3;
const FULL_SPEED_FRAME_MS = 30; // at full speed, draw on every other frame: half the work, same news

export class DrawQueue {
  #queue = [];
  #frame = 0;
  #lastDraw = 0;

  /** fullSpeed(): true while Play runs at full speed (then every other frame is skipped). */
  constructor(fullSpeed) {
    this.fullSpeed = fullSpeed;
  }

  get pending() {
    return this.#queue.length;
  }

  /** Queues each part not queued yet, and a frame to draw them. */
  invalidate(parts) {
    for (const part of parts) if (!this.#queue.includes(part)) this.#queue.push(part);
    this.#frame ||= requestAnimationFrame((now) => this.#draw(now));
  }

  /** Draws everything queued at once (start-up). */
  flush() {
    while (this.#queue.length) this.#queue.shift()();
  }

  #draw(now) {
    this.#frame = 0;
    if (this.fullSpeed() && now - this.#lastDraw < FULL_SPEED_FRAME_MS) {
      this.#frame = requestAnimationFrame((t) => this.#draw(t));
      return;
    }
    this.#lastDraw = now;
    const start = performance.now();
    while (this.#queue.length) {
      this.#queue.shift()();
      if (performance.now() - start > FRAME_BUDGET_MS) break;
    }
    if (this.#queue.length) this.#frame = requestAnimationFrame((t) => this.#draw(t));
  }
}
