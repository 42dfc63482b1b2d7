// The training toolbar: Step, Step 10, Play/Pause with its speed, Run to end, Reset, and the
// readouts beside them (epoch, learning rate) and above the charts (latest losses and accuracy).
import { byId } from './dom.js';
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

  /** run: the Run on screen; last: its last record (or null); playing: whether Play is on. */
  render(run, last, playing) {
    $('epoch').textContent = String(run.epoch);
    $('epochs').textContent = String(run.epochs);
    $('lr').textContent = formatLr(run.lr);
    const ok = last && !last.diverged;
    $('train-loss').textContent = ok ? formatLoss(last.trainLoss) : DASH;
    $('val-loss').textContent = ok ? formatLoss(last.valLoss) : DASH;
    $('val-acc').textContent = ok
      ? `${formatPct(last.valAcc)} (${correctOf(last.valAcc, run.valSize)})`
      : DASH;
    const over = run.finished || run.divergedAt > 0;
    const { step, step10, runAll, play, reset } = this.buttons;
    for (const b of [step, step10, runAll]) b.disabled = over;
    play.disabled = over && !playing;
    reset.disabled = false;
    play.setAttribute('aria-pressed', String(playing));
    play.querySelector('.play-label').textContent = playing ? 'Pause' : 'Play';
  }
}
