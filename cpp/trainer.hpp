// One training run of the lesson's loop, stepped one epoch at a time: the unit the CLI and the page
// drive. Owns the split data, the model, the optimizer, the mini-batch order and the scheduler;
// knows nothing of output formats.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "config.hpp"
#include "data_loader.hpp"
#include "dataset.hpp"
#include "make_scheduler.hpp"
#include "mlp.hpp"
#include "optimizer.hpp"

namespace lrplay {

// An epoch whose training loss is over this many times epoch 1's is flagged as exploding (it may
// still come back down); the page shades the charts from there and says so in its status line.
constexpr double kExplodingFactor = 100;

struct EpochRecord {
  int epoch = 0;  // 1-based
  // The loss the optimizer stepped on (before the update); with mini-batches, the mean over the
  // epoch's batches weighted by their sizes, summed in double.
  float train_loss = 0;
  float val_loss = 0;  // after the update, as model.eval() under torch.no_grad()
  float val_acc = 0;
  double lr_used = 0;  // the rate this epoch trained with
  double lr = 0;       // param_groups[0]["lr"] after scheduler.step(): what the lesson prints
  SchedulerEvent event;
  // The discrete events (EventKind: cuts, restarts, hand-overs) of this epoch's scheduler steps:
  // 1 or 0 stepped per epoch; stepped per batch, as many as its steps made (StepLR with step_size
  // 10 cuts 4 times in 45 batches), which event says as one change from lr_used to lr.
  int discrete_events = 0;
  // With mini-batches and a scheduler stepped per batch (batch_size > 0, scheduler_step batch), one
  // entry per optimizer step of the epoch, in order: param_groups[0]["lr"] after that step's
  // scheduler.step(), i.e. the rate the next batch trains with (batch b trained with lr_used for
  // b = 0, else step_lrs[b - 1]; the last entry is lr). Empty otherwise: the rate then only changes
  // between epochs, and lr_used / lr say it all.
  std::vector<double> step_lrs;
  // The same for SGD's momentum or Adam's beta1 (param_groups[0]["momentum"] / ["betas"][0]), only
  // when the scheduler cycles it (CyclicLR, OneCycleLR with cycle_momentum); else empty. The value
  // after the epoch's last step is event.momentum_after.
  std::vector<double> step_momenta;
  // The loss stopped being finite this epoch: the run stops here (the losses are not finite, the
  // rate is unchanged, the record is not in history()).
  bool diverged = false;
  // train_loss > kExplodingFactor x epoch 1's train_loss (compared in double); never epoch 1's.
  bool exploding = false;
};

// Thrown by step() when it is called again after the run finished or diverged.
struct TrainingError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Trainer {
 public:
  // Splits and (optionally) standardizes `data`; throws ConfigError for an invalid config, and for
  // data too small to split at the config's test_size (naming test_size).
  Trainer(const TrainerConfig& config, const Dataset& data);

  // One epoch: one optimizer step on the whole training split (batch_size 0, the lesson) or one per
  // mini-batch in the DataLoader's shuffled order, evaluation on the validation split, then
  // scheduler.step() with the monitored metric. A non-finite loss ends the run: the record says
  // so (diverged) and diverged_at() is its epoch.
  const EpochRecord& step();

  // "training diverged at epoch N: ..." once the run diverged, else "".
  std::string divergence_message() const;

  // Back to epoch 0 with the same initial weights.
  void reset();

  // The LR range test's step (lr_find.hpp): the DataLoader's next batch (a new shuffled pass when
  // one is used up, as torch-lr-finder's TrainDataLoaderIter does; the whole training split for
  // batch_size 0) trained at `lr`, without a scheduler step and outside history(). Returns the
  // batch's loss before the update; a non-finite loss takes no step.
  float train_next_batch(double lr);

