#!/usr/bin/python3
"""Reference implementation of every `lrplay` train flag, `schedule --scheduler/--schedule` and
`lr-find`, in real PyTorch: produces the practice-own/ golden traces. Developer tooling, NOT CI.

It extends reference.py (whose helpers it imports: flags, data, split, model, the lesson's
schedulers) to the optimizers (Adam, AdamW, SGD), mini-batches, per-batch scheduler steps, the four
data sets, every --scheduler, a --schedule "<PyTorch expression>" and the LR range test.

    # PyTorch 2.6 (Debian 13 chroot, see tests/golden/README.md): practice-own/generate.sh
    # PyTorch 1.13 (Debian 12): /usr/bin/python3 tests/golden/practice_reference.py train --optimizer sgd

Output: the reference-file header (`# lrplay ...`, `# PyTorch <version>`, `# exit: 3` for a
diverging run), then what lrplay prints.
"""

import math
import os
import re
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
from torch.optim import lr_scheduler
from torch.utils.data import DataLoader, TensorDataset

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference as ref  # noqa: E402  (torch.set_num_threads(1) and the warnings filter too)
from reference import Usage, as_bool  # noqa: E402

DEFAULTS = dict(
    ref.TRAIN_DEFAULTS, **{
        "data": "", "dataset": "wine", "optimizer": "adam", "momentum": "0", "dampening": "0", "nesterov": "false",
        "batch-size": "0", "scheduler-step": "epoch", "schedule": "", "milestones": "30,80",
        "power": "1", "t-0": "10", "t-mult": "1", "base-lr": "0.01", "max-lr": "0.1",
        "step-size-up": "2000", "step-size-down": "0", "scale-mode": "cycle",
        "cycle-momentum": "true", "base-momentum": "0.8", "max-momentum": "0.9", "total-steps": "0",
        "pct-start": "0.3", "anneal-strategy": "cos", "div-factor": "25",
        "final-div-factor": "10000", "steps": "0",
        # lr-find (torch-lr-finder's range_test defaults as lrplay takes them)
        "start-lr": "1e-7", "end-lr": "10", "num-iter": "100", "step-mode": "exp",
        "smooth-f": "0.05", "diverge-th": "5",
    })
SWITCHES = ref.SWITCHES | {"nesterov", "three-phase", "cycle-momentum"}
DEFAULTS["three-phase"] = "false"
# Defaults that depend on the chosen scheduler or optimizer (lrplay's settings table variants).
VARIANTS = {
    ("scheduler", "exp"): {"gamma": "0.95"},
    ("scheduler", "cyclic"): {"gamma": "1", "mode": "triangular"},
    ("scheduler", "constant"): {"factor": repr(1.0 / 3)},
    ("scheduler", "onecycle"): {"base-momentum": "0.85", "max-momentum": "0.95"},
    ("optimizer", "adamw"): {"weight-decay": "0.01"},
}


def settings(args):
    given = ref.parse_flags(args, SWITCHES)
    unknown = set(given) - set(DEFAULTS)
    if unknown:
        raise Usage("unknown flags: %s" % ", ".join(sorted(unknown)))
    f = dict(DEFAULTS)
    for (selector, choice), defaults in VARIANTS.items():
        if given.get(selector, DEFAULTS[selector]) == choice:
            f.update(defaults)
    f.update(given)
    if not f["data"]:
        f["data"] = "data/%s.csv" % f["dataset"]
    return f


def floats(text):
    return [float(part) for part in text.split(",")]


def make_optimizer(params, f):
    """PyTorch 2.6 picks the single-tensor (for-loop) implementation for CPU tensors."""
    wd = float(f["weight-decay"])
    if f["optimizer"] == "sgd":
        return optim.SGD(params, lr=float(f["lr"]), momentum=float(f["momentum"]),
                         dampening=float(f["dampening"]), weight_decay=wd,
                         nesterov=as_bool(f["nesterov"]))
    adam = {"adam": optim.Adam, "adamw": optim.AdamW}[f["optimizer"]]
    return adam(params, lr=float(f["lr"]), betas=tuple(floats(f["betas"])),
                eps=float(f["adam-eps"]), weight_decay=wd, amsgrad=as_bool(f["amsgrad"]))


