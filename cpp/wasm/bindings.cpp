// The page's view of the core: registers the Trainer and the core's functions with Embind, reads
// JS settings into C++ and turns C++ errors into JS Errors; records_js.cpp and record_batch.cpp
// turn C++ records into JS objects. With them, the only files that include Emscripten. No logic
// lives here.
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <algorithm>
#include <memory>
#include <string>

#include "config.hpp"
#include "dataset.hpp"
#include "format.hpp"
#include "lr_find.hpp"
#include "make_scheduler.hpp"
#include "record_batch.hpp"
#include "records_js.hpp"
#include "schedule_text.hpp"
#include "text.hpp"
#include "trainer.hpp"

using emscripten::val;

namespace lrplay {
namespace {

// With -fexceptions, a C++ exception that reaches JS arrives as a bare number (a pointer into the
// wasm heap) with no message, and its memory leaks. So every entry point catches and rethrows a
// real JS Error once the C++ frames have unwound.
// A ConfigError's setting goes with it as the Error's `setting` property: the page marks that field
// without reading the message.
struct Refusal {
  std::string message;
  std::string setting;  // empty when the refusal is about no one setting
};

Refusal refusal_of(const std::exception& e) {
  const auto* config = dynamic_cast<const ConfigError*>(&e);
  return {e.what(), config ? config->setting : std::string()};
}

[[noreturn]] void throw_js_error(const Refusal& refusal) {
  val error = val::global("Error").new_(refusal.message);
  if (!refusal.setting.empty()) error.set("setting", refusal.setting);
  error.throw_();
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
      throw ConfigError(key, key + " must be a number, a string or a boolean, not " + type);
    }
    set_option(config, key, text);
  }
  validate(config);
  return config;
}

class WasmTrainer {
 public:
  WasmTrainer(const TrainerConfig& config, const Dataset& data) : trainer_(config, data) {}

  // Up to n epochs (n >= 1) as one RecordBatch (record_batch.hpp), stopping after the run's last
  // epoch or a divergence: one call into wasm for all of them. Stepping a run that is over throws.
  val run(int n) {
    Refusal error;
    try {
      RecordBatch batch(std::min(n, trainer_.config().epochs - trainer_.epoch()));
      for (int i = 0; i < n; ++i) {
        const EpochRecord& r = trainer_.step();
        batch.add(r, trainer_);
        if (r.diverged || trainer_.finished()) break;
      }
      return batch.to_js();
    } catch (const std::exception& e) {
      error = refusal_of(e);
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

  val history() const { return history_to_js(trainer_.history()); }

  // The run's timetable: its settings with its own batch count.
  val timetable() const { return timetable_to_js(trainer_.config(), trainer_.batches_per_epoch()); }

  val scheduler_state() const { return to_js(trainer_.scheduler_state(), trainer_.config()); }

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
  int majority_class() const { return trainer_.majority_class(); }
  int majority_correct() const { return trainer_.majority_correct(); }

 private:
  Trainer trainer_;
};

// The CSV comes as a val, not a std::string: Embind frees a string argument's copy only when the
// call returns, so every refused Trainer leaked the whole data set (and the name). `source` names
// the data in the core's messages (the uploaded file's name, or the data set's).
WasmTrainer* make_trainer(const val& settings, const val& csv, const val& source) {
  Refusal error;
  try {
    return new WasmTrainer(config_from_js(settings),
                           parse_csv(csv.as<std::string>(), source.as<std::string>()));
  } catch (const std::exception& e) {
    error = refusal_of(e);
  }
  throw_js_error(error);
}

// { rows, features, classes, classNames, classColumnHoldsNames, classNote } of a CSV as the loader
// reads it, or a JS Error with the loader's message (the source, line and column, what is wrong and
// what is accepted). The CSV and its name are vals for the reason make_trainer's are.
val dataset_info(const val& csv, const val& source) {
  Refusal error;
  try {
    const Dataset data = parse_csv(csv.as<std::string>(), source.as<std::string>());
    val out = val::object();
    out.set("rows", data.num_samples());
    out.set("features", data.num_features());
    out.set("classes", data.num_classes);
    out.set("classNames", val::array(data.class_names));  // [] when nothing names the classes
    out.set("classColumnHoldsNames", data.class_column_holds_names);
    out.set("classNote", data.class_note);
    return out;
  } catch (const std::exception& e) {
    error = refusal_of(e);
  }
  throw_js_error(error);
}

// The settings as the core understands them (defaults filled in), or a JS Error naming the bad one.
val normalize_settings(const val& settings) {
  Refusal error;
  try {
    const TrainerConfig config = config_from_js(settings);
    val out = val::object();
    for (const auto& key : setting_names()) out.set(key, get_option(config, key));
    return out;
  } catch (const std::exception& e) {
    error = refusal_of(e);
  }
  throw_js_error(error);
}

// The learning rate after each of metrics.length scheduler steps, for previews. Only plateau reads
// the metric values.
val schedule_preview(const val& settings, const val& metrics) {
  Refusal error;
  try {
    const TrainerConfig config = config_from_js(settings);
    const auto values = emscripten::convertJSArrayToNumberVector<double>(metrics);
    auto scheduler = make_scheduler(config);
    std::vector<double> lrs;
    for (double metric : values) lrs.push_back(scheduler->step(metric).lr_after);
    return float64_array(lrs);
  } catch (const std::exception& e) {
    error = refusal_of(e);
  }
  throw_js_error(error);
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
  Refusal error;
  try {
    lr_find_options_from_js(range);
    return;
  } catch (const std::exception& e) {
    error = refusal_of(e);
  }
  throw_js_error(error);
}

// The LR range test (lrplay lr-find) on the run's settings and data (records_js.hpp's result).
// `range` holds the range test's own settings (values as text or numbers; missing ones keep their
// defaults). The CSV is a val for the reason make_trainer's is.
val lr_find_js(const val& settings, const val& range, const val& csv) {
  Refusal error;
  try {
    // Before the data: a bad range setting is named first, as the CLI does.
    const LrFindOptions options = lr_find_options_from_js(range);
    const LrFindResult result =
        lr_find(config_from_js(settings), parse_csv(csv.as<std::string>(), "the data"), options);
    val out = to_js(result);
    // Without a suggestion, the core's sentence saying why (the CLI's "# No suggestion: ..."), so
    // the page repeats none of suggest_lr()'s counts; null with one.
    out.set("noSuggestion", result.has_suggestion ? val::null() : val(result.no_suggestion));
    return out;
  } catch (const std::exception& e) {
    error = refusal_of(e);
  }
  throw_js_error(error);
}

// The settings' scheduler as a PyTorch expression (the page's "PyTorch line"; "" for none).
std::string schedule_expression_js(const val& settings) {
  Refusal error;
  try {
    return schedule_expression(config_from_js(settings));
  } catch (const std::exception& e) {
    error = refusal_of(e);
  }
  throw_js_error(error);
}

// { choice: PyTorch class } for every --scheduler choice but none ({ step: "StepLR", ... }).
val scheduler_classes_js() {
  val out = val::object();
  for (const auto& [choice, cls] : scheduler_classes()) out.set(choice, cls);
  return out;
}

// What an expression is in the form's terms (records_js.hpp); a JS Error "schedule: column N: ..."
// for a bad expression.
val schedule_form_js(const std::string& text) {
  Refusal error;
  try {
    return to_js(schedule_form(text));
  } catch (const std::exception& e) {
    error = refusal_of(e);
  }
  throw_js_error(error);
}

// The settings' scheduler as Python with `optimizer` inserted (the generated script's line);
// OneCycleLR's missing total_steps is `runStepsCode`.
std::string schedule_python_js(const val& settings, const std::string& run_steps_code) {
  Refusal error;
  try {
    return schedule_python(config_from_js(settings), run_steps_code);
  } catch (const std::exception& e) {
    error = refusal_of(e);
  }
  throw_js_error(error);
}

// Bytes malloc has handed out and not taken back: lets tests prove that nothing leaks.
int heap_in_use() { return static_cast<int>(mallinfo().uordblks); }

}  // namespace
}  // namespace lrplay

