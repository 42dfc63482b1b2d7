// RecordBatch: epochs of one run as rows of numbers and sparse texts (see record_batch.hpp).
#include "record_batch.hpp"

#include <emscripten/em_js.h>
#include <emscripten/em_macros.h>

#include <algorithm>
#include <array>

#include "format.hpp"
#include "timetable.hpp"

using emscripten::val;

namespace lrplay {
namespace {

// The names the page reads RecordColumn, RecordFlag and RecordText by (the EpochRecord members
// they fill, web/src/model/records.js).
constexpr std::array<const char*, kRecordColumns> kColumnNames = {
    "epoch",        "trainLoss",       "valLoss",  "valAcc",    "lrUsed",  "lr",
    "flags",        "momentum",        "lastEpoch", "best",     "numBadEpochs",
    "cooldownCounter", "cutEpoch",     "threshold", "stepLrs",  "stepMomenta"};
constexpr std::array<std::pair<const char*, int>, 5> kFlagNames = {{{"lrChanged", kFlagLrChanged},
                                                                    {"diverged", kFlagDiverged},
                                                                    {"outlook", kFlagOutlook},
                                                                    {"threshold", kFlagThreshold},
                                                                    {"momentum", kFlagMomentum}}};
constexpr std::array<const char*, 4> kTextNames = {"reason", "actor", "lessonLine", "message"};

}  // namespace

// The batch's arrays copied out of the heap (a view into it dies when the heap grows) and the
// texts decoded, in one call into JS: with val, each would be several crossings (records_js.cpp).
EM_JS(emscripten::EM_VAL, lrplay_record_batch_js,
      (int rows, const double* numbers, int width, const double* steps, int steps_count,
       const int32_t* texts, int texts_count, const char* text_bytes),
      {
        var first = numbers >> 3;
        var texts_out = [];
        for (var i = 0; i < texts_count; i++) {
          var at = (texts >> 2) + 3 * i;
          texts_out.push(HEAP32[at], HEAP32[at + 1], UTF8ToString(text_bytes + HEAP32[at + 2]));
        }
        return Emval.toHandle({
          rows : rows,
          numbers : HEAPF64.slice(first, first + rows * width),
          steps : HEAPF64.slice(steps >> 3, (steps >> 3) + steps_count),
          texts : texts_out
        });
      });

RecordBatch::RecordBatch(int epochs_expected) {
  numbers_.reserve(static_cast<size_t>(std::max(epochs_expected, 0)) * kRecordColumns);
}

void RecordBatch::add_text(int row, RecordText which, const std::string& text) {
  texts_.insert(texts_.end(), {row, which, static_cast<int32_t>(text_bytes_.size())});
  text_bytes_ += text;
  text_bytes_ += '\0';
}

void RecordBatch::add(const EpochRecord& r, const Trainer& trainer) {
  const int row = rows_++;
  const TrainerConfig& c = trainer.config();
  const SchedulerState s = trainer.scheduler_state();
  const bool plateau = c.scheduler == SchedulerKind::kPlateau;
  const PlateauOutlook outlook = plateau ? plateau_outlook(c, s) : PlateauOutlook{};
  const bool momentum = trainer.cycles_momentum();
  const int flags = (r.event.changed() ? kFlagLrChanged : 0) | (r.diverged ? kFlagDiverged : 0) |
                    (plateau ? kFlagOutlook : 0) | (outlook.has_threshold ? kFlagThreshold : 0) |
                    (momentum ? kFlagMomentum : 0);
  numbers_.insert(numbers_.end(),
                  {static_cast<double>(r.epoch), r.train_loss, r.val_loss, r.val_acc, r.lr_used,
                   r.lr, static_cast<double>(flags), r.event.momentum_after,
                   static_cast<double>(s.last_epoch), s.best, static_cast<double>(s.num_bad_epochs),
                   static_cast<double>(s.cooldown_counter), static_cast<double>(outlook.cut_epoch),
                   outlook.threshold, static_cast<double>(r.step_lrs.size()),
                   static_cast<double>(r.step_momenta.size())});
  steps_.insert(steps_.end(), r.step_lrs.begin(), r.step_lrs.end());
  steps_.insert(steps_.end(), r.step_momenta.begin(), r.step_momenta.end());
  if (r.diverged) {
    add_text(row, kTextMessage, trainer.divergence_message());
    return;
  }
  if (row == 0 || r.event.actor != last_actor_) {
    add_text(row, kTextActor, r.event.actor);
    last_actor_ = r.event.actor;
  }
  if (!r.event.reason.empty()) add_text(row, kTextReason, r.event.reason);
  if (lesson_prints(r.epoch)) add_text(row, kTextLessonLine, lesson_line(r.epoch, c.epochs, r.lr));
}

val RecordBatch::to_js() const {
  return val::take_ownership(lrplay_record_batch_js(
      rows_, numbers_.data(), kRecordColumns, steps_.data(), static_cast<int>(steps_.size()),
      texts_.data(), static_cast<int>(texts_.size() / 3), text_bytes_.data()));
}

val record_layout_to_js() {
  val columns = val::object(), flags = val::object(), texts = val::array();
  for (int i = 0; i < kRecordColumns; ++i) columns.set(kColumnNames[i], i);
  for (const auto& [name, bit] : kFlagNames) flags.set(name, bit);
  for (const char* name : kTextNames) texts.call<void>("push", std::string(name));
  val out = val::object();
  out.set("width", static_cast<int>(kRecordColumns));
  out.set("columns", columns);
  out.set("flags", flags);
  out.set("texts", texts);
  return out;
}

}  // namespace lrplay
