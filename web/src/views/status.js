// The one-line status under the controls: what the last epoch did to the rate, and why, in words.
import { SCHEDULERS, samplesOf } from '../model/settings.js';
import { formatLoss, formatLr, formatPct, correctOf, tidyExponents } from '../model/format.js';
import { actor, eventKind } from '../model/events.js';

/**
 * The sentence for a rate change (or a skipped cut) in record `r`, or null if nothing happened. It
 * names the scheduler that acted (the warm-up's LinearLR, SequentialLR at the switch), which may
 * not be the one chosen in the settings.
 * @param {import('../model/records.js').EpochRecord} r
 */
export function describeChange(r, scheduler) {
  const name = actor(r, scheduler);
  const kind = eventKind(r, scheduler);
  const reason = tidyExponents(r.reason);
  if (r.lrChanged) {
    const verb = r.lr < r.lrUsed ? 'cut' : 'raised';
    // Reasons that start with the class name read "it …"; StepLR's "(epoch 30)" is said already.
    const why = reason.replace(new RegExp(`^${name} `), 'it ').replace(/ \(epoch \d+\)$/, '');
    const how = kind === 'continuous' && verb === 'cut' ? 'lowered' : verb;
    return `${name} ${how} the rate at epoch ${r.epoch} (${formatLr(r.lrUsed)} \u2192 ${formatLr(r.lr)}): ${why}.`;
  }
  if (kind === 'skip')
    return `${name} skipped a cut at epoch ${r.epoch} (not a change): ${reason}.`;
  if (r.reason) return `${name} at epoch ${r.epoch}: ${reason}.`;
  return null;
}

export class StatusLine {
  constructor(node) {
    this.node = node;
    this.lastChange = null;
  }

  /** tone: 'info' | 'change' | 'warn' | 'done' | 'error' (styles the line). */
  set(text, tone = 'info') {
    this.node.textContent = text;
    this.node.dataset.tone = tone;
  }

  /** A new or reset run: the message flashes once so a click in the lesson is seen to land. */
  reset(text) {
    this.lastChange = null;
    this.set(text, 'info');
    this.node.classList.remove('flash');
    void this.node.offsetWidth; // restart the CSS animation
    this.node.classList.add('flash');
  }

  /**
   * After a step: describe it, keeping the last rate change in view while nothing new happens.
   * @param {import('../model/records.js').EpochRecord} r
   */
  showRecord(r, run, scheduler) {
    if (r.diverged) {
      // The readout shows the last finite epoch (r.epoch - 1): say so, so the two agree.
      const kept = r.epoch > 1 ? `epoch ${r.epoch - 1} is the last one kept` : 'no epoch is kept';
      this.set(
        `Diverged at epoch ${r.epoch}: its loss is no longer a finite number, so training stopped and ${kept}. Press Reset, or lower the learning rate.`,
        'error',
      );
      return;
    }
    const change = describeChange(r, scheduler);
    if (change) this.lastChange = change;
    if (r.exploding) {
      const when = run.finished
        ? `the run ended at epoch ${r.epoch} with training loss`
        : `training loss at epoch ${r.epoch} is`;
      this.set(
        `Loss is exploding: ${when} ${formatLoss(r.trainLoss)}, over 100\u00d7 the first epoch\u2019s. Try a smaller learning rate or standardize the features.`,
        'warn',
      );
    } else if (run.finished) {
      const samples = samplesOf(run.settings?.dataset);
      const acc = `${formatPct(r.valAcc)} (${correctOf(r.valAcc, run.valSize)} ${samples})`;
      this.set(
        `Finished all ${run.epochs} epochs: validation accuracy ${acc}, final rate ${formatLr(r.lr)}. Press Reset to watch again, or change a setting.`,
        'done',
      );
    } else if (change) {
      this.set(change, 'change');
    } else {
      const last = this.lastChange
        ? ` Last change: ${this.lastChange}`
        : ` ${SCHEDULERS[scheduler].name} has not changed the rate yet.`;
      this.set(`Epoch ${r.epoch} trained at rate ${formatLr(r.lrUsed)}.${last}`, 'info');
    }
  }
}
