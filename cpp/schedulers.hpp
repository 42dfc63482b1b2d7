// Learning-rate schedulers with torch.optim.lr_scheduler's names, defaults and chainable arithmetic
// (each step multiplies the current rate). Rates are doubles, as Python floats are. Each step also
// says what it did and why, so a page can explain every change.
#pragma once

#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

namespace lrplay {

// Thrown for a parameter PyTorch rejects or that has no meaning; names the parameter and the range.
struct ConfigError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

struct SchedulerEvent {
  int epoch = 0;           // the scheduler's last_epoch after this step
  double lr_before = 0.0;  // the rate this epoch trained with
  double lr_after = 0.0;   // the rate the next epoch will train with
  std::string reason;      // why the rate changed, or why it did not; empty when nothing to say

  bool changed() const { return lr_after != lr_before; }
};

// What a scheduler knows between steps. The plateau fields are NaN / 0 for the others.
struct SchedulerState {
  int last_epoch = 0;
  double best = std::numeric_limits<double>::quiet_NaN();
  int num_bad_epochs = 0;
  int cooldown_counter = 0;
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  // One scheduler.step(); `metric` is read only by ReduceLROnPlateau.
  virtual SchedulerEvent step(double lr, double metric) = 0;
  virtual SchedulerState state() const = 0;
  virtual std::string name() const = 0;  // the PyTorch class name
  // The rate the first epoch trains with, given the optimizer's: what the PyTorch constructor's
  // initial step leaves in param_groups[0]["lr"]. Only LinearLR changes it.
  virtual double initial_lr(double base_lr) const { return base_lr; }
};

// Keeps the rate; lets the trainer treat "no scheduler" like the others.
class ConstantLR final : public Scheduler {
 public:
  SchedulerEvent step(double lr, double metric) override;
  SchedulerState state() const override { return {last_epoch_}; }
  std::string name() const override { return "none"; }

 private:
  int last_epoch_ = 0;
};

// https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.StepLR.html
class StepLR final : public Scheduler {
 public:
  explicit StepLR(int step_size, double gamma = 0.1);
  SchedulerEvent step(double lr, double metric) override;
  SchedulerState state() const override { return {last_epoch_}; }
  std::string name() const override { return "StepLR"; }

 private:
  int step_size_;
  double gamma_;
  int last_epoch_ = 0;
};

// https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.ExponentialLR.html
class ExponentialLR final : public Scheduler {
 public:
  explicit ExponentialLR(double gamma);
  SchedulerEvent step(double lr, double metric) override;
  SchedulerState state() const override { return {last_epoch_}; }
  std::string name() const override { return "ExponentialLR"; }

 private:
  double gamma_;
  int last_epoch_ = 0;
};

// https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.CosineAnnealingLR.html
// Not restarted at T_max: the cosine goes on, so the rate rises back to base_lr by 2 * T_max.
class CosineAnnealingLR final : public Scheduler {
 public:
  // base_lr: the optimizer's rate at construction (PyTorch's base_lrs), which the recursion reads
  // one epoch after each minimum, where its ratio would divide by zero.
  CosineAnnealingLR(double base_lr, int t_max, double eta_min = 0.0);
  SchedulerEvent step(double lr, double metric) override;
  SchedulerState state() const override { return {last_epoch_}; }
  std::string name() const override { return "CosineAnnealingLR"; }

 private:
  std::string reason() const;

  double base_lr_;
  int t_max_;
  double eta_min_;
  int last_epoch_ = 0;
};

// https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.LinearLR.html
// The factor goes linearly from start_factor (at construction) to end_factor (after total_iters
// steps), then stays.
class LinearLR final : public Scheduler {
 public:
  explicit LinearLR(double start_factor = 1.0 / 3, double end_factor = 1.0, int total_iters = 5);
  SchedulerEvent step(double lr, double metric) override;
  SchedulerState state() const override { return {last_epoch_}; }
  std::string name() const override { return "LinearLR"; }
  double initial_lr(double base_lr) const override { return base_lr * start_factor_; }

 private:
  double start_factor_;
  double end_factor_;
  int total_iters_;
  int last_epoch_ = 0;
};

// SequentialLR(optimizer, [LinearLR(start_factor, 1.0, warmup), after], milestones=[warmup]): a
// linear warm-up, then `after` from the initial rate. At the milestone PyTorch calls after.step(0),
// whose closed form at epoch 0 is the initial rate; from then on `after` steps as usual.
// https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.SequentialLR.html
class SequentialLR final : public Scheduler {
 public:
  SequentialLR(double base_lr, double start_factor, int warmup, std::unique_ptr<Scheduler> after);
  SchedulerEvent step(double lr, double metric) override;
  SchedulerState state() const override { return {last_epoch_}; }
  std::string name() const override { return "SequentialLR"; }
  double initial_lr(double base_lr) const override { return warmup_.initial_lr(base_lr); }

 private:
  double base_lr_;
  int milestone_;
  LinearLR warmup_;
  std::unique_ptr<Scheduler> after_;
  int last_epoch_ = 0;
};

struct PlateauOptions {
  bool mode_max = false;  // mode='min' (false) or 'max' (true)
  double factor = 0.1;
  int patience = 10;
  double threshold = 1e-4;
  bool threshold_abs = false;  // threshold_mode='rel' (false) or 'abs' (true)
  int cooldown = 0;
  double min_lr = 0.0;
  double eps = 1e-8;
};

// https://pytorch.org/docs/1.13/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html
class ReduceLROnPlateau final : public Scheduler {
 public:
  explicit ReduceLROnPlateau(const PlateauOptions& options);
  SchedulerEvent step(double lr, double metric) override;
  SchedulerState state() const override;
  std::string name() const override { return "ReduceLROnPlateau"; }

 private:
  bool is_better(double a, double best) const;

  PlateauOptions options_;
  int last_epoch_ = 0;
  double best_;
  int num_bad_epochs_ = 0;
  int cooldown_counter_ = 0;
};

// Throws ConfigError unless `value` is finite and within [low, high] (or (low, high) if open).
void check_range(const std::string& name, double value, double low, double high,
                 bool open_low = false, bool open_high = false);

}  // namespace lrplay
