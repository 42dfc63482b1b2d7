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

val float64_array(const std::vector<double>& values) { return typed_array("Float64Array", values); }

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

val timetable_to_js(const TrainerConfig& config, int batches_per_epoch) {
  const Timetable table = make_timetable(config, batches_per_epoch);
  val out = val::object();
  out.set("name", table.name);
  out.set("unplanned", table.unplanned);
  out.set("rates", float64_array(table.rates));
  out.set("cuts", val::array(table.cuts));
  out.set("rises", val::array(table.rises));
  out.set("restarts", val::array(table.restarts));
  out.set("smooth", table.smooth);
  out.set("rule", config.scheduler == SchedulerKind::kStep && config.schedule.empty()
                      ? step_rule(config, batches_per_epoch)
                      : std::string());
  out.set("stepsPerEpoch", scheduler_steps_per_epoch(config, batches_per_epoch));
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
    row.set("rangeTest", lr_find_reads(s));  // the LR range test reads it too
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
