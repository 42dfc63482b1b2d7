// RecordBatch: epochs of one run as rows of numbers and sparse texts (see record_batch.hpp).
#include "record_batch.hpp"

#include <emscripten/em_js.h>
#include <emscripten/em_macros.h>

#include <algorithm>

#include "format.hpp"
#include "timetable.hpp"

using emscripten::val;

namespace lrplay {
namespace {

// The names the page reads RecordColumn, RecordFlag (bit i: the i-th name) and RecordText by, in
// their order (the EpochRecord members they fill, web/src/model/records.js).
constexpr const char* kColumnNames =
    "epoch trainLoss valLoss valAcc lrUsed lr flags event momentum lastEpoch best numBadEpochs "
    "cooldownCounter cutEpoch threshold stepLrs stepMomenta discreteEvents";
constexpr const char* kFlagNames = "lrChanged diverged outlook threshold momentum exploding";
constexpr const char* kTextNames = "reason reasonAfterEpoch actor lessonLine message";
// EventKind's values in order (the record's `event`, read by web/src/model/events.js).
constexpr const char* kEventNames =
    "none skippedCut continuous discrete restart handOver warmUpEnd";

constexpr int words(const char* names) {
  int n = 1;
  for (; *names; ++names) n += *names == ' ';
  return n;
}
static_assert(words(kColumnNames) == kRecordColumns && words(kFlagNames) == 6 &&
                  words(kTextNames) == kTextMessage + 1 && words(kEventNames) == kEventKinds,
              "a name for every column, flag, text and event kind, in order");

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

void RecordBatch::add_text(int row, RecordText which, std::string_view text) {
  for (int32_t value : {row, static_cast<int32_t>(which), static_cast<int32_t>(text_bytes_.size())})
    texts_.push_back(value);
  text_bytes_ += text;
  text_bytes_ += '\0';
}

void RecordBatch::add(const EpochRecord& r, const Trainer& trainer) {
  const int row = rows_++;
  const TrainerConfig& c = trainer.config();
  const SchedulerState s = trainer.scheduler_state();
  const bool plateau = c.scheduler == SchedulerKind::kPlateau;
  const PlateauOutlook outlook = plateau ? plateau_outlook(c, s) : PlateauOutlook{};
  const bool cycles = trainer.cycles_momentum();
  const int flags = (r.event.changed() ? kFlagLrChanged : 0) | (r.diverged ? kFlagDiverged : 0) |
                    (plateau ? kFlagOutlook : 0) | (outlook.has_threshold ? kFlagThreshold : 0) |
                    (cycles ? kFlagMomentum : 0) | (r.exploding ? kFlagExploding : 0);
  numbers_.resize(numbers_.size() + kRecordColumns);
  double* out = numbers_.data() + numbers_.size() - kRecordColumns;
  out[kColEpoch] = r.epoch;
  out[kColTrainLoss] = r.train_loss;
  out[kColValLoss] = r.val_loss;
  out[kColValAcc] = r.val_acc;
  out[kColLrUsed] = r.lr_used;
  out[kColLr] = r.lr;
  out[kColFlags] = flags;
  out[kColEvent] = static_cast<int>(r.event.kind);
  out[kColMomentum] = r.event.momentum_after;
  out[kColLastEpoch] = s.last_epoch;
  out[kColBest] = s.best;
  out[kColNumBadEpochs] = s.num_bad_epochs;
  out[kColCooldownCounter] = s.cooldown_counter;
  out[kColCutEpoch] = outlook.cut_epoch;
  out[kColThreshold] = outlook.threshold;
  out[kColStepLrs] = static_cast<double>(r.step_lrs.size());
  out[kColStepMomenta] = static_cast<double>(r.step_momenta.size());
  out[kColDiscreteEvents] = r.discrete_events;
  for (double lr : r.step_lrs) steps_.push_back(lr);
  for (double m : r.step_momenta) steps_.push_back(m);
  if (r.diverged) {
    add_text(row, kTextMessage, trainer.divergence_message());
    return;
  }
  if (row == 0 || r.event.actors != last_actors_) {
    for (std::size_t i = 0; i < r.event.actors.size(); ++i) {
      add_text(row, kTextActor, r.event.actors[i]);
    }
    last_actors_ = r.event.actors;
  }
  if (!r.event.reason.empty()) {
    add_text(row, kTextReason, r.event.reason);
    if (r.event.changed()) {
      add_text(row, kTextReasonAfterEpoch, reason_after_epoch(r.event, trainer.step_unit()));
    }
  }
  if (lesson_prints(r.epoch)) add_text(row, kTextLessonLine, lesson_line(r.epoch, c.epochs, r.lr));
}

val RecordBatch::to_js() const {
  return val::take_ownership(lrplay_record_batch_js(
      rows_, numbers_.data(), kRecordColumns, steps_.data(), static_cast<int>(steps_.size()),
      texts_.data(), static_cast<int>(texts_.size() / 3), text_bytes_.data()));
}

// record_layout_to_js's object from the names (above), in one call into JS.
EM_JS(emscripten::EM_VAL, lrplay_record_layout_js,
      (const char* columns, const char* flags, const char* texts, const char* events,
       double exploding_factor),
      {
        var index = function(names, value) {
          var out = {};
          UTF8ToString(names).split(' ').forEach(function(name, i) { out[name] = value(i); });
          return out;
        };
        var column_names = UTF8ToString(columns).split(' ');
        return Emval.toHandle({
          width : column_names.length,
          columns : index(
              columns, function(i) { return i; }),
          flags : index(
              flags, function(i) { return 1 << i; }),
          texts : UTF8ToString(texts).split(' '),
          events : UTF8ToString(events).split(' '),
          explodingFactor : exploding_factor
        });
      });

val record_layout_to_js() {
  return val::take_ownership(
      lrplay_record_layout_js(kColumnNames, kFlagNames, kTextNames, kEventNames, kExplodingFactor));
}

}  // namespace lrplay
