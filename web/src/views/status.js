// The one-line status under the controls: what the last epoch did to the rate, and why, in words.
import { samplesOf, schedulerName } from '../model/settings.js';
import {
  formatCount,
  formatLoss,
  formatLr,
  formatPct,
  correctOf,
  shownClassName,
  tidyExponents,
} from '../model/format.js';
import { actor, eventKind } from '../model/events.js';
import { setText } from './dom.js';

/** Whether record r has a change to put in words: the rate moved, or the core said why it did not. */
const hasNews = (r) => r.lrChanged || Boolean(r.reason);

/**
 * The sentence for a rate change (or a skipped cut) in record `r`, or null if nothing happened. It
 * names the scheduler that acted (the warm-up's LinearLR, the next one at a hand-over), which may
 * not be the one chosen in the settings.
 * @param {import('../model/records.js').EpochRecord} r
 */
export function describeChange(r) {
  if (!hasNews(r)) return null;
  const name = actor(r);
  const kind = eventKind(r);
  if (r.lrChanged) {
    const verb = r.lr < r.lrUsed ? 'cut' : 'raised';
    // The core's reason as said after "at epoch 30": "it multiplies …", the run's epoch left out.
    const why = tidyExponents(r.reasonAfterEpoch ?? '');
    const how = kind === 'continuous' && verb === 'cut' ? 'lowered' : verb;
    const change = `${name} ${how} the rate at epoch ${r.epoch} (${formatLr(r.lrUsed)} \u2192 ${formatLr(r.lr)})`;
    // The core gives every change its deciding step's reason, stepped per batch too (the step that
    // cut, not the epoch's last); should one come without, the sentence ends at the change.
    return why ? `${change}: ${why}.` : `${change}.`;
  }
  const reason = tidyExponents(r.reason);
  if (kind === 'skip')
    return `${name} skipped a cut at epoch ${r.epoch} (not a change): ${reason}.`;
  return `${name} at epoch ${r.epoch}: ${reason}.`;
}

export class StatusLine {
  #pending = null; // the latest record's { r, run, scheduler }, put in words by render()
  #changed = null; // the latest record with a rate change or a reason
  #height = 0; // the line's latest height (px), noted by the ResizeObserver
  #holding = false; // whether the line keeps its tallest height (from a run's first record on)

  constructor(node) {
    this.node = node;
    // Within a run the line grows with its longest sentence and never shrinks back: the charts
    // under it would move up and down by a line at each change of wording (at 1280 and 390 px the
    // lesson's run went from two lines to three and back six times). Until the run's first record
    // the height is only noted, so start-up writes no style.
    if (typeof ResizeObserver === 'function')
      new ResizeObserver(([entry]) => {
        const height = entry.borderBoxSize?.[0]?.blockSize ?? node.offsetHeight;
        if (this.#holding && height <= this.#height + 0.5) return;
        this.#height = height;
        if (this.#holding) node.style.minHeight = `${height}px`;
      }).observe(node);
  }

  /** From now until the next reset() the line does not shrink. */
  #hold() {
    if (this.#holding) return;
    this.#holding = true;
    if (this.#height) this.node.style.minHeight = `${this.#height}px`;
  }

  /** The sentence of the latest rate change, kept in view while nothing new happens (or null). */
  get lastChange() {
    return this.#changed && describeChange(this.#changed);
  }

  /** tone: 'info' | 'change' | 'warn' | 'done' | 'error' (styles the line). */
  set(text, tone = 'info') {
    this.#pending = null; // said after the records: it stays
    this.#write(text, tone);
  }

  /** A write that changes nothing is skipped: at full speed most frames say what the last one did. */
  #write(text, tone) {
    setText(this.node, text);
    if (this.node.dataset.tone !== tone) this.node.dataset.tone = tone;
  }

  /** A new or reset run: the message flashes once so a click in the lesson is seen to land. */
  reset(text) {
    this.#changed = null;
    this.#holding = false; // a new run starts from the height of its own first sentence
    this.node.style.minHeight = '';
    this.set(text, 'info');
    // Restarting the animation takes a layout between the class's removal and its return
    // (offsetWidth forces it); the first flash, at start-up, needs none, and forcing one there
    // laid the page out once more just before Step was usable (6 ms of thread time in a trace).
    if (this.node.classList.contains('flash')) {
      this.node.classList.remove('flash');
      void this.node.offsetWidth;
    }
    this.node.classList.add('flash');
  }

  /**
   * After a step: remember record r; render() describes the latest one, keeping the last rate
   * change in view while nothing new happens. Only the last record of a batch is ever seen, so the
   * words (and the DOM write) wait for the frame: at full speed a batch holds hundreds of epochs.
   * @param {import('../model/records.js').EpochRecord} r
   */
  showRecord(r, run, scheduler) {
    this.#hold();
    this.#pending = { r, run, scheduler };
    if (!r.diverged && hasNews(r)) this.#changed = r;
  }

  /** Shows the sentence for the latest record, if one came since the last set() or render(). */
  render() {
    if (!this.#pending) return;
    const { r, run, scheduler } = this.#pending;
    this.#pending = null;
    this.#write(...this.#sentence(r, run, scheduler));
  }

  /** [text, tone] for record r of `run`. */
  #sentence(r, run, scheduler) {
    if (r.diverged) {
      // The readout shows the last finite epoch (r.epoch - 1): say so, so the two agree.
      const kept = r.epoch > 1 ? `epoch ${r.epoch - 1} is the last one kept` : 'no epoch is kept';
      return [
        `Diverged at epoch ${r.epoch}: its loss is no longer a finite number, so training stopped and ${kept}. Press Reset, or lower the learning rate.`,
        'error',
      ];
    }
    const change = this.#changed === r ? this.lastChange : null;
    if (r.exploding) {
      const when = run.finished
        ? `the run ended at epoch ${r.epoch} with training loss`
        : `training loss at epoch ${r.epoch} is`;
      return [
        `Loss is exploding: ${when} ${formatLoss(r.trainLoss)}, over ${r.explodingFactor}\u00d7 the first epoch\u2019s. Try a smaller learning rate or standardize the features.`,
        'warn',
      ];
    }
    if (run.finished) {
      const samples = samplesOf(run.settings?.dataset);
      const acc = `${formatPct(r.valAcc)} (${correctOf(r.valAcc, run.valSize)} ${samples})`;
      // A run that ends on or under the accuracy chart's floor has learned nothing a constant
      // answer would not (the lesson's raw-feature run, a cycle that peaked too high): say so.
      const floor = Math.round(r.valAcc * run.valSize) <= run.majorityCorrect;
      const name = run.majorityName;
      const which = name === undefined ? '' : `, ${shownClassName(name)}`;
      const verdict = floor
        ? `, no better than always naming the most common class${which} (the grey dashes on the accuracy chart)`
        : '';
      return [
        `Finished all ${formatCount(run.epochs)} epochs: validation accuracy ${acc}${verdict}, final rate ${formatLr(r.lr)}. Press Reset to watch again, or change a setting.`,
        floor ? 'warn' : 'done',
      ];
    }
    if (change) return [change, 'change'];
    const last = this.lastChange;
    const name = schedulerName({ ...run.settings, scheduler }, run.timetable);
    const since = last ? ` Last change: ${last}` : ` ${name} has not changed the rate yet.`;
    return [`Epoch ${r.epoch} trained at rate ${formatLr(r.lrUsed)}.${since}`, 'info'];
  }
}
