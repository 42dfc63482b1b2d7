#!/bin/sh
# Regenerates every reference file in this folder with ../reference.py (real PyTorch 1.13 and
# scikit-learn 1.2 from Debian's python3-torch / python3-sklearn, under /usr/bin/python3).
# Not run by CI. Run from anywhere:  sh tests/golden/more/generate.sh
# Each `gen` line below: the file name (without .csv), the lrplay arguments, and for a plateau schedule
# the metrics that go to stdin. To add a reference, add a line and run this script (or run the one
# reference.py command by hand); then check it with the C++ golden test.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.."   # the repository root, where the default --data data/wine.csv resolves
PY=/usr/bin/python3
# PyTorch picks its CPU kernels at run time. Its AVX2 kernels (which fuse a*b+c into FMA instructions)
# produced every file here and in ../; the generic kernels differ in the last bits, and those bits grow in
# long runs. Pin AVX2 so that another machine (with AVX2) gives the same bytes.
export ATEN_CPU_CAPABILITY=avx2

gen() {  # name, arguments, [metrics]
  printf '%s\n' "${3:-}" | tr ' ' '\n' | grep -v '^$' |
    $PY tests/golden/reference.py $2 > "$here/$1.csv"
  echo "$1.csv"
}

# --- train: the lesson (raw features, plateau on val_loss) with other seeds
gen train_lesson_seed1            "train --seed 1"
gen train_lesson_seed7            "train --seed 7"
gen train_lesson_seed123          "train --seed 123"
# --- train: standardized features with each scheduler
gen train_standardized_step_seed0          "train --seed 0 --standardize --scheduler step"
gen train_standardized_step7_gamma0.5_seed2 "train --seed 2 --standardize --scheduler step --step-size 7 --gamma 0.5"
gen train_standardized_exp_gamma0.9_seed1  "train --seed 1 --standardize --scheduler exp --gamma 0.9"
gen train_standardized_plateau_seed4       "train --seed 4 --standardize"
gen train_standardized_none_lr0.001_epochs200_seed5 "train --seed 5 --standardize --scheduler none --lr 0.001 --epochs 200"
# --- train: CosineAnnealingLR and LinearLR (warm-up: the first epoch trains at lr * start_factor)
gen train_cosine_tmax100_seed0       "train --seed 0 --scheduler cosine --t-max 100"
gen train_standardized_cosine_eta_min1e-4_seed1 "train --seed 1 --standardize --scheduler cosine --eta-min 1e-4"
gen train_standardized_linear_start0.1_total20_seed2 "train --seed 2 --standardize --scheduler linear --start-factor 0.1 --total-iters 20"
gen train_linear_seed0               "train --seed 0 --scheduler linear"
# --- train: ReduceLROnPlateau options
gen train_monitor_train_loss_patience5_seed3 "train --seed 3 --standardize --monitor train_loss --patience 5 --factor 0.5"
gen train_threshold_abs_seed4        "train --seed 4 --standardize --threshold-mode abs --threshold 0.01 --patience 5"
gen train_cooldown3_min_lr1e-4_seed0 "train --seed 0 --patience 3 --cooldown 3 --min-lr 1e-4"
gen train_patience0_factor0.5_seed1  "train --seed 1 --standardize --patience 0 --factor 0.5"
gen train_max_val_acc_factor0.2_seed4 "train --seed 4 --standardize --mode max --monitor val_acc --factor 0.2 --patience 3"
# --- train: Adam options
gen train_amsgrad_lr0.01_seed0       "train --seed 0 --standardize --amsgrad --lr 0.01"
gen train_weight_decay0.01_seed0     "train --seed 0 --standardize --weight-decay 0.01"
gen train_betas0.8_0.99_adam_eps1e-6_seed1 "train --seed 1 --standardize --betas 0.8,0.99 --adam-eps 1e-6 --lr 0.001 --scheduler none"
# --- train: other models, rates and splits
gen train_hidden16_seed0             "train --seed 0 --standardize --hidden 16"
gen train_hidden8_8_8_seed1          "train --seed 1 --standardize --hidden 8,8,8"
gen train_hidden32_16_lr0.01_seed2   "train --seed 2 --hidden 32,16 --lr 0.01"
gen train_no_hidden_seed0            "train --seed 0 --standardize --hidden="
gen train_test_size0.3_split_seed0_seed3 "train --seed 3 --standardize --test-size 0.3 --split-seed 0"
gen ../ill-conditioned/train_split_seed7_lr0.01_seed11  "train --seed 11 --split-seed 7 --lr 0.01 --epochs 150"
# --- train: diverging runs (exit 3, rows up to the last finite epoch)
gen ../ill-conditioned/train_diverge_exp_gamma2_seed3   "train --seed 3 --standardize --scheduler exp --gamma 2"
gen train_diverge_step_gamma1e5_lr1e14 "train --lr 1e14 --scheduler step --step-size 20 --gamma 1e5"
gen train_diverge_lr1e18             "train --lr 1e18 --scheduler none"
gen train_diverge_lr1e20_no_rows     "train --lr 1e20 --scheduler none"

