// Drawing: invalidate(parts) queues every part of the screen (the toolbar, each chart, each view);
// each animation frame draws some of them and leaves the rest for the next frames, so a long run
// never makes a long task.
//
// A frame draws either the page's text or charts, never both. A part that writes the DOM (the
// toolbar, the status line, the console, the scheduler panel) costs little script, but the frame
// then pays style, layout and paint for it; a chart (a `chartPart`) costs its script (Chart.js's
// update and draw of one canvas) and hardly any layout. Together they made the longest frames (a
// chart's 4-8 ms of script on top of 6-8 ms of layout and paint), so the text parts are drawn all
// together in a frame of their own, and the charts one after the other, at most FRAME_BUDGET_MS
// of them per frame.
const FRAME_BUDGET_MS = 3;
const FULL_SPEED_FRAME_MS = 30; // at full speed, draw on every other frame: half the work, same news

/** Marks `draw` as a part that only draws on its canvas (a chart): see above. */
export const chartPart = (draw) => Object.assign(draw, { chart: true });

/**
 * The parts of views that declare what they draw, { render, chart } (session/single.js's EpochView;
 * views/compare.js's renderers): each calls draw(view), a chart's part when view.chart is true.
 * Views say what they are; this module alone decides what that means for the frames.
 */
export const partsOf = (views, draw) =>
  views.filter((v) => v.render).map((v) => (v.chart ? chartPart(() => draw(v)) : () => draw(v)));

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
    if (!this.#queue.length) return; // flush() drew them
    this.#lastDraw = now;
    // The first part queued says which kind this frame draws: every text part queued, or charts
    // in queue order until the budget is spent (the text parts keep their places).
    const charts = Boolean(this.#queue[0].chart);
    const start = performance.now();
    for (let i = 0; i < this.#queue.length;) {
      if (Boolean(this.#queue[i].chart) !== charts) {
        i++;
        continue;
      }
      this.#queue.splice(i, 1)[0]();
      if (charts && performance.now() - start > FRAME_BUDGET_MS) break;
    }
    if (this.#queue.length) this.#frame = requestAnimationFrame((t) => this.#draw(t));
  }
}
