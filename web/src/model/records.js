// @ts-check
// The one written contract for an epoch record: what the page gets for each epoch trained
// (engine/record-batch.js makes it from the worker's batch, whose every number and text the core
// writes, cpp/wasm/record_batch.cpp: scheduler state, lesson line and plateau outlook included,
// `exploding` included; engine/lrplay.js's Run.step() and Run.run() return the same). Every module that
// reads records points here. No code.

/**
 * The scheduler's state after the epoch's `scheduler.step()` (for the scheduler panel).
 * @typedef {object} SchedulerState
 * @property {string} scheduler        the run's scheduler id (`plateau`, `step`, `exp`, `cosine`, `linear`)
 * @property {number} lastEpoch        PyTorch's `last_epoch`
 * @property {number | null} best      ReduceLROnPlateau's best metric so far (null before the first)
 * @property {number} numBadEpochs     ReduceLROnPlateau's `num_bad_epochs`
 * @property {number} cooldownCounter  ReduceLROnPlateau's `cooldown_counter`
 * @property {number} patience         the run's `patience`
 * @property {number} cooldown         the run's `cooldown`
 */

/**
 * One epoch of a run. When the loss stops being finite the record is only
 * `{ epoch, diverged: true, message }`: no numbers then.
 * @typedef {object} EpochRecord
 * @property {number} epoch            1-based epoch number
 * @property {boolean} diverged        true on the epoch where the loss stopped being finite
 * @property {string} [message]        why it diverged (only when `diverged`)
 * @property {number} [trainLoss]      mean training loss of the epoch
 * @property {number} [valLoss]        validation loss after the epoch
 * @property {number} [valAcc]         validation accuracy, 0..1
 * @property {number} [lrUsed]         the rate the epoch trained with
 * @property {number} [lr]             the rate after the epoch's `scheduler.step()` (what the lesson prints)
 * @property {Float64Array} [stepLrs] with a scheduler stepped per batch: the rate after each of the
 *   epoch's optimizer steps (the last is `lr`); absent when the rate only changes between epochs
 * @property {number} [momentum]      SGD's momentum or Adam's beta1 after the epoch, when the scheduler cycles it
 * @property {Float64Array} [stepMomenta] the same after each optimizer step (per-batch cycling only)
 * @property {boolean} [lrChanged]     the scheduler changed the rate at this epoch
 * @property {string} [event]          what the scheduler's step did to the rate, the core's EventKind
 *   (cpp/scheduler.hpp): 'none', 'skippedCut', 'continuous' (a step of a smooth schedule),
 *   'discrete' (a cut by rule), 'restart', 'handOver' or 'warmUpEnd' (SequentialLR's milestone);
 *   stepped per batch, the strongest of the epoch's steps. model/events.js draws it.
 * @property {number} [discreteEvents] how many discrete events (cuts, restarts, hand-overs) the
 *   epoch's scheduler steps made: 1 or 0 stepped per epoch; stepped per batch, maybe several
 *   (StepLR with step_size=10 cuts 4 times in 48 batches), which `event` shows as one change
 * @property {string[]} [actors]       the PyTorch classes that set the rate (LinearLR during a
 *   warm-up; each of a ChainedScheduler's that moved it)
 * @property {string} [reason]         the core's sentence for a scheduler event ('' when none), in
 *   the scheduler's own steps (epochs, or optimizer steps when stepped per batch; behind a
 *   SequentialLR milestone, the run's position first, then its own count from there); stepped per
 *   batch, a discrete event's own step's (its first of that kind), a smooth schedule's last step's
 * @property {string} [reasonAfterEpoch] with a change of the rate, the reason as said after the
 *   change's epoch (the status line's "StepLR cut the rate at epoch 30 (…): it multiplies …"; the
 *   core's reason_after_epoch): "it" for the actor's name; stepped per epoch, the run's epoch left
 *   out of the step said, its own count kept where it says more ("(its epoch 7 since it took over
 *   at epoch 3)", "(epoch 7 of 20)"); stepped per batch, the step kept. '' without a change
 * @property {boolean} [exploding]     the training loss is over `explodingFactor` x the first epoch's
 *   (the core's judgement, kExplodingFactor in cpp/trainer.hpp)
 * @property {number} [explodingFactor] that factor (100), on exploding records only, for the page's words
 * @property {string | null} [lessonLine]  the line the lesson's loop prints (every 10th epoch), else null
 * @property {SchedulerState} [schedulerState]  the scheduler's state after the epoch
 * @property {PlateauOutlook} [plateauOutlook]  ReduceLROnPlateau runs only: its next cut after the epoch
 */

/**
 * ReduceLROnPlateau's next cut as the core computes it (cpp/timetable.hpp, plateau_outlook).
 * @typedef {object} PlateauOutlook
 * @property {number} cutEpoch         the epoch that cuts if the metric never beats `threshold` (0: none before the end)
 * @property {number | null} threshold the value the metric must beat (null until a finite best)
 */

export {};
