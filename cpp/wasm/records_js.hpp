// The core's records as the page's JS objects: an epoch's record and the history, the scheduler's
// state and ReduceLROnPlateau's outlook, the timetable, the settings table and limits, the range
// test's settings and result, what an expression is in the form's terms. Conversion only, no logic;
// bindings.cpp registers the functions that return them. Emscripten is included here and in
// bindings.cpp only (cpp/wasm/), never in the core.
#pragma once

#include <emscripten/val.h>

#include <vector>

#include "config.hpp"
#include "lr_find.hpp"
#include "schedule_text.hpp"
#include "scheduler.hpp"
#include "timetable.hpp"
#include "trainer.hpp"

namespace lrplay {

// A Float64Array holding a copy: a memory view into the wasm heap dies when the heap grows.
emscripten::val float64_array(const std::vector<double>& values);

// { epoch, trainLoss, valLoss, valAcc, lrUsed, lr, lrChanged, reason, actor, diverged,
// schedulerState (to_js of the state, below), lessonLine (the lesson's print on the epochs it
// prints, else null) }, with plateauOutlook (to_js of plateau_outlook, below) in a
// ReduceLROnPlateau run, stepLrs / stepMomenta (Float64Array) when the rate or momentum moves
// within the epoch and momentum when the scheduler cycles it.
emscripten::val to_js(const EpochRecord& record, bool cycles_momentum, const SchedulerState& state,
                      const TrainerConfig& config);

// The history as parallel typed arrays, one entry per finished epoch: { epoch: Int32Array,
// trainLoss, valLoss, valAcc: Float32Array, lr: Float64Array }.
emscripten::val history_to_js(const std::vector<EpochRecord>& history);

// { scheduler, lastEpoch, best (null until finite), numBadEpochs, cooldownCounter, patience,
// cooldown }: what the scheduler panel shows every epoch.
emscripten::val to_js(const SchedulerState& state, const TrainerConfig& config);

// { cutEpoch (0: none before the end), threshold (null until a finite best) }.
emscripten::val to_js(const PlateauOutlook& outlook);

// { rates: Float64Array (after epochs 1..epochs; empty for plateau), cuts: the run epochs after
// which the rate falls, rule: StepLR's rule text ("" for the others) } of the config's schedule.
emscripten::val timetable_to_js(const TrainerConfig& config);

// The settings table as plain objects: the page builds its form, link parsing and defaults from it.
emscripten::val settings_schema_to_js();

// The stated limits help texts quote (the run's own sizes come from Trainer.trainSize/valSize).
emscripten::val limits_to_js();

// The range test's settings [{ key, default, help, choices }] for the page's fields.
emscripten::val lr_find_settings_to_js();

// { lr: Float64Array, loss: Float32Array, smoothedLoss: Float64Array (one entry per iteration),
// suggestion: the rate, or null when too few rows remain after suggest()'s skips }.
emscripten::val to_js(const LrFindResult& result);

// { expressible, settings: { scheduler, ... }, reason, schedulers: the choices it calls }.
emscripten::val to_js(const ScheduleForm& form);

}  // namespace lrplay
