#include "trainer.hpp"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "adam.hpp"
#include "cold.hpp"
#include "loss.hpp"
#include "sgd.hpp"
#include "split.hpp"
#include "text.hpp"

namespace lrplay {
namespace {

std::vector<int> layer_sizes(const TrainerConfig& config, const Dataset& data) {
  std::vector<int> sizes = {data.num_features()};
  sizes.insert(sizes.end(), config.hidden.begin(), config.hidden.end());
  sizes.push_back(data.num_classes);
  return sizes;
}

const TrainerConfig& validated(const TrainerConfig& config) {
  validate(config);
  return config;
}

std::string diverged_text(int epoch) {
  return "training diverged at epoch " + std::to_string(epoch) +
         ": the loss is no longer a finite number; reset to start again";
}

}  // namespace

LRPLAY_COLD std::unique_ptr<Optimizer> make_optimizer(const TrainerConfig& config,
                                                      Eigen::Index num_params) {
  if (config.optimizer == OptimizerKind::kSgd) {
    SgdOptions sgd;
    sgd.lr = config.adam.lr;
    sgd.momentum = config.momentum;
    sgd.dampening = config.dampening;
    sgd.weight_decay = config.adam.weight_decay;
    sgd.nesterov = config.nesterov;
    return std::make_unique<Sgd>(sgd, num_params);
  }
  AdamOptions adam = config.adam;
  adam.decoupled_weight_decay = config.optimizer == OptimizerKind::kAdamW;
  return std::make_unique<Adam>(adam, num_params);
}

namespace {

// The mean and the population variance of n values, each sum in double over the values in order:
// the same order in every build. (Eigen's rowwise().mean() summed in order in the wasm, which has
// no Eigen packets, but natively added the columns in groups of four, ((a + b) + (c + d)), for the
// rows its SIMD packets covered: the two builds' standardized data could part.)
LRPLAY_COLD std::pair<double, double> mean_and_variance(const float* v, Eigen::Index n) {
  if (n == 0) return {0.0, 0.0};  // never: the split leaves a sample to train on
  double sum = v[0];
  for (Eigen::Index i = 1; i < n; ++i) sum += v[i];
  const double mean = sum / static_cast<double>(n);
  const double d0 = v[0] - mean;
  double squares = d0 * d0;
  for (Eigen::Index i = 1; i < n; ++i) {
    const double d = v[i] - mean;
    squares += d * d;
  }
  return {mean, squares / static_cast<double>(n)};
}

}  // namespace

LRPLAY_COLD void standardize(Dataset& train, Dataset& val) {
  // (features x samples), each feature's values contiguous
  const Eigen::Index features = train.x.rows(), n = train.x.cols();
  Eigen::VectorXd mean(features), scale(features);
  for (Eigen::Index f = 0; f < features; ++f) {
    const auto [m, variance] = mean_and_variance(train.x.row(f).data(), n);
    mean(f) = m;
    scale(f) = variance == 0.0 ? 1.0 : std::sqrt(variance);
  }
  for (Dataset* d : {&train, &val}) {
    d->x = ((d->x.cast<double>().colwise() - mean).array().colwise() / scale.array())
               .matrix()
               .cast<float>();
  }
}

LRPLAY_COLD Trainer::Trainer(const TrainerConfig& config, const Dataset& data)
    : config_(validated(config)), model_(layer_sizes(config, data)) {
  SplitIndices split;
  try {
    split = train_test_split(data.num_samples(), config.test_size, config.split_seed);
  } catch (const std::invalid_argument&) {
    // config is valid, so test_size is in (0, 1): the data is too small for it. The refusal names
    // test_size, the one setting that can fix it: a link keeps its other settings, and the page
    // marks that field whichever change (the data set, test_size) provoked it.
    const std::string source = data.source.empty() ? "the data" : data.source;
    throw ConfigError("test_size",
                      source + ": " + count_text(data.num_samples()) +
                          " rows are too few for test_size = " + shortest_text(config.test_size) +
                          " (the split would leave no training or no validation row); at least " +
                          count_text(min_samples_for_split(config.test_size)) + " rows are needed");
  }
  train_ = select_samples(data, split.train);
  val_ = select_samples(data, split.test);
  if (config.standardize) standardize(train_, val_);
  if (config.batch_size > 0) {
    batches_ = std::make_unique<ShuffledBatches>(train_.num_samples(), config.batch_size);
  }
  reset();
}

void Trainer::reset() {
  generator_ = TorchGenerator(config_.seed);  // torch.manual_seed(seed), then the model
  model_.init_like_torch(generator_);
  optimizer_ = make_optimizer(config_, model_.parameters().size());
  scheduler_ = make_scheduler(config_, optimizer_group(config_),
                              scheduler_steps(config_, batches_per_epoch()));
  // The scheduler's constructors may have written the group (LinearLR's start_factor, CyclicLR's
  // base_lr and max_momentum...): the first epoch trains with what they left.
  optimizer_->set_lr(scheduler_->group().lr);
  optimizer_->set_momentum(scheduler_->group().momentum);
  history_.clear();
  next_batch_ = batches_ ? batches_->num_batches() : 0;  // no pass drawn yet
  diverged_at_ = 0;
  optimizer_steps_ = 0;
}

float Trainer::train_batch(const Matrix& x, const std::vector<int>& y) {
  // model.train(); optimizer.zero_grad(); loss = criterion(model(x), y)
  const float loss = cross_entropy(model_.forward(x), y, &grad_logits_);
  if (std::isfinite(loss)) {
    model_.backward(grad_logits_);  // loss.backward()
    optimizer_->step(model_.parameters(), model_.gradients());
    ++optimizer_steps_;
    // scheduler.step() after every optimizer.step() (OneCycleLR, CyclicLR), before the next batch.
    if (config_.scheduler_step == SchedulerStep::kBatch) {
      // Without words: of a smooth schedule's steps only the epoch's last is read, and said
      // then (batch_epoch_event).
      last_event_ = scheduler_->step_unsaid(0.0);
      SchedulerEvent& event = last_event_;
      apply(event);
      // The first step of the strongest kind decides the epoch's kind and actors; every discrete
      // step's reason is kept for the epoch's (a StepLR cut in the epoch's 3rd step, not its last
      // step that kept the rate; each of several cuts).
      if (!epoch_decided_ || event.kind > epoch_decider_.kind) {
        epoch_decider_ = event;  // unsaid: no reason to copy
        epoch_decided_ = true;
      }
      if (is_discrete(event.kind)) keep_discrete(event);
      if (recording_) {
        recording_->step_lrs.push_back(event.lr_after);
        if (cycles_momentum()) recording_->step_momenta.push_back(event.momentum_after);
      }
    }
  }
  return loss;
}

float Trainer::train_next_batch(double lr) {
  optimizer_->set_lr(lr);
  if (!batches_) return train_batch(train_.x, train_.y);
  if (next_batch_ == batches_->num_batches()) {
    batches_->start_epoch(generator_);  // StopIteration: iter(data_loader) again
    next_batch_ = 0;
  }
  batches_->gather(next_batch_++, train_, batch_x_, batch_y_);
  return train_batch(batch_x_, batch_y_);
}

const EpochRecord& Trainer::step() {
  if (diverged_at_ > 0) throw TrainingError(diverged_text(diverged_at_));
  if (finished()) {
    throw TrainingError("the run is finished (" + count_of(config_.epochs, "epoch") +
                        "); reset to train again");
  }
  EpochRecord record;
  record.epoch = epoch() + 1;
  record.lr_used = optimizer_->lr();
  epoch_decided_ = false;
  epoch_events_.clear();
  epoch_discrete_events_ = 0;

  if (!batches_) {
    record.train_loss = train_batch(train_.x, train_.y);
  } else {
    // for xb, yb in loader: ... running += loss.item() * len(yb); then running / n_train
    batches_->start_epoch(generator_);
    if (config_.scheduler_step == SchedulerStep::kBatch) {
      record.step_lrs.reserve(batches_->num_batches());
      if (cycles_momentum()) record.step_momenta.reserve(batches_->num_batches());
      recording_ = &record;
    }
    double running = 0.0;
    for (int b = 0; b < batches_->num_batches() && std::isfinite(running); ++b) {
      batches_->gather(b, train_, batch_x_, batch_y_);
      running += static_cast<double>(train_batch(batch_x_, batch_y_)) * batches_->batch_size(b);
    }
    recording_ = nullptr;
    record.train_loss = static_cast<float>(running / train_.num_samples());
  }
  if (std::isfinite(record.train_loss)) {
    // model.eval(); with torch.no_grad(): val_loss = criterion(model(X_val), y_val)
    const Matrix& logits = model_.predict(val_.x);
    record.val_loss = cross_entropy(logits, val_.y);
    record.val_acc = accuracy(logits, val_.y);
  }
  if (!std::isfinite(record.train_loss) || !std::isfinite(record.val_loss)) {
    diverged_at_ = record.epoch;
    record.diverged = true;
    record.lr = record.lr_used;
    diverged_record_ = std::move(record);
    return diverged_record_;
  }

  double metric = record.val_loss;
  if (config_.monitor == Metric::kValAcc) metric = record.val_acc;
  if (config_.monitor == Metric::kTrainLoss) metric = record.train_loss;
  if (config_.scheduler_step == SchedulerStep::kEpoch) {
    record.event = scheduler_->step(metric);
    apply(record.event);
    record.discrete_events = is_discrete(record.event.kind) ? 1 : 0;
  } else {
    record.event = batch_epoch_event(record.lr_used);
    record.discrete_events = epoch_discrete_events_;
  }
  record.lr = record.event.lr_after;
  record.exploding = !history_.empty() && static_cast<double>(record.train_loss) >
                                              kExplodingFactor * history_.front().train_loss;
  history_.push_back(std::move(record));
  return history_.back();
}

void Trainer::apply(const SchedulerEvent& event) {
  optimizer_->set_lr(event.lr_after);
  optimizer_->set_momentum(event.momentum_after);
}

// The epoch's many steps as one change, from the rate it began with to the one it ends with, of
// the kind and actors of its deciding step. Discrete events are explained by their own steps,
// every one of them (StepLR's 4 cuts in an epoch of 45 batches, not only the first); a smooth
// schedule's epoch by its last step, which set the rate the record shows (OneCycleLR's "step 9
// of 90", not the epoch's first "step 1"). Once an epoch, after its batches: optimized for size,
// not inlined into the epoch's loop.
LRPLAY_COLD SchedulerEvent Trainer::batch_epoch_event(double lr_used) {
  SchedulerEvent event = std::move(last_event_);  // not read again until the next step sets it
  const bool rate_changed = lr_used != event.lr_after;
  const EventKind kind = rate_changed ? epoch_decider_.kind : EventKind::kNone;
  if (is_discrete(kind)) {
    event.reason = epoch_reason(epoch_events_, scheduler_->step_unit());
    // One event's reason is its own, with the step it says (a single batch an epoch: "(epoch
    // 7)", which reason_after_epoch leaves out); several are said together, read whole.
    event.said = epoch_events_.size() == 1 ? epoch_events_.front().said : StepSaid{};
  } else if (!is_discrete(event.kind)) {
    scheduler_->say(event);  // the last step's, as its own event: said by the scheduler only now
  } else if (!epoch_events_.empty() && epoch_events_.back().epoch == event.epoch) {
    event.reason = epoch_events_.back().reason;  // a discrete last step's, kept there
  }
  event.lr_before = lr_used;
  event.kind = kind;
  event.actors = epoch_decider_.actors;
  return event;
}

LRPLAY_COLD int Trainer::majority_class() const {
  std::vector<int> counts(train_.num_classes);
  for (int label : train_.y) ++counts[label];
  int majority = 0;
  for (int k = 1; k < train_.num_classes; ++k) {
    if (counts[k] > counts[majority]) majority = k;
  }
  return majority;
}

LRPLAY_COLD int Trainer::majority_correct() const {
  const int majority = majority_class();
  int correct = 0;
  for (int label : val_.y) correct += (label == majority);
  return correct;
}

// Out of the batch loop and optimized for size: a discrete event is rare (a cut, a restart).
LRPLAY_COLD void Trainer::keep_discrete(SchedulerEvent& event) {
  ++epoch_discrete_events_;
  scheduler_->say(event);
  if (!event.reason.empty()) epoch_events_.push_back(std::move(event));  // its reason read there
}

const char* Trainer::momentum_name() const {
  return config_.optimizer == OptimizerKind::kSgd ? "momentum" : "beta1";
}

std::string Trainer::divergence_message() const {
  return diverged_at_ > 0 ? diverged_text(diverged_at_) : "";
}

}  // namespace lrplay