def make_one(kind, optimizer, f, run_steps):
    """The schedulers reference.py lacks, from the flags; the others are reference.py's."""
    S = lr_scheduler
    if kind == "multistep":
        return S.MultiStepLR(optimizer, milestones=[int(m) for m in f["milestones"].split(",")],
                             gamma=float(f["gamma"]))
    if kind == "constant":
        return S.ConstantLR(optimizer, factor=float(f["factor"]), total_iters=int(f["total-iters"]))
    if kind == "poly":
        return S.PolynomialLR(optimizer, total_iters=int(f["total-iters"]), power=float(f["power"]))
    if kind == "cosine-restarts":
        return S.CosineAnnealingWarmRestarts(optimizer, T_0=int(f["t-0"]), T_mult=int(f["t-mult"]),
                                             eta_min=float(f["eta-min"]))
    cycle = dict(cycle_momentum=as_bool(f["cycle-momentum"]),
                 base_momentum=float(f["base-momentum"]), max_momentum=float(f["max-momentum"]))
    if kind == "cyclic":
        down = int(f["step-size-down"])
        return S.CyclicLR(optimizer, base_lr=float(f["base-lr"]), max_lr=float(f["max-lr"]),
                          step_size_up=int(f["step-size-up"]), step_size_down=down or None,
                          mode=f["mode"], gamma=float(f["gamma"]), scale_mode=f["scale-mode"],
                          **cycle)
    if kind == "onecycle":
        total = int(f["total-steps"]) or run_steps
        return S.OneCycleLR(optimizer, max_lr=float(f["max-lr"]), total_steps=total,
                            pct_start=float(f["pct-start"]), anneal_strategy=f["anneal-strategy"],
                            div_factor=float(f["div-factor"]),
                            final_div_factor=float(f["final-div-factor"]),
                            three_phase=as_bool(f["three-phase"]), **cycle)
    return ref.make_scheduler(kind, optimizer, f)  # with reference.py's --warmup


def make_scheduler(optimizer, f, run_steps):
    if not f["schedule"]:
        return make_one(f["scheduler"], optimizer, f, run_steps)
    # Developer tooling on our own strings: eval the expression with the optimizer inserted as
    # every constructor's first argument (ChainedScheduler takes none).
    code = re.sub(r"\b(\w+LR|CosineAnnealingWarmRestarts|ReduceLROnPlateau)\(",
                  r"\1(optimizer, ", f["schedule"])
    return eval(code, {**vars(lr_scheduler), "optimizer": optimizer})


def cycles_momentum(scheduler):
    if isinstance(scheduler, (lr_scheduler.CyclicLR, lr_scheduler.OneCycleLR)):
        return scheduler.cycle_momentum
    return any(cycles_momentum(s) for s in getattr(scheduler, "_schedulers", []))


def header(command, args, exit_code=0, stdin=""):
    print("# lrplay " + " ".join([command] + [shell_quoted(a) for a in args]) + stdin)
    print("# PyTorch " + torch.__version__.split("+")[0])
    if exit_code:
        print("# exit: %d" % exit_code)


def shell_quoted(arg):
    return '"%s"' % arg if re.search(r"[\s()\[\]]", arg) else arg


def setup(f):
    """Data, model (torch.manual_seed first), optimizer, and the shuffled loader made after the
    model, as the page's generated script and lrplay do."""
    X_train, X_val, y_train, y_val = ref.load_split(f)
    nudge = os.environ.get("REFERENCE_NUDGE", "")  # conditioning checks (tests/golden/README.md)
    if nudge in ("up", "down"):  # every input feature one ulp toward +inf or -inf
        toward = torch.tensor(math.inf if nudge == "up" else -math.inf)
        X_train, X_val = torch.nextafter(X_train, toward), torch.nextafter(X_val, toward)
    torch.manual_seed(int(f["seed"]))
    n_classes = int(max(y_train.max().item(), y_val.max().item())) + 1
    model = ref.build_model([X_train.shape[1]] + ref.hidden_sizes(f["hidden"]) + [n_classes])
    batch = int(f["batch-size"])
    loader = DataLoader(TensorDataset(X_train, y_train), batch_size=batch, shuffle=True) \
        if batch > 0 else None
    optimizer = make_optimizer(model.parameters(), f)
    return model, optimizer, loader, (X_train, X_val, y_train, y_val)


def train(args):
    f = settings(args)
    model, optimizer, loader, (X_train, X_val, y_train, y_val) = setup(f)
    criterion = nn.CrossEntropyLoss()
    epochs = int(f["epochs"])
    per_batch = f["scheduler-step"] == "batch"
    scheduler = make_scheduler(optimizer, f, epochs * (len(loader) if loader and per_batch else 1))
    plateau = isinstance(scheduler, lr_scheduler.ReduceLROnPlateau)
    batches = loader if loader else [(X_train, y_train)]

    rows = []
    diverged = False
    for epoch in range(epochs):
        model.train()
        running = 0.0  # Σ loss_b * |b| in double (Python floats)
        for xb, yb in batches:
            optimizer.zero_grad()
            loss = criterion(model(xb), yb)
            if not math.isfinite(loss.item()):
                diverged = True
                break
            loss.backward()
            optimizer.step()
            if per_batch and scheduler is not None:
                scheduler.step()
            running += loss.item() * len(yb)
        if diverged:
            break
        train_loss = running / len(y_train)
        model.eval()
        with torch.no_grad():
            val_out = model(X_val)
            val_loss = criterion(val_out, y_val).item()
            val_acc = (val_out.argmax(1) == y_val).float().mean().item()
        if not math.isfinite(val_loss):
            diverged = True
            break
        if plateau:
            scheduler.step({"val_loss": val_loss, "val_acc": val_acc,
                            "train_loss": train_loss}[f["monitor"]])
        elif scheduler is not None and not per_batch:
            scheduler.step()
        lr = optimizer.param_groups[0]["lr"]
        rows.append("%d,%.9g,%.9g,%.9g,%.17g" % (epoch + 1, train_loss, val_loss,
                                                 val_acc, lr))
    header("train", args, 3 if diverged else 0)
    print("epoch,train_loss,val_loss,val_acc,lr")
    for row in rows:
        print(row)


