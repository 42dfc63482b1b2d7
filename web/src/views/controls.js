// The training toolbar: Step, Step 10, Play/Pause with its speed, Run to end, Reset, and the
// readouts beside them (epoch, learning rate) and above the charts (latest losses and accuracy).
import { byId, setText } from './dom.js';
import { correctOf, formatLoss, formatLr, formatPct } from '../model/format.js';

const $ = byId;
const DASH = '\u2013';

export class Controls {
  /** on: { step, step10, play, runAll, reset, speed } click handlers (speed: the select changed). */
  constructor(on) {
    this.buttons = {
      step: $('step'),
      step10: $('step-10'),
      play: $('play'),
      runAll: $('run-all'),
      reset: $('reset'),
    };
    for (const [name, button] of Object.entries(this.buttons)) {
      button.addEventListener('click', () => on[name]());
    }
    this.speedSelect = $('speed');
    this.speedSelect.addEventListener('change', () => on.speed());
  }

  /** Epochs per second chosen for Play (Infinity for full speed). */
  get speed() {
    return Number(this.speedSelect.value);
  }

  /**
   * run: the Run on screen; last: its last epoch kept (never a divergence; null before any);
   * playing: whether Play is on.
   */
  render(run, last, playing) {
    // Called every frame while playing: each write is skipped when it would change nothing.
    setText($('epoch'), String(run.epoch));
    setText($('epochs'), String(run.epochs));
    setText($('lr'), formatLr(run.lr));
    const ok = Boolean(last);
    setText($('train-loss'), ok ? formatLoss(last.trainLoss) : DASH);
    setText($('val-loss'), ok ? formatLoss(last.valLoss) : DASH);
    setText(
      $('val-acc'),
      ok ? `${formatPct(last.valAcc)} (${correctOf(last.valAcc, run.valSize)})` : DASH,
    );
    const over = run.finished || run.divergedAt > 0;
    const { step, step10, runAll, play, reset } = this.buttons;
    const enable = (button, on) => {
      if (button.disabled === on) button.disabled = !on;
    };
    for (const b of [step, step10, runAll]) enable(b, !over);
    enable(play, !over || playing);
    enable(reset, true);
    if (play.getAttribute('aria-pressed') !== String(playing))
      play.setAttribute('aria-pressed', String(playing));
    setText(play.querySelector('.play-label'), playing ? 'Pause' : 'Play');
  }
}
