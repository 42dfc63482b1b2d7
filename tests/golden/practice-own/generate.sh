#!/bin/sh
# Regenerates every reference file in this folder with ../practice_reference.py under PyTorch 2.6
# (Debian 13's python3-torch 2.6.0 and python3-sklearn 1.4.2 in the chroot /work/trixie, see
# tests/golden/README.md). Developer tooling, never CI; run as root, from anywhere:
#     sh tests/golden/practice-own/generate.sh                    # PyTorch 2.6 into this folder
#     sh tests/golden/practice-own/generate.sh /tmp/x system      # PyTorch 1.13 (/usr/bin/python3)
# Each `gen` line: the file name (without .csv), then the lrplay arguments as a shell passes them.
# A command the chosen PyTorch refuses prints "refused: <name>" and writes no file.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=${1:-$here}
mkdir -p "$out"
# The AVX2 kernels (FMA) made every file; pin them so another AVX2 machine gives the same bytes.
export ATEN_CPU_CAPABILITY=avx2
if [ "${2:-chroot}" = chroot ]; then
  tree=/work/trixie/root/refgen  # the generator and the data, where the chroot sees them
  mkdir -p "$tree/tests/golden" "$tree/data"
  cp "$root/tests/golden/reference.py" "$root/tests/golden/practice_reference.py" "$tree/tests/golden/"
  cp "$root"/data/*.csv "$tree/data/"
  set -- chroot /work/trixie python3 /root/refgen/tests/golden/practice_reference.py
else
  set -- /usr/bin/python3 "$root/tests/golden/practice_reference.py"
fi
PY="$*"

gen() {  # name, lrplay arguments
  name=$1
  shift
  if $PY "$@" > "$out/$name.csv.part" 2> "$out/$name.err"; then
    mv "$out/$name.csv.part" "$out/$name.csv"
    rm -f "$out/$name.err"
    echo "$name.csv"
  else
    rm -f "$out/$name.csv.part"
    echo "refused: $name ($(tail -1 "$out/$name.err"))"
    rm -f "$out/$name.err"
  fi
}

# --- each optimizer with a few schedulers (epoch steps), its options, and batch sizes 1/16/50
gen train_adam_multistep_seed0 train --standardize --scheduler multistep --milestones 20,50 --gamma 0.5 --lr 0.01 --seed 0 --epochs 60
gen train_adam_batch1_constant_wd_seed4 train --batch-size 1 --scheduler constant --factor 0.5 --total-iters 3 --weight-decay 1e-4 --lr 0.001 --standardize --seed 4 --epochs 8
gen train_adamw_amsgrad_batch16_cosine_seed1 train --optimizer adamw --amsgrad --weight-decay 0.05 --batch-size 16 --scheduler cosine --t-max 40 --standardize --lr 0.01 --seed 1 --epochs 40
gen train_sgd_dampening_exp_seed2 train --optimizer sgd --momentum 0.9 --dampening 0.5 --scheduler exp --gamma 0.97 --standardize --lr 0.1 --seed 2 --epochs 60
gen train_sgd_wd_batch50_poly_seed3 train --optimizer sgd --momentum 0.9 --weight-decay 1e-3 --batch-size 50 --scheduler poly --total-iters 40 --power 2 --standardize --lr 0.05 --seed 3 --epochs 40
gen train_sgd_plain_none_seed9 train --optimizer sgd --scheduler none --standardize --lr 0.2 --seed 9 --epochs 50
gen train_sgd_plateau_train_loss_batch16_seed4 train --optimizer sgd --momentum 0.9 --batch-size 16 --scheduler plateau --monitor train_loss --patience 3 --factor 0.5 --standardize --lr 0.05 --seed 4 --epochs 40
gen train_sgd_warmup_cosine_batch32_seed8 train --optimizer sgd --momentum 0.9 --batch-size 32 --scheduler cosine --t-max 45 --warmup 5 --standardize --lr 0.05 --seed 8 --epochs 50
gen train_adamw_onecycle_total_steps_seed17 train --optimizer adamw --scheduler onecycle --max-lr 0.01 --total-steps 120 --pct-start 0.2 --div-factor 10 --final-div-factor 100 --standardize --seed 17 --epochs 100

# --- per-batch scheduler steps (every scheduler but plateau; the last batch is partial: 142 = 8*16+14)
gen train_step_batchstep_batch32_seed6 train --batch-size 32 --scheduler step --step-size 25 --gamma 0.5 --scheduler-step batch --standardize --lr 0.01 --seed 6 --epochs 30
gen train_adamw_exp_batchstep_batch16_seed7 train --optimizer adamw --batch-size 16 --scheduler exp --gamma 0.99 --scheduler-step batch --standardize --lr 0.01 --seed 7 --epochs 25
gen train_sgd_cosine_batchstep_batch20_seed8 train --optimizer sgd --momentum 0.8 --batch-size 20 --scheduler cosine --t-max 100 --eta-min 1e-3 --scheduler-step batch --standardize --lr 0.1 --seed 8 --epochs 30
gen train_sgd_nesterov_linear_batchstep_batch16_seed5 train --optimizer sgd --momentum 0.9 --nesterov --batch-size 16 --scheduler linear --start-factor 0.1 --total-iters 50 --scheduler-step batch --standardize --lr 0.05 --seed 5 --epochs 20
gen train_multistep_batchstep_batch50_seed9 train --batch-size 50 --scheduler multistep --milestones 30,60,90 --gamma 0.3 --scheduler-step batch --standardize --lr 0.01 --seed 9 --epochs 40
gen train_sgd_constant_batchstep_batch16_seed10 train --optimizer sgd --batch-size 16 --scheduler constant --factor 0.2 --total-iters 40 --scheduler-step batch --standardize --lr 0.1 --seed 10 --epochs 15
gen train_adamw_poly_batchstep_batch32_seed11 train --optimizer adamw --batch-size 32 --scheduler poly --total-iters 100 --power 0.5 --scheduler-step batch --standardize --lr 0.01 --seed 11 --epochs 30
gen train_restarts_tmult2_batchstep_batch16_seed12 train --batch-size 16 --scheduler cosine-restarts --t-0 9 --t-mult 2 --eta-min 1e-4 --scheduler-step batch --standardize --lr 0.01 --seed 12 --epochs 30
gen train_sgd_cyclic_exp_range_batchstep_seed13 train --optimizer sgd --momentum 0.9 --batch-size 16 --scheduler cyclic --base-lr 0.001 --max-lr 0.1 --step-size-up 18 --mode exp_range --gamma 0.995 --scheduler-step batch --standardize --seed 13 --epochs 30
gen train_adam_cyclic_momentum_batchstep_seed14 train --batch-size 32 --scheduler cyclic --base-lr 0.001 --max-lr 0.01 --step-size-up 10 --mode triangular2 --scheduler-step batch --standardize --seed 14 --epochs 30
gen train_sgd_cyclic_no_momentum_epoch_seed15 train --optimizer sgd --momentum 0.5 --scheduler cyclic --base-lr 0.01 --max-lr 0.2 --step-size-up 5 --step-size-down 10 --cycle-momentum=false --standardize --seed 15 --epochs 60
gen train_sgd_onecycle_three_phase_linear_batchstep_seed16 train --optimizer sgd --momentum 0.9 --batch-size 16 --scheduler onecycle --max-lr 0.1 --three-phase --anneal-strategy linear --scheduler-step batch --standardize --seed 16 --epochs 20

# --- the other data sets
gen train_iris_adam_batch16_step_seed0 train --dataset iris --batch-size 16 --scheduler step --step-size 20 --gamma 0.5 --standardize --lr 0.01 --seed 0 --epochs 50
gen train_breast_cancer_sgd_batch64_cosine_seed2 train --dataset breast_cancer --optimizer sgd --momentum 0.9 --batch-size 64 --scheduler cosine --t-max 30 --standardize --lr 0.05 --seed 2 --epochs 30
gen train_digits_adamw_batch128_exp_seed3 train --dataset digits --hidden 32 --optimizer adamw --batch-size 128 --scheduler exp --gamma 0.9 --standardize --lr 0.01 --seed 3 --epochs 15

# --- --schedule "<PyTorch expression>"
gen train_schedule_chained_batchstep_seed5 train --schedule "ChainedScheduler([LinearLR(start_factor=0.2, total_iters=20), ExponentialLR(gamma=0.995)])" --batch-size 16 --scheduler-step batch --optimizer sgd --momentum 0.9 --standardize --lr 0.05 --seed 5 --epochs 25
gen train_schedule_sequential_restarts_seed6 train --schedule "SequentialLR([ConstantLR(factor=0.1, total_iters=5), CosineAnnealingWarmRestarts(T_0=10, T_mult=2)], milestones=[5])" --optimizer adamw --standardize --lr 0.01 --seed 6 --epochs 50
gen train_schedule_plateau_seed7 train --schedule "ReduceLROnPlateau(mode='min', factor=0.5, patience=2)" --standardize --lr 0.01 --seed 7 --epochs 40

# --- the lesson's try-it presets (web/src/model/settings.js PRESETS) and the variants its sections run:
# the numbers the sections state come from these runs (tests/web/lesson-claims*.test.mjs)
gen lesson_defaults train
gen lesson_standardized train --standardize
gen lesson_steplr train --scheduler step --step-size 30 --gamma 0.1
gen lesson_exponential train --scheduler exp --gamma 0.95
gen lesson_patience3 train --patience 3
gen lesson_cosine train --scheduler cosine
gen lesson_linear train --scheduler linear
gen lesson_warmup train --scheduler cosine --warmup 5 --t-max 95 --start-factor 0.1
gen lesson_warmup_step train --scheduler step --step-size 30 --warmup 5 --start-factor 0.1
gen lesson_sgd_momentum train --standardize --scheduler cosine --optimizer sgd --momentum 0.9
gen lesson_sgd_momentum_plain train --standardize --scheduler cosine --optimizer sgd --momentum 0
gen lesson_sgd_momentum_adam train --standardize --scheduler cosine
gen lesson_batches train --standardize --scheduler step --step-size 30 --gamma 0.1 --batch-size 16 --scheduler-step batch
gen lesson_batches_per_epoch train --standardize --scheduler step --step-size 30 --gamma 0.1 --batch-size 16
gen lesson_restarts train --standardize --scheduler cosine-restarts --t-0 10 --t-mult 2
gen lesson_onecycle train --standardize --epochs 20 --batch-size 16 --scheduler-step batch --optimizer sgd --momentum 0.9 --scheduler onecycle --max-lr 0.1
gen lesson_cyclic train --standardize --epochs 30 --optimizer sgd --momentum 0.9 --scheduler cyclic --base-lr 0.01 --max-lr 0.1 --step-size-up 5
gen lesson_chained train --standardize --schedule "ChainedScheduler([LinearLR(start_factor=0.1, total_iters=5), ExponentialLR(gamma=0.95)])"
gen lesson_chained_sequential train --standardize --schedule "SequentialLR([LinearLR(start_factor=0.1, total_iters=5), ExponentialLR(gamma=0.95)], milestones=[5])"

# --- schedule alone
gen schedule_cyclic_exp_range_momentum schedule --scheduler cyclic --lr 0.1 --base-lr 0.001 --max-lr 0.1 --step-size-up 4 --step-size-down 6 --mode exp_range --gamma 0.97 --steps 50 --momentum 0.9
gen schedule_onecycle_cos_pct0.4 schedule --scheduler onecycle --lr 0.1 --max-lr 0.3 --pct-start 0.4 --steps 60 --momentum 0.9
gen schedule_restarts_tmult3 schedule --scheduler cosine-restarts --lr 0.05 --t-0 3 --t-mult 3 --eta-min 0.001 --steps 60

# --- lr-find (torch-lr-finder's range_test and suggest)
gen ../ill-conditioned/lr_find_wine_exp_full_batch lr-find --standardize --start-lr 1e-5 --end-lr 1 --num-iter 60 --seed 0
gen lr_find_iris_sgd_linear_batch16 lr-find --dataset iris --standardize --batch-size 16 --optimizer sgd --momentum 0.9 --step-mode linear --start-lr 1e-4 --end-lr 0.5 --num-iter 50 --seed 1
gen ../ill-conditioned/lr_find_wine_diverges_batch32 lr-find --standardize --batch-size 32 --start-lr 1e-4 --end-lr 100 --num-iter 200 --seed 2
gen ../ill-conditioned/lr_find_adamw_linear_smooth0_full_batch lr-find --optimizer adamw --standardize --step-mode linear --smooth-f 0 --diverge-th 3 --start-lr 1e-3 --end-lr 2 --num-iter 40 --seed 4
gen lr_find_12_rows_no_suggestion lr-find --standardize --num-iter 12 --seed 3
gen lr_find_16_rows_no_suggestion lr-find --standardize --batch-size 16 --num-iter 16 --seed 3
gen lr_find_17_rows_suggestion lr-find --standardize --batch-size 16 --num-iter 17 --seed 3