def schedule(args, stdin):
    f = settings(args)
    # A one-parameter SGD(lr, momentum) holds the rate and the momentum that cycling writes.
    optimizer = optim.SGD([torch.zeros(1, requires_grad=True)], lr=float(f["lr"]),
                          momentum=float(f["momentum"]))
    steps = int(f["steps"])
    scheduler = make_scheduler(optimizer, f, steps)
    momentum = cycles_momentum(scheduler)
    if isinstance(scheduler, lr_scheduler.ReduceLROnPlateau):
        words = stdin.read().split()
        metrics = [float(w) for w in words]  # float() accepts nan, inf, -inf as strtod does
        header("schedule", args, stdin=" < metrics")
        print("# metrics: " + " ".join(words))
    else:
        metrics = [None] * steps
        header("schedule", args)
    print("step,lr,momentum" if momentum else "step,lr")
    for step, metric in enumerate(metrics, 1):
        optimizer.step()
        scheduler.step() if metric is None else scheduler.step(metric)
        group = optimizer.param_groups[0]
        print("%d,%.17g" % (step, group["lr"]) + (",%.17g" % group["momentum"] if momentum else ""))


def lr_find(args):
    """torch-lr-finder's LRFinder.range_test(train_loader, start_lr, end_lr, num_iter, step_mode,
    smooth_f, diverge_th), with lrplay's stop before a non-finite smoothed loss, then suggest()."""
    f = settings(args)
    if "lr" in ref.parse_flags(args, SWITCHES):
        raise Usage("--lr is not a flag of lr-find")
    model, optimizer, loader, (X_train, _, y_train, _) = setup(f)
    criterion = nn.CrossEntropyLoss()
    start, end, num_iter = float(f["start-lr"]), float(f["end-lr"]), int(f["num-iter"])
    smooth_f, diverge_th = float(f["smooth-f"]), float(f["diverge-th"])
    batches = iter(loader) if loader else None
    rows, lrs, smoothed_losses = [], [], []
    best = None
    for i in range(num_iter):
        r = i / (num_iter - 1)  # torch_lr_finder's ExponentialLR / LinearLR at last_epoch = i
        lr = start * (end / start) ** r if f["step-mode"] == "exp" else start + r * (end - start)
        for group in optimizer.param_groups:
            group["lr"] = lr
        if loader is None:
            xb, yb = X_train, y_train
        else:
            try:
                xb, yb = next(batches)
            except StopIteration:  # TrainDataLoaderIter's auto_reset: a new shuffled pass
                batches = iter(loader)
                xb, yb = next(batches)
        optimizer.zero_grad()
        loss_t = criterion(model(xb), yb)
        loss_t.backward()
        optimizer.step()
        loss = loss_t.item()
        smoothed = loss if i == 0 else smooth_f * loss + (1 - smooth_f) * smoothed_losses[-1]
        if not math.isfinite(smoothed):
            break
        best = smoothed if best is None else min(best, smoothed)
        rows.append("%d,%.17g,%.9g,%.9g" % (i + 1, lr, loss, smoothed))
        lrs.append(lr)
        smoothed_losses.append(smoothed)
        if smoothed > diverge_th * best:
            break
    header("lr-find", args)
    print("iteration,lr,loss,smoothed_loss")
    for row in rows:
        print(row)
    # LRFinder.plot(suggest_lr=True) with skip_start=10, skip_end=5: numpy.gradient of the kept
    # smoothed losses (it raises below two points: no suggestion), the lr at its argmin.
    kept_lrs, kept = lrs[10:-5], smoothed_losses[10:-5]
    try:
        print("# suggested lr: %.17g" % kept_lrs[np.gradient(np.array(kept)).argmin()])
    except ValueError:
        pass


def main(argv):
    if not argv:
        sys.exit(__doc__)
    command, args = argv[0], argv[1:]
    try:
        if command == "train":
            train(args)
        elif command == "schedule":
            schedule(args, sys.stdin)
        elif command == "lr-find":
            lr_find(args)
        else:
            ref.main(argv)  # split, init
    except Usage as e:
        sys.exit("practice_reference.py: %s" % e)


if __name__ == "__main__":
    main(sys.argv[1:])
