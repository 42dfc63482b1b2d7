// The single run's settings on screen, wired to the sessions: the settings form (views/form.js),
// the learner's file in its data-set field (views/upload.js) and the "Find a learning rate" card
// (views/lr-find.js), whose rate goes into the settings through the form's path (hash, links and
// form agree). main.js makes it once Step is usable: the first run trains without it, and it shows
// the run in place when it is made.
import { UPLOADED_DATA } from './model/settings.js';
import { formatLr } from './model/format.js';
import { byId as $ } from './views/dom.js';
import { SettingsForm } from './views/form.js';
import { UploadView, describeData } from './views/upload.js';
import { LrFindView } from './views/lr-find.js';
import { save } from './views/export.js';

export class RunSettings {
  /**
   * engine: the started Engine; single, comparison: the sessions; comparing(): compare mode is on;
   * act(task): queues a task (session/tasks.js); pause(): stops Play; practice: the practice view,
   * told of every range test; rangeApplied(): the range test's settings the core accepted (every
   * setting, as text: the link's until the card changes them); onRangeApplied(range): the card's
   * accepted settings changed.
   */
  constructor({
    engine,
    single,
    comparison,
    comparing,
    act,
    pause,
    practice,
    rangeApplied,
    onRangeApplied,
  }) {
    Object.assign(this, { engine, single, comparison, comparing });
    this.form = new SettingsForm($('settings'), $('error'), {
      onChange: (key, value) => (pause(), act(() => this.change(key, value))),
    });
    this.upload = new UploadView(this.form.fields.dataset.node, {
      maxBytes: engine.schema.limits.maxCsvBytes,
      onText: (name, text) => (pause(), act(() => this.#uploadFile(name, text))),
    });
    const useRate = (kind, rate) => {
      pause();
      act(async () => {
        if (kind === 'max_lr' && single.values.scheduler !== 'onecycle')
          await this.change('scheduler', 'onecycle');
        await this.change(kind, String(rate));
      });
    };
    this.lrFind = this.#mountLrFind({ act, practice, useRate, rangeApplied, onRangeApplied });
    this.show(single.run, single.values);
  }

  /** The form shows a new single run's settings. */
  show(run, values) {
    // The PyTorch line always shows the run's scheduler as the core writes it.
    this.form.setValues({ ...values, schedule: run.expression });
    this.form.showScheduleSource(run.lineSchedulers);
    this.upload.show(run.data);
  }

  /**
   * A setting changed in the form: a new run on it, or the core's message next to its field (or
   * next to the field of the setting the core's refusal names, views/refusal.js).
   */
  async change(key, value) {
    const { single, comparison, form } = this;
    const before = single.values;
    let change;
    try {
      change =
        key === 'schedule' ? await single.changeSchedule(value) : await single.change(key, value);
      form.clearError(key);
      // The line shows the core's text of the run's scheduler, not what was typed (or an empty line).
      if (key === 'schedule') form.setValues({ ...single.values, schedule: single.run.expression });
      // Values refused because of this setting's old value are tried again with the new one.
      form.retryRefusedAt(key);
      if (change === null) return;
    } catch (error) {
      form.refuse(key, value, error);
      return;
    }
    if (!this.comparing()) return;
    try {
      await comparison.start(
        comparison.configs,
        `Every run starts again with ${change}: it is shared.`,
      );
    } catch (error) {
      // A compared run refuses the shared value (its OneCycleLR's total_steps too few for longer
      // epochs): the refusal, naming the run, goes beside the changed field, and the single run
      // takes back the settings it had, so that every run shares the settings the form applies.
      // The status line says only that (the message is in the form's error box already).
      form.refuse(key, value, new Error(`Run ${error.runLetter}: ${error.message}`));
      await single.start(before, `${change} was not applied: run ${error.runLetter} refuses it.`);
    }
  }

  /** The "Find a learning rate" card: the core's range test for the single run's settings. */
  #mountLrFind({ act, practice, useRate, rangeApplied, onRangeApplied }) {
    const { engine, single } = this;
    let used = null; // the settings and result of the test on screen, for its picture's title
    return new LrFindView($('share-card'), {
      settings: engine.schema.lrFindSettings,
      queue: act,
      async find(range) {
        const settings = { ...single.values };
        const result = await engine.lrFind(settings, range);
        used = { settings, range, result };
        practice.rangeTest(settings, result.suggestion);
        return result;
      },
      use: useRate,
      picture: () => {
        const { settings: s, range: r, result } = used;
        const batch = Number(s.batch_size) > 0 ? `batches of ${s.batch_size}` : 'full batch';
        const scale = String(s.standardize) === 'true' ? 'standardized' : 'raw features';
        const found =
          result.suggestion === null ? 'no suggestion' : `suggested ${formatLr(result.suggestion)}`;
        return {
          title: `LR range test: ${found}`,
          subtitle: `${s.dataset}, ${scale}, ${s.optimizer}, seed ${s.seed}, ${batch}, rates ${r.start_lr} to ${r.end_lr}`,
        };
      },
      save,
      check: (range) => engine.checkLrFind(range),
      applied: rangeApplied,
      onApplied: onRangeApplied,
    });
  }

  /** The learner's file: the core's loader reads it in the worker; then a new run on it, or the message. */
  async #uploadFile(name, text) {
    const { engine, single, comparison, upload } = this;
    let info;
    try {
      info = await engine.upload(name, text, single.values);
    } catch (error) {
      upload.refuse(error.message);
      return;
    }
    upload.accept(name);
    this.form.clearError('dataset');
    const about = `your file ${name} (${describeData(info)})`;
    await single.start(
      { ...single.values, dataset: UPLOADED_DATA },
      `New run on ${about}. Charts cleared; press Step or Run to end.`,
    );
    if (this.comparing())
      await comparison.start(
        comparison.configs,
        `Every run starts again on ${about}: it is shared.`,
      );
  }
}