EMSCRIPTEN_BINDINGS(lrplay) {
  using namespace lrplay;
  emscripten::class_<WasmTrainer>("Trainer")
      .constructor(&make_trainer, emscripten::allow_raw_pointers())
      .function("run", &WasmTrainer::run)
      .function("reset", &WasmTrainer::reset)
      .function("history", &WasmTrainer::history)
      .function("timetable", &WasmTrainer::timetable)
      .function("schedulerState", &WasmTrainer::scheduler_state)
      .function("csv", &WasmTrainer::csv)
      .property("epoch", &WasmTrainer::epoch)
      .property("epochs", &WasmTrainer::epochs)
      .property("finished", &WasmTrainer::finished)
      .property("divergedAt", &WasmTrainer::diverged_at)
      .property("lr", &WasmTrainer::lr)
      .property("trainSize", &WasmTrainer::train_size)
      .property("valSize", &WasmTrainer::val_size)
      .property("majorityClass", &WasmTrainer::majority_class)
      .property("majorityCorrect", &WasmTrainer::majority_correct)
      .property("batchesPerEpoch", &WasmTrainer::batches_per_epoch)
      .property("cyclesMomentum", &WasmTrainer::cycles_momentum)
      .property("momentumName", &WasmTrainer::momentum_name);
  emscripten::function("normalizeSettings", &normalize_settings);
  emscripten::function("datasetInfo", &dataset_info);
  emscripten::function("schedulePreview", &schedule_preview);
  emscripten::function("heapInUse", &heap_in_use);
  emscripten::function("settingsSchema", &settings_schema_to_js);
  emscripten::function("limits", &limits_to_js);
  emscripten::function("recordLayout", &record_layout_to_js);
  emscripten::function("lrFindSettings", &lr_find_settings_to_js);
  emscripten::function("lrFind", &lr_find_js);
  emscripten::function("checkLrFindSettings", &check_lr_find_settings);
  emscripten::function("scheduleExpression", &schedule_expression_js);
  emscripten::function("scheduleForm", &schedule_form_js);
  emscripten::function("schedulerClasses", &scheduler_classes_js);
  emscripten::function("schedulePython", &schedule_python_js);
  // The core's count text, bound as is: the page's formatCount is held to it (wasm.test).
  emscripten::function("countText", &count_text);
}
