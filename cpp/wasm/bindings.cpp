// The page's view of the core: registers the Trainer with Embind and converts between JS values and
// C++ types. The only file that includes Emscripten. No logic lives here.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <cmath>
#include <memory>
#include <string>

#include "config.hpp"
#include "dataset.hpp"
#include "format.hpp"
#include "lr_find.hpp"
#include "schedule_text.hpp"
#include "settings_schema.hpp"
#include "text.hpp"
#include "timetable.hpp"
#include "trainer.hpp"

using emscripten::val;

namespace lrplay {
namespace {

// With -fexceptions, a C++ exception that reaches JS arrives as a bare number (a pointer into the
// wasm heap) with no message, and its memory leaks. So every entry point catches and rethrows a
// real JS Error once the C++ frames have unwound.
[[noreturn]] void throw_js_error(const std::string& message) {
  val::global("Error").new_(message).throw_();
  __builtin_unreachable();
}

// JS settings object -> TrainerConfig through the same set_option() the CLI uses. Numbers arrive as
// JS's shortest round-trip text, so the double is exactly the one the user typed.
TrainerConfig config_from_js(const val& settings) {
  TrainerConfig config;
  if (settings.isUndefined() || settings.isNull()) return config;
  if (settings.typeOf().as<std::string>() != "object") {
    throw ConfigError("settings must be an object such as { lr: 0.1, scheduler: 'plateau' }");
  }
  const val keys = val::global("Object").call<val>("keys", settings);
  const int n = keys["length"].as<int>();
  for (int i = 0; i < n; ++i) {
    const std::string key = keys[i].as<std::string>();
    const val value = settings[key];
    const std::string type = value.typeOf().as<std::string>();
    std::string text;
    if (type == "boolean") {
      text = value.as<bool>() ? "true" : "false";
    } else if (type == "number" || type == "string" ||
               val::global("Array").call<bool>("isArray", value)) {
      text = val::global("String")(value).as<std::string>();
    } else {
      throw ConfigError(key + " must be a number, a string or a boolean, not " + type);
    }
    set_option(config, key, text);
  }
  validate(config);
  return config;
}

// A copy the JS side owns: a memory view dies when the heap grows.
val float64_array(const std::vector<double>& values) {
  return val::global("Float64Array")
      .new_(emscripten::typed_memory_view(values.size(), values.data()));
}

val record_to_js(const EpochRecord& r, bool cycles_momentum) {
  val out = val::object();
  out.set("epoch", r.epoch);
  out.set("trainLoss", r.train_loss);
  out.set("valLoss", r.val_loss);
  out.set("valAcc", r.val_acc);
  out.set("lrUsed", r.lr_used);
  out.set("lr", r.lr);
  out.set("lrChanged", r.event.changed());
  out.set("reason", r.event.reason);
  out.set("actor", r.event.actor);  // the scheduler that set the rate (LinearLR during a warm-up)
  out.set("diverged", r.diverged);
  // Per optimizer step, only when the rate (or the momentum) moves within the epoch: the core's
  // step_lrs / step_momenta, one typed array each rather than an object per batch.
  if (!r.step_lrs.empty()) out.set("stepLrs", float64_array(r.step_lrs));
  if (!r.step_momenta.empty()) out.set("stepMomenta", float64_array(r.step_momenta));
  if (cycles_momentum) out.set("momentum", r.event.momentum_after);
  return out;
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

// The settings table as plain objects: the page builds its form, link parsing and defaults from it.
val settings_schema_js() {
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

// The stated limits help texts quote (the run's own sizes come from Trainer.trainSize/valSize).
val limits() {
  val out = val::object();
  out.set("maxEpochs", kMaxEpochs);
  out.set("maxHiddenLayers", kMaxHiddenLayers);
  out.set("maxHiddenWidth", kMaxHiddenWidth);
  out.set("maxCsvBytes", static_cast<double>(kMaxCsvBytes));
  out.set("maxClasses", kMaxClasses);
  return out;
}

template <typename T, typename Field>
val copied_array(const char* js_type, const std::vector<EpochRecord>& history, Field field) {
  std::vector<T> values;
  values.reserve(history.size());
  for (const auto& r : history) values.push_back(static_cast<T>(r.*field));
  // The memory view dies when the heap grows; the new typed array owns a copy.
  return val::global(js_type).new_(emscripten::typed_memory_view(values.size(), values.data()));
}

class WasmTrainer {
 public:
  WasmTrainer(const TrainerConfig& config, const Dataset& data) : trainer_(config, data) {}

  // One epoch. A diverging epoch returns { epoch, diverged: true, message } instead of a record
  // (the core's record says so); stepping after the end or a divergence throws.
  val step() {
    std::string error;
    try {
      const EpochRecord& r = trainer_.step();
      if (r.diverged) {
        val out = val::object();
        out.set("epoch", r.epoch);
        out.set("diverged", true);
        out.set("message", trainer_.divergence_message());
        return out;
      }
      val record = record_to_js(r, trainer_.cycles_momentum());
      // The page shows the scheduler's state every epoch: one crossing into wasm brings both.
      record.set("schedulerState", scheduler_state());
      return record;
    } catch (const std::exception& e) {
      error = e.what();
    }
    throw_js_error(error);
  }

  void reset() { trainer_.reset(); }

  // The CSV export: header and one row per finished epoch (format.cpp's formatter).
  std::string csv() const {
    std::string text = csv_header() + "\n";
    for (const auto& r : trainer_.history()) text += csv_row(r) + "\n";
    return text;
  }

  // ReduceLROnPlateau's next cut from its current state: { cutEpoch (0: none before the end),
  // threshold (null until a finite best) }.
  val plateau_outlook() const {
    const PlateauOutlook o = lrplay::plateau_outlook(trainer_.config(), trainer_.scheduler_state());
    val out = val::object();
    out.set("cutEpoch", o.cut_epoch);
    out.set("threshold", o.has_threshold ? val(o.threshold) : val::null());
    return out;
  }

  // Parallel typed arrays, one entry per finished epoch.
  val history() const {
    const auto& h = trainer_.history();
    val out = val::object();
    out.set("epoch", copied_array<int>("Int32Array", h, &EpochRecord::epoch));
    out.set("trainLoss", copied_array<float>("Float32Array", h, &EpochRecord::train_loss));
    out.set("valLoss", copied_array<float>("Float32Array", h, &EpochRecord::val_loss));
    out.set("valAcc", copied_array<float>("Float32Array", h, &EpochRecord::val_acc));
    out.set("lr", copied_array<double>("Float64Array", h, &EpochRecord::lr));
    return out;
  }

  val scheduler_state() const {
    const SchedulerState s = trainer_.scheduler_state();
    const TrainerConfig& c = trainer_.config();
    val out = val::object();
    out.set("scheduler", std::string(to_string(c.scheduler)));
    out.set("lastEpoch", s.last_epoch);
    out.set("best", std::isfinite(s.best) ? val(s.best) : val::null());
    out.set("numBadEpochs", s.num_bad_epochs);
    out.set("cooldownCounter", s.cooldown_counter);
    out.set("patience", c.plateau.patience);
    out.set("cooldown", c.plateau.cooldown);
    return out;
  }

  std::string lesson_line(int epoch) const {
    if (epoch < 1 || epoch > trainer_.epoch()) {
      throw_js_error("epoch " + std::to_string(epoch) + " has not been trained yet");
    }
    return lrplay::lesson_line(epoch, trainer_.config().epochs, trainer_.history()[epoch - 1].lr);
  }

  int epoch() const { return trainer_.epoch(); }
  int epochs() const { return trainer_.config().epochs; }
  bool finished() const { return trainer_.finished(); }
  int diverged_at() const { return trainer_.diverged_at(); }
  double lr() const { return trainer_.lr(); }
  int train_size() const { return trainer_.train_size(); }
  int batches_per_epoch() const { return trainer_.batches_per_epoch(); }
  bool cycles_momentum() const { return trainer_.cycles_momentum(); }
  std::string momentum_name() const { return trainer_.momentum_name(); }
  int val_size() const { return trainer_.val_size(); }

 private:
  Trainer trainer_;
};

// The CSV comes as a val, not a std::string: Embind frees a string argument's copy only when the
// call returns, so every refused Trainer leaked the whole data set (and the name). `source` names
// the data in the core's messages (the uploaded file's name, or the data set's).
WasmTrainer* make_trainer(const val& settings, const val& csv, const val& source) {
  std::string error;
  try {
    return new WasmTrainer(config_from_js(settings),
                           parse_csv(csv.as<std::string>(), source.as<std::string>()));
  } catch (const std::exception& e) {
    error = e.what();
  }
  throw_js_error(error);
}

// { rows, features, classes } of a CSV as the loader reads it, or a JS Error with the loader's
// message (the source, line and column, what is wrong and what is accepted).
// The CSV and its name are vals for the reason make_trainer's are.
val dataset_info(const val& csv, const val& source) {
  std::string error;
  try {
    const Dataset data = parse_csv(csv.as<std::string>(), source.as<std::string>());
    val out = val::object();
    out.set("rows", data.num_samples());
    out.set("features", data.num_features());
    out.set("classes", data.num_classes);
    return out;
  } catch (const std::exception& e) {
    error = e.what();
  }
  throw_js_error(error);
}

// The settings as the core understands them (defaults filled in), or a JS Error naming the bad one.
val normalize_settings(const val& settings) {
  std::string error;
  try {
    const TrainerConfig config = config_from_js(settings);
    val out = val::object();
    for (const auto& key : setting_names()) out.set(key, get_option(config, key));
    return out;
  } catch (const std::exception& e) {
    error = e.what();
  }
  throw_js_error(error);
}

// The learning rate after each of metrics.length scheduler steps, for previews. Only plateau reads
// the metric values.
val schedule_preview(const val& settings, const val& metrics) {
  std::string error;
  try {
    const TrainerConfig config = config_from_js(settings);
    const auto values = emscripten::convertJSArrayToNumberVector<double>(metrics);
    auto scheduler = make_scheduler(config);
    std::vector<double> lrs;
    for (double metric : values) lrs.push_back(scheduler->step(metric).lr_after);
    return val::global("Float64Array").new_(emscripten::typed_memory_view(lrs.size(), lrs.data()));
  } catch (const std::exception& e) {
    error = e.what();
  }
  throw_js_error(error);
}

// The timetable of the settings' schedule: { rates: Float64Array (after epochs 1..epochs; empty
// for plateau), nextCut(epoch) is answered by the cuts list: run epochs after which the rate falls,
// rule: StepLR's rule text ("" for the others) }.
val timetable_js(const val& settings) {
  std::string error;
  try {
    const TrainerConfig config = config_from_js(settings);
    const std::vector<double> rates = timetable(config);
    val out = val::object();
    out.set("rates", val::global("Float64Array")
                         .new_(emscripten::typed_memory_view(rates.size(), rates.data())));
    val cuts = val::array();
    for (int e : cut_epochs(config)) cuts.call<void>("push", e);
    out.set("cuts", cuts);
    out.set("rule", config.scheduler == SchedulerKind::kStep ? step_rule(config) : std::string());
    return out;
  } catch (const std::exception& e) {
    error = e.what();
  }
  throw_js_error(error);
}

// The range test's settings (key, default, help, choices) for the page's fields.
val lr_find_settings_js() {
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

// The range test's own settings from JS (values as text or numbers; missing ones keep their
// defaults), checked as the CLI checks its flags; throws ConfigError naming a bad one.
LrFindOptions lr_find_options_from_js(const val& range) {
  LrFindOptions options;
  if (!range.isUndefined() && !range.isNull()) {
    const val keys = val::global("Object").call<val>("keys", range);
    for (int i = 0, n = keys["length"].as<int>(); i < n; ++i) {
      const std::string key = keys[i].as<std::string>();
      set_lr_find_option(options, key, val::global("String")(range[key]).as<std::string>());
    }
  }
  validate(options);
  return options;
}

// Throws a JS Error naming the first bad range-test setting (a link's, a field's); no test is run.
void check_lr_find_settings(const val& range) {
  std::string error;
  try {
    lr_find_options_from_js(range);
    return;
  } catch (const std::exception& e) {
    error = e.what();
  }
  throw_js_error(error);
}

// The LR range test (lrplay lr-find) on the run's settings and data: { lr: Float64Array, loss:
// Float32Array, smoothedLoss: Float64Array (one entry per iteration), suggestion: the rate, or null
// when too few rows remain after suggest()'s skips }. `range` holds the range test's own settings
// (values as text or numbers; missing ones keep their defaults). The CSV is a val for the reason
// make_trainer's is.
val lr_find_js(const val& settings, const val& range, const val& csv) {
  std::string error;
  try {
    // Before the data: a bad range setting is named first, as the CLI does.
    const LrFindOptions options = lr_find_options_from_js(range);
    const LrFindResult result =
        lr_find(config_from_js(settings), parse_csv(csv.as<std::string>(), "the data"), options);
    std::vector<double> lrs, smoothed;
    std::vector<float> losses;
    for (const LrFindRow& row : result.rows) {
      lrs.push_back(row.lr);
      losses.push_back(row.loss);
      smoothed.push_back(row.smoothed_loss);
    }
    val out = val::object();
    out.set(
        "lr",
        val::global("Float64Array").new_(emscripten::typed_memory_view(lrs.size(), lrs.data())));
    out.set("loss", val::global("Float32Array")
                        .new_(emscripten::typed_memory_view(losses.size(), losses.data())));
    out.set("smoothedLoss",
            val::global("Float64Array")
                .new_(emscripten::typed_memory_view(smoothed.size(), smoothed.data())));
    out.set("suggestion", result.has_suggestion ? val(result.suggested_lr) : val::null());
    return out;
  } catch (const std::exception& e) {
    error = e.what();
  }
  throw_js_error(error);
}

// The settings' scheduler as a PyTorch expression (the page's "PyTorch line"; "" for none).
std::string schedule_expression_js(const val& settings) {
  std::string error;
  try {
    return schedule_expression(config_from_js(settings));
  } catch (const std::exception& e) {
    error = e.what();
  }
  throw_js_error(error);
}

// What an expression is in the form's terms: { expressible, settings: { scheduler, ... },
// reason, schedulers: the choices it calls }; a JS Error "schedule: column N: ..." for a bad
// expression.
val schedule_form_js(const std::string& text) {
  std::string error;
  try {
    const ScheduleForm form = schedule_form(text);
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
  } catch (const std::exception& e) {
    error = e.what();
  }
  throw_js_error(error);
}

// The settings' scheduler as Python with `optimizer` inserted (the generated script's line);
// OneCycleLR's missing total_steps is `runStepsCode`.
std::string schedule_python_js(const val& settings, const std::string& run_steps_code) {
  std::string error;
  try {
    return schedule_python(config_from_js(settings), run_steps_code);
  } catch (const std::exception& e) {
    error = e.what();
  }
  throw_js_error(error);
}

// Text forms shared with the CLI: the lesson's line and the shortest round-trip number texts.
std::string lesson_line_js(int epoch, int epochs, double lr) {
  return lrplay::lesson_line(epoch, epochs, lr);
}
std::string double_text(double value) { return shortest_text(value); }
std::string float_text(float value) { return shortest_text(value); }

// Bytes malloc has handed out and not taken back: lets tests prove that nothing leaks.
int heap_in_use() { return static_cast<int>(mallinfo().uordblks); }

}  // namespace
}  // namespace lrplay

EMSCRIPTEN_BINDINGS(lrplay) {
  using namespace lrplay;
  emscripten::class_<WasmTrainer>("Trainer")
      .constructor(&make_trainer, emscripten::allow_raw_pointers())
      .function("step", &WasmTrainer::step)
      .function("reset", &WasmTrainer::reset)
      .function("history", &WasmTrainer::history)
      .function("schedulerState", &WasmTrainer::scheduler_state)
      .function("lessonLine", &WasmTrainer::lesson_line)
      .function("csv", &WasmTrainer::csv)
      .function("plateauOutlook", &WasmTrainer::plateau_outlook)
      .property("epoch", &WasmTrainer::epoch)
      .property("epochs", &WasmTrainer::epochs)
      .property("finished", &WasmTrainer::finished)
      .property("divergedAt", &WasmTrainer::diverged_at)
      .property("lr", &WasmTrainer::lr)
      .property("trainSize", &WasmTrainer::train_size)
      .property("valSize", &WasmTrainer::val_size)
      .property("batchesPerEpoch", &WasmTrainer::batches_per_epoch)
      .property("cyclesMomentum", &WasmTrainer::cycles_momentum)
      .property("momentumName", &WasmTrainer::momentum_name);
  emscripten::function("normalizeSettings", &normalize_settings);
  emscripten::function("datasetInfo", &dataset_info);
  emscripten::function("schedulePreview", &schedule_preview);
  emscripten::function("heapInUse", &heap_in_use);
  emscripten::function("settingsSchema", &settings_schema_js);
  emscripten::function("limits", &limits);
  emscripten::function("timetable", &timetable_js);
  emscripten::function("lrFindSettings", &lr_find_settings_js);
  emscripten::function("lrFind", &lr_find_js);
  emscripten::function("checkLrFindSettings", &check_lr_find_settings);
  emscripten::function("lessonLine", &lesson_line_js);
  emscripten::function("scheduleExpression", &schedule_expression_js);
  emscripten::function("scheduleForm", &schedule_form_js);
  emscripten::function("schedulePython", &schedule_python_js);
  emscripten::function("doubleText", &double_text);
  emscripten::function("floatText", &float_text);
}