  const std::vector<EpochRecord>& history() const { return history_; }
  int epoch() const { return static_cast<int>(history_.size()); }
  bool finished() const { return epoch() >= config_.epochs; }
  int diverged_at() const { return diverged_at_; }  // 0 while the run is healthy
  // optimizer.step() calls so far: one per epoch, or one per mini-batch. A scheduler stepped per
  // batch (scheduler.step() after each optimizer.step()) steps this many times.
  long optimizer_steps() const { return optimizer_steps_; }
  // Optimizer steps per epoch: 1 for the full batch, else the DataLoader's batch count.
  int batches_per_epoch() const { return batches_ ? batches_->num_batches() : 1; }
  // The scheduler writes SGD's momentum or Adam's beta1 (CyclicLR, OneCycleLR with cycle_momentum).
  bool cycles_momentum() const { return scheduler_->root().cycles_momentum(); }
  // "momentum" (SGD) or "beta1" (Adam, AdamW): the name of what cycles_momentum() cycles.
  const char* momentum_name() const;
  double lr() const { return optimizer_->lr(); }
  SchedulerState scheduler_state() const { return scheduler_->state(); }
  // What one scheduler step is: an epoch, or an optimizer step when stepped per batch.
  StepUnit step_unit() const { return scheduler_->step_unit(); }
  const TrainerConfig& config() const { return config_; }
  int train_size() const { return train_.num_samples(); }
  int val_size() const { return val_.num_samples(); }
  // The training split's most common class (of a tie, the lowest, as argmax picks): what a model
  // that has learnt only the class proportions always names.
  int majority_class() const;
  // The validation samples of majority_class(): what that model gets right (the lesson's wines:
  // 14 of 36, the 38.9% its raw-feature runs end at).
  int majority_correct() const;

 private:
  TrainerConfig config_;
  Dataset train_, val_;
  MLP model_;
  // Trains on one batch: forward, loss, backward, optimizer.step(). Returns the batch's loss; a
  // non-finite loss takes no step.
  float train_batch(const Matrix& x, const std::vector<int>& y);
  // Hands a scheduler step's rate and momentum (or beta1) to the optimizer.
  void apply(const SchedulerEvent& event);
  // Stepped per batch: the epoch's event, from its steps' (what the record shows).
  SchedulerEvent batch_epoch_event(double lr_used);
  // Stepped per batch: says a discrete step's reason and moves the event to epoch_events_.
  void keep_discrete(SchedulerEvent& event);

  // torch's global generator: the model's initialization, then each epoch's shuffle.
  TorchGenerator generator_{0};
  std::unique_ptr<Optimizer> optimizer_;
  std::unique_ptr<ShuffledBatches> batches_;  // null for batch_size 0
  int next_batch_ = 0;                        // train_next_batch's place in the current pass
  Matrix batch_x_;
  std::vector<int> batch_y_;
  std::unique_ptr<LrSchedule> scheduler_;
  SchedulerEvent last_event_;  // the scheduler's latest step, stepped per batch
  // Stepped per batch: the epoch's first step of the strongest kind so far, whose kind and actors
  // are the epoch record's (a StepLR cut inside an epoch is that epoch's event).
  SchedulerEvent epoch_decider_;
  bool epoch_decided_ = false;
  // Stepped per batch: the epoch's discrete events that say why, in order (epoch_reason()), and
  // how many discrete events it had.
  std::vector<SchedulerEvent> epoch_events_;
  int epoch_discrete_events_ = 0;
  // Where train_batch() writes the per-step rates and momenta of the epoch being trained (null
  // outside step() or when they are not recorded).
  EpochRecord* recording_ = nullptr;
  std::vector<EpochRecord> history_;
  EpochRecord diverged_record_;
  int diverged_at_ = 0;
  long optimizer_steps_ = 0;
  Matrix grad_logits_;
};

// The configured optimizer (Adam, AdamW or SGD) over num_params parameters.
std::unique_ptr<Optimizer> make_optimizer(const TrainerConfig& config, Eigen::Index num_params);

// Per-feature (x - mean) / std with the training split's mean and population std, in double.
// A constant feature keeps a scale of 1, as sklearn's StandardScaler does.
void standardize(Dataset& train, Dataset& val);

}  // namespace lrplay
