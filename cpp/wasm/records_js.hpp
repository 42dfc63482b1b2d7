// The core's records as the page's JS objects: the history, the scheduler's state, the timetable,
// the settings table and limits, the range test's settings and result, what an expression is in
// the form's terms (the epochs' records: record_batch.hpp). Conversion only, no logic;
// bindings.cpp registers the functions that return them. Emscripten is included here, in
// record_batch.cpp and in bindings.cpp only (cpp/wasm/), never in the core.
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

// The history as parallel typed arrays, one entry per finished epoch: { epoch: Int32Array,
// trainLoss, valLoss, valAcc: Float32Array, lr: Float64Array }.
emscripten::val history_to_js(const std::vector<EpochRecord>& history);

// { scheduler, lastEpoch, best (null until finite), numBadEpochs, cooldownCounter, patience,
// cooldown }: the scheduler's state now (each epoch's is in its record, record_batch.hpp).
emscripten::val to_js(const SchedulerState& state, const TrainerConfig& config);

// { rates: Float64Array (after epochs 1..epochs; empty for plateau), cuts: the run epochs after
// which a discrete event lowers the rate, smooth: whether some step moves it along a smooth
// schedule, rule: StepLR's rule text ("" for the others), stepsPerEpoch: the scheduler steps an
// epoch takes } of the config's schedule, for a run of `batches_per_epoch` optimizer steps an
// epoch (timetable.hpp).
emscripten::val timetable_to_js(const TrainerConfig& config, int batches_per_epoch);

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
