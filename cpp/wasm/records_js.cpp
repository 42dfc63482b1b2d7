// C++ records -> JS objects (see records_js.hpp). Typed arrays are copies the JS side owns.
#include "records_js.hpp"

#include <emscripten/em_js.h>
#include <emscripten/em_macros.h>

#include <cmath>
#include <string>

#include "dataset.hpp"
#include "format.hpp"
#include "settings_schema.hpp"

using emscripten::val;

namespace lrplay {
namespace {

// A new JS typed array (`js_type`) holding a copy of `values`.
template <class T>
val typed_array(const char* js_type, const std::vector<T>& values) {
  return val::global(js_type).new_(emscripten::typed_memory_view(values.size(), values.data()));
}

// One member of every record, as a typed array of `js_type`.
template <typename T, typename Field>
val copied_array(const char* js_type, const std::vector<EpochRecord>& history, Field field) {
  std::vector<T> values;
  values.reserve(history.size());
  for (const auto& r : history) values.push_back(static_cast<T>(r.*field));
  return typed_array(js_type, values);
}

// A JS array of the texts (a settings-table list or a std::vector of const char*).
template <class Texts>
val strings(const Texts& texts) {
  val out = val::array();
  for (const char* text : texts) out.call<void>("push", std::string(text));
  return out;
}

val range_to_js(val out, const SettingRange& r) {
  out.set("min", r.min);
  out.set("max", r.max);
  out.set("ends", std::string(r.open_min || std::isinf(r.min) ? "(" : "[") +
                      (r.open_max || std::isinf(r.max) ? ")" : "]"));
  return out;
}

}  // namespace

// The record's fixed members as one JS object, made in one call into JS, with the scheduler's state
// (to_js below) as its member, ReduceLROnPlateau's outlook (to_js below; 0: not a plateau run, no
// member) and the lesson's line (null but every tenth epoch), so that the page needs no other call
// into wasm per epoch. Built with val::set, each member costs several calls between wasm
// and JS (the key's C string decoded, a handle made for the value, the property set, both handles
// freed): some twenty members an epoch cost ~6.5 µs, half the epoch's training
// (docs/wasm-speed.md). The numbers arrive as they would through val (a float or double as a JS
// number, an int as an int).
EM_JS(emscripten::EM_VAL, lrplay_epoch_record_js,
      (int epoch, float train_loss, float val_loss, float val_acc, double lr_used, double lr,
       int lr_changed, const char* reason, const char* actor, int diverged,
       emscripten::EM_VAL scheduler_state, emscripten::EM_VAL plateau_outlook,
       const char* lesson_line),
      {
        var record = {
          epoch : epoch,
          trainLoss : train_loss,
          valLoss : val_loss,
          valAcc : val_acc,
          lrUsed : lr_used,
          lr : lr,
          lrChanged : !!lr_changed,
          reason : UTF8ToString(reason),
          actor : UTF8ToString(actor),
          diverged : !!diverged,
          schedulerState : Emval.toValue(scheduler_state),
          lessonLine : lesson_line ? UTF8ToString(lesson_line) : null
        };
        if (plateau_outlook) record.plateauOutlook = Emval.toValue(plateau_outlook);
        return Emval.toHandle(record);
      });

// The scheduler's state (to_js below) in one call into JS; best is null until finite.
EM_JS(emscripten::EM_VAL, lrplay_scheduler_state_js,
      (const char* scheduler, int last_epoch, double best, int num_bad_epochs, int cooldown_counter,
       int patience, int cooldown),
      {
        return Emval.toHandle({
          scheduler : UTF8ToString(scheduler),
          lastEpoch : last_epoch,
          best : isFinite(best) ? best : null,
          numBadEpochs : num_bad_epochs,
          cooldownCounter : cooldown_counter,
          patience : patience,
          cooldown : cooldown
        });
      });

// ReduceLROnPlateau's outlook (to_js below) in one call into JS; threshold is null until a finite
// best.
EM_JS(emscripten::EM_VAL, lrplay_plateau_outlook_js,
      (int cut_epoch, int has_threshold, double threshold), {
        return Emval.toHandle({cutEpoch : cut_epoch, threshold : has_threshold ? threshold : null});
      });

val float64_array(const std::vector<double>& values) { return typed_array("Float64Array", values); }

val to_js(const EpochRecord& r, bool cycles_momentum, const SchedulerState& s,
          const TrainerConfig& c) {
  // actor: the scheduler that set the rate (LinearLR during a warm-up)
  const val state = to_js(s, c);
  const val outlook =
      c.scheduler == SchedulerKind::kPlateau ? to_js(plateau_outlook(c, s)) : val::undefined();
  const std::string line = lesson_prints(r.epoch) ? lesson_line(r.epoch, c.epochs, r.lr) : "";
  val out = val::take_ownership(lrplay_epoch_record_js(
      r.epoch, r.train_loss, r.val_loss, r.val_acc, r.lr_used, r.lr, r.event.changed(),
      r.event.reason.c_str(), r.event.actor.c_str(), r.diverged, state.as_handle(),
      outlook.isUndefined() ? nullptr : outlook.as_handle(),
      line.empty() ? nullptr : line.c_str()));
  // Per optimizer step, only when the rate (or the momentum) moves within the epoch: the core's
  // step_lrs / step_momenta, one typed array each rather than an object per batch.
  if (!r.step_lrs.empty()) out.set("stepLrs", float64_array(r.step_lrs));
  if (!r.step_momenta.empty()) out.set("stepMomenta", float64_array(r.step_momenta));
  if (cycles_momentum) out.set("momentum", r.event.momentum_after);
  return out;
}

val history_to_js(const std::vector<EpochRecord>& h) {
  val out = val::object();
  out.set("epoch", copied_array<int>("Int32Array", h, &EpochRecord::epoch));
  out.set("trainLoss", copied_array<float>("Float32Array", h, &EpochRecord::train_loss));
  out.set("valLoss", copied_array<float>("Float32Array", h, &EpochRecord::val_loss));
  out.set("valAcc", copied_array<float>("Float32Array", h, &EpochRecord::val_acc));
  out.set("lr", copied_array<double>("Float64Array", h, &EpochRecord::lr));
  return out;
}

val to_js(const SchedulerState& s, const TrainerConfig& c) {
  return val::take_ownership(lrplay_scheduler_state_js(to_string(c.scheduler), s.last_epoch, s.best,
                                                       s.num_bad_epochs, s.cooldown_counter,
                                                       c.plateau.patience, c.plateau.cooldown));
}

val to_js(const PlateauOutlook& o) {
  return val::take_ownership(lrplay_plateau_outlook_js(o.cut_epoch, o.has_threshold, o.threshold));
}

val timetable_to_js(const TrainerConfig& config) {
  val out = val::object();
  out.set("rates", float64_array(timetable(config)));
  val cuts = val::array();
  for (int e : cut_epochs(config)) cuts.call<void>("push", e);
  out.set("cuts", cuts);
  out.set("rule", config.scheduler == SchedulerKind::kStep ? step_rule(config) : std::string());
  return out;
}

val settings_schema_to_js() {
  val out = val::array();
  for (const Setting& s : settings_schema()) {
    val row = val::object();
    row.set("key", std::string(s.key));
    row.set("flag", "--" + flag_of(s));
    row.set("kind", std::string(to_string(s.kind)));
    row.set("choices", strings(s.choices));
    range_to_js(row, s.range);
    row.set("default", std::string(s.default_text));
    // {scheduler: {cyclic: "1"}, optimizer: {adamw: "0.01"}}, and the same for choices and ranges.
    val defaults = val::object(), choices = val::object(), ranges = val::object();
    for (const SettingVariant& v : s.variants) {
      const std::string selector = v.when.selector, choice = v.when.choice;
      for (val* by : {&defaults, &choices, &ranges}) {
        if ((*by)[selector].isUndefined()) by->set(selector, val::object());
      }
      if (v.default_text) defaults[selector].set(choice, std::string(v.default_text));
      if (v.choices.size() != 0) choices[selector].set(choice, strings(v.choices));
      if (v.has_range) ranges[selector].set(choice, range_to_js(val::object(), v.range));
    }
    row.set("defaultsBy", defaults);
    row.set("choicesBy", choices);
    row.set("rangesBy", ranges);
    val applies_to = val::object();  // {} = always
    for (const SettingWhen& when : s.applies_to) {
      if (applies_to[when.selector].isUndefined()) applies_to.set(when.selector, val::array());
      applies_to[when.selector].call<void>("push", std::string(when.choice));
    }
    row.set("appliesTo", applies_to);
    row.set("pytorchName", std::string(s.pytorch_name));
    row.set("help", std::string(s.help));
    row.set("minItems", s.min_items);
    row.set("maxItems", s.max_items);
    row.set("itemNames", strings(s.item_names));
    row.set("maxLength", static_cast<int>(s.max_length));
    out.call<void>("push", row);
  }
  return out;
}

val limits_to_js() {
  val out = val::object();
  out.set("maxEpochs", kMaxEpochs);
  out.set("maxHiddenLayers", kMaxHiddenLayers);
  out.set("maxHiddenWidth", kMaxHiddenWidth);
  out.set("maxCsvBytes", static_cast<double>(kMaxCsvBytes));
  out.set("maxClasses", kMaxClasses);
  return out;
}

val lr_find_settings_to_js() {
  val out = val::array();
  for (const LrFindSetting& s : lr_find_settings()) {
    val row = val::object();
    row.set("key", std::string(s.key));
    row.set("default", std::string(s.default_text));
    row.set("help", std::string(s.help));
    row.set("choices", strings(s.choices));
    out.call<void>("push", row);
  }
  return out;
}

val to_js(const LrFindResult& result) {
  std::vector<double> lrs, smoothed;
  std::vector<float> losses;
  for (const LrFindRow& row : result.rows) {
    lrs.push_back(row.lr);
    losses.push_back(row.loss);
    smoothed.push_back(row.smoothed_loss);
  }
  val out = val::object();
  out.set("lr", float64_array(lrs));
  out.set("loss", typed_array("Float32Array", losses));
  out.set("smoothedLoss", float64_array(smoothed));
  out.set("suggestion", result.has_suggestion ? val(result.suggested_lr) : val::null());
  return out;
}

val to_js(const ScheduleForm& form) {
  val out = val::object();
  out.set("expressible", form.expressible);
  val settings = val::object();
  for (const auto& [key, value] : form.settings) settings.set(key, value);
  out.set("settings", settings);
  out.set("reason", form.reason);
  val schedulers = val::array();
  for (const std::string& choice : form.schedulers) schedulers.call<void>("push", choice);
  out.set("schedulers", schedulers);
  return out;
}

}  // namespace lrplay
