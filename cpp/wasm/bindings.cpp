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
#include "trainer.hpp"

using emscripten::val;

namespace lrplay {
namespace {

// A C++ exception reaching JS is a bare pointer with no message (TOOLCHAIN.md, quirk 6), so every
// entry point catches and rethrows a real JS Error once the C++ frames have unwound.
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

val record_to_js(const EpochRecord& r) {
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
  out.set("diverged", false);
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

  // One epoch. A diverging epoch returns { epoch, diverged: true, message } instead of a record.
  val step() {
    std::string error;
    try {
      val record = record_to_js(trainer_.step());
      // The page shows the scheduler's state every epoch: one crossing into wasm brings both.
      record.set("schedulerState", scheduler_state());
      return record;
    } catch (const TrainingError& e) {
      if (trainer_.diverged_at() > 0 && trainer_.epoch() + 1 == trainer_.diverged_at() &&
          !reported_divergence_) {
        reported_divergence_ = true;
        val out = val::object();
        out.set("epoch", trainer_.diverged_at());
        out.set("diverged", true);
        out.set("message", std::string(e.what()));
        return out;
      }
      error = e.what();
    } catch (const std::exception& e) {
      error = e.what();
    }
    throw_js_error(error);
  }

  void reset() {
    trainer_.reset();
    reported_divergence_ = false;
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

  val record(int epoch) const {
    if (epoch < 1 || epoch > trainer_.epoch()) {
      throw_js_error("epoch " + std::to_string(epoch) + " has not been trained yet");
    }
    return record_to_js(trainer_.history()[epoch - 1]);
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
  int val_size() const { return trainer_.val_size(); }

 private:
  Trainer trainer_;
  bool reported_divergence_ = false;
};

WasmTrainer* make_trainer(const val& settings, const std::string& csv) {
  std::string error;
  try {
    return new WasmTrainer(config_from_js(settings), parse_csv(csv, "the data"));
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
      .function("record", &WasmTrainer::record)
      .function("schedulerState", &WasmTrainer::scheduler_state)
      .function("lessonLine", &WasmTrainer::lesson_line)
      .property("epoch", &WasmTrainer::epoch)
      .property("epochs", &WasmTrainer::epochs)
      .property("finished", &WasmTrainer::finished)
      .property("divergedAt", &WasmTrainer::diverged_at)
      .property("lr", &WasmTrainer::lr)
      .property("trainSize", &WasmTrainer::train_size)
      .property("valSize", &WasmTrainer::val_size);
  emscripten::function("normalizeSettings", &normalize_settings);
  emscripten::function("schedulePreview", &schedule_preview);
  emscripten::function("heapInUse", &heap_in_use);
}