# --- schedule: ReduceLROnPlateau alone (metrics on stdin)
gen schedule_plateau_patience0   "schedule --scheduler plateau --lr 0.1 --patience 0" \
  "1.0 0.9 0.9 0.8 0.8 0.8 0.7 0.75 0.69 0.69"
gen schedule_plateau_cooldown2   "schedule --scheduler plateau --lr 0.1 --patience 1 --cooldown 2" \
  "1 1 1 1 1 1 1 1 1 1 0.5 0.5 0.5 0.5 0.5 0.5"
gen schedule_plateau_min_lr      "schedule --scheduler plateau --lr 1 --patience 1 --factor 0.5 --min-lr 0.1" \
  "5 5 5 5 5 5 5 5 5 5 5 5 5 5 5 5"
gen schedule_plateau_eps_floor   "schedule --scheduler plateau --lr 1e-7 --factor 0.1 --patience 1 --sched-eps 1e-8" \
  "1 1 1 1 1 1 1 1 1 1"
gen schedule_plateau_threshold_abs "schedule --scheduler plateau --lr 0.1 --patience 2 --threshold-mode abs --threshold 0.05" \
  "1.0 0.96 0.92 0.9 0.85 0.84 0.83 0.82 0.70 0.69 0.68 0.67 0.66"
gen schedule_plateau_max_rel     "schedule --scheduler plateau --lr 0.5 --mode max --factor 0.5 --patience 2 --threshold 0.01" \
  "0.5 0.6 0.605 0.606 0.61 0.7 0.7 0.7 0.7 -0.1 0.71 0.72 0.72 0.72"
gen schedule_plateau_max_abs_negative "schedule --scheduler plateau --lr 0.1 --mode max --patience 1 --threshold-mode abs --threshold 0.1" \
  "-5 -4 -3.95 -3.9 -3.85 -3.8 -2 -1.95 -1.9 -1.85"
gen schedule_plateau_nan_inf     "schedule --scheduler plateau --lr 0.1 --patience 1" \
  "1.0 nan nan 0.5 inf 0.4 -inf -inf 1 nan inf -inf 0.3 0.2"
gen schedule_step7_gamma0.5      "schedule --scheduler step --lr 0.1 --step-size 7 --gamma 0.5 --steps 200"
gen schedule_step1_gamma0.9      "schedule --scheduler step --lr 1 --step-size 1 --gamma 0.9 --steps 300"
gen schedule_exp_gamma0.99       "schedule --scheduler exp --lr 0.01 --gamma 0.99 --steps 1000"
gen schedule_exp_gamma1.05       "schedule --scheduler exp --lr 0.001 --gamma 1.05 --steps 150"
gen schedule_cosine_tmax10_eta_min0.001 "schedule --scheduler cosine --lr 0.1 --t-max 10 --eta-min 0.001 --steps 35"
gen schedule_cosine_tmax50       "schedule --scheduler cosine --lr 0.1 --t-max 50 --steps 100"
gen schedule_linear_default      "schedule --scheduler linear --lr 0.1 --steps 10"
gen schedule_linear_start0.1_total20 "schedule --scheduler linear --lr 0.05 --start-factor 0.1 --end-factor 1.0 --total-iters 20 --steps 30"

# --- split: train_test_split(np.arange(n), test_size, random_state)
gen split_n178_test0.1_seed0     "split --n 178 --test-size 0.1 --seed 0"
gen split_n178_test0.25_seed1    "split --n 178 --test-size 0.25 --seed 1"
gen split_n178_test0.33_seed7    "split --n 178 --test-size 0.33 --seed 7"
gen split_n178_test0.5_seed123   "split --n 178 --test-size 0.5 --seed 123"
gen split_n10_test0.3_seed0      "split --n 10 --test-size 0.3 --seed 0"
gen split_n1000_test0.2_seed42   "split --n 1000 --test-size 0.2 --seed 42"

# --- init: every initial parameter
gen init_seed1                   "init --seed 1"
gen init_seed42                  "init --seed 42"
gen init_seed2147483648          "init --seed 2147483648"
gen init_hidden16_seed0          "init --seed 0 --hidden 16"
gen init_hidden8_8_8_seed3       "init --seed 3 --hidden 8,8,8"

# SequentialLR: a LinearLR warm-up chained before StepLR, ExponentialLR or CosineAnnealingLR.
gen schedule_warmup4_step3      "schedule --scheduler step --step-size 3 --gamma 0.5 --lr 0.1 --warmup 4 --start-factor 0.25 --steps 20"
gen schedule_warmup5_cosine20   "schedule --scheduler cosine --t-max 20 --eta-min 0.001 --lr 0.1 --warmup 5 --steps 40"
gen schedule_warmup10_exp       "schedule --scheduler exp --gamma 0.9 --lr 0.05 --warmup 10 --steps 30"
gen train_warmup5_step_seed0    "train --seed 0 --scheduler step --step-size 30 --warmup 5"
gen train_standardized_warmup10_cosine_seed3 "train --seed 3 --standardize --scheduler cosine --t-max 90 --warmup 10 --start-factor 0.1"
