// Epochs of one run in the flat layout the page's worker posts (web/src/engine/record-batch.js
// turns them back into the EpochRecords of web/src/model/records.js): one row of numbers per epoch
// in a Float64Array, the texts apart and only where they say something. Conversion only: every
// number and text is the core's. Why not one JS object per epoch: docs/wasm-speed.md ("The
// records' cost").
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trainer.hpp"

namespace lrplay {

// The numbers of a row, in order (record_layout_to_js names them for the page).
enum RecordColumn : int {
  kColEpoch,
  kColTrainLoss,
  kColValLoss,
  kColValAcc,
  kColLrUsed,
  kColLr,
  kColFlags,  // RecordFlag bits
  kColEvent,  // the scheduler event's EventKind, named by record_layout_to_js's `events`
  kColMomentum,
  kColLastEpoch,  // the scheduler's state after the epoch
  kColBest,       // NaN until finite
  kColNumBadEpochs,
  kColCooldownCounter,
  kColCutEpoch,   // ReduceLROnPlateau's outlook (kFlagOutlook)
  kColThreshold,  // (kFlagThreshold)
  kColStepLrs,    // how many of the batch's step values are this row's stepLrs, then stepMomenta
  kColStepMomenta,
  kColDiscreteEvents,  // EpochRecord::discrete_events
  kRecordColumns
};

enum RecordFlag : int {
  kFlagLrChanged = 1 << 0,
  kFlagDiverged = 1 << 1,
  kFlagOutlook = 1 << 2,    // a ReduceLROnPlateau run: the row has its outlook
  kFlagThreshold = 1 << 3,  // the outlook has a threshold (a finite best)
  kFlagMomentum = 1 << 4,   // the scheduler cycles the momentum: kColMomentum is the record's
  kFlagExploding = 1 << 5,  // EpochRecord::exploding
};

// Which member a text is. The actors, one text each, are sent on a batch's first row and where
// they change (at a SequentialLR milestone, or as a ChainedScheduler's children start or stop
// moving the rate); a reason only when not empty, and with a change of the rate the reason as said
// after its epoch (reason_after_epoch); the lesson's line on the epochs it prints; the message on
// a diverged row.
enum RecordText : int {
  kTextReason,
  kTextReasonAfterEpoch,
  kTextActor,
  kTextLessonLine,
  kTextMessage
};

class RecordBatch {
 public:
  explicit RecordBatch(int epochs_expected);
  // The trainer's latest record with what the page shows beside it (the scheduler's state, the
  // plateau outlook, the lesson's line, the divergence's message).
  void add(const EpochRecord& record, const Trainer& trainer);
  // { rows, numbers: Float64Array (rows x kRecordColumns), steps: Float64Array, texts: [row,
  // RecordText, text, ...] }, copied out of the wasm heap in one call into JS.
  emscripten::val to_js() const;

 private:
  void add_text(int row, RecordText which, std::string_view text);

  int rows_ = 0;
  std::vector<double> numbers_;
  std::vector<double> steps_;
  std::vector<int32_t> texts_;  // (row, RecordText, offset into text_bytes_) triples
  std::string text_bytes_;      // the texts, each ended by a NUL
  Actors last_actors_;
};

// { width, columns: { epoch: 0, ... }, flags: { lrChanged: 1, ... }, texts: ['reason', ...],
// events: ['none', ...], explodingFactor }: the layout's names, which the page reads the rows by
// (events: the EventKinds, scheduler.hpp, by value), and the factor behind the exploding flag
// (kExplodingFactor), which the page's words for it quote.
emscripten::val record_layout_to_js();

}  // namespace lrplay
