#!/usr/bin/python3
"""Reference implementation of `lrplay` in real PyTorch and scikit-learn: produces golden traces.

NOT run by CI. It needs Debian's python3-torch (PyTorch 1.13) and python3-sklearn (scikit-learn 1.2),
which are installed for /usr/bin/python3 only (a `python3` found first on PATH may lack them):

    # from the repository root (a relative --data path not found there is taken from the root)
    /usr/bin/python3 tests/golden/reference.py train --seed 3 --standardize > tests/golden/more/x.csv
    /usr/bin/python3 tests/golden/reference.py schedule --scheduler plateau --lr 0.1 < metrics.txt > ...

It takes the same subcommands and flags as `lrplay` (train, schedule, split, init) and prints the same
output, preceded by the reference-file header that tests/test_golden.cpp reads:

    # lrplay <the same subcommand and flags>      (plus " < metrics" for a plateau schedule)
    # exit: 3                                     (only for a diverging training run)
    # metrics: m1 m2 ...                          (only for a plateau schedule: the stdin words)
    <the CSV body>

PyTorch chooses its CPU kernels at run time, and its AVX2 kernels (which fuse a*b+c into one FMA
instruction) give other last bits than the generic ones: run with ATEN_CPU_CAPABILITY=avx2 (the choice
on the machine that made every reference file) to get the same bytes. more/generate.sh does.

The train subcommand is the lesson's script (see tests/golden/README.md), with every knob a flag.
A run whose train or validation loss stops being finite prints the rows up to the last finite epoch
and is marked `# exit: 3`, which is what lrplay does (it exits 3).
"""

import csv
import math
import os
import sys
import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
from sklearn.model_selection import train_test_split

torch.set_num_threads(1)
warnings.filterwarnings("ignore")  # "lr_scheduler.step() before optimizer.step()" on the dummy optimizer

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TRAIN_DEFAULTS = {
    "data": "data/wine.csv", "format": "csv", "epochs": "100", "seed": "5", "test-size": "0.2",
    "split-seed": "42", "hidden": "10,10", "standardize": "false", "lr": "0.1", "betas": "0.9,0.999",
    "adam-eps": "1e-8", "weight-decay": "0", "amsgrad": "false", "scheduler": "plateau",
    "monitor": "val_loss", "step-size": "30", "gamma": "0.1", "mode": "min", "factor": "0.1",
    "patience": "10", "threshold": "1e-4", "threshold-mode": "rel", "cooldown": "0", "min-lr": "0",
    "sched-eps": "1e-8", "t-max": "100", "eta-min": "0",
    # LinearLR's default start_factor=1.0 / 3, written so that float() gives the same double back.
    "start-factor": repr(1.0 / 3), "end-factor": "1.0", "total-iters": "5",
    "warmup": "0",
}
SWITCHES = {"standardize", "amsgrad"}


class Usage(Exception):
    pass


def parse_flags(args, switches):
    """--name value, --name=value, or a bare switch; like lrplay's parse_flags."""
    flags = {}
    i = 0
    while i < len(args):
        arg = args[i]
        if len(arg) < 3 or not arg.startswith("--"):
            raise Usage("unexpected argument %r" % arg)
        name, value = arg[2:], None
        if "=" in name:
            name, value = name.split("=", 1)
        elif name in switches:
            value = "true"
        elif i + 1 < len(args):
            i += 1
            value = args[i]
        else:
            raise Usage("--%s needs a value" % name)
        if name in flags:
            raise Usage("--%s is given twice" % name)
        flags[name] = value
        i += 1
    return flags


def as_bool(value):
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise Usage("not a boolean: %r" % value)


def hidden_sizes(value):
    return [int(part) for part in value.split(",")] if value else []


def build_model(sizes):
    """nn.Sequential(Linear, ReLU, ..., Linear): the lesson's model for any depth."""
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def load_data(path):
    """The Wine CSV in scikit-learn's own layout (the file load_wine reads): a header line
    `n_samples,n_features,names...`, then rows of features followed by the integer target."""
    if not os.path.isabs(path) and not os.path.exists(path):
        path = os.path.join(REPO, path)
    with open(path) as f:
        reader = csv.reader(f)
        first = next(reader)
        n_samples, n_features = int(first[0]), int(first[1])
        X = np.empty((n_samples, n_features))
        y = np.empty((n_samples,), dtype=int)
        for i, row in enumerate(reader):
            X[i] = np.asarray(row[:-1], dtype=np.float64)
            y[i] = np.asarray(row[-1], dtype=int)
    return X, y


def make_scheduler(kind, optimizer, f):
    """--warmup W > 0: LinearLR(start_factor, 1.0, W) then `kind`, chained by SequentialLR."""
    warmup = int(f["warmup"])
    if warmup == 0:
        return make_one_scheduler(kind, optimizer, f)
    warm = optim.lr_scheduler.LinearLR(optimizer, start_factor=float(f["start-factor"]),
                                       end_factor=1.0, total_iters=warmup)
    after = make_one_scheduler(kind, optimizer, f)
    return optim.lr_scheduler.SequentialLR(optimizer, [warm, after], milestones=[warmup])


def make_one_scheduler(kind, optimizer, f):
    if kind == "plateau":
        return optim.lr_scheduler.ReduceLROnPlateau(
            optimizer, mode=f["mode"], factor=float(f["factor"]), patience=int(f["patience"]),
            threshold=float(f["threshold"]), threshold_mode=f["threshold-mode"],
            cooldown=int(f["cooldown"]), min_lr=float(f["min-lr"]), eps=float(f["sched-eps"]))
    if kind == "step":
        return optim.lr_scheduler.StepLR(optimizer, step_size=int(f["step-size"]), gamma=float(f["gamma"]))
    if kind == "exp":
        return optim.lr_scheduler.ExponentialLR(optimizer, gamma=float(f["gamma"]))
    if kind == "cosine":
        return optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=int(f["t-max"]),
                                                    eta_min=float(f["eta-min"]))
    if kind == "linear":
        # Multiplies the optimizer's lr by start_factor here, before the first epoch.
        return optim.lr_scheduler.LinearLR(
            optimizer, start_factor=float(f["start-factor"]), end_factor=float(f["end-factor"]),
            total_iters=int(f["total-iters"]))
    if kind == "none":
        return None
    raise Usage("unknown scheduler %r" % kind)


def load_split(f):
    """The data file's train/validation split as float32 / int64 tensors, standardized with the
    training split's mean and population std (in double) when f["standardize"] says so."""
    X, y = load_data(f["data"])
    X_train, X_val, y_train, y_val = train_test_split(
        X, y, test_size=float(f["test-size"]), random_state=int(f["split-seed"]))
    X_train = torch.tensor(X_train, dtype=torch.float32)
    X_val = torch.tensor(X_val, dtype=torch.float32)
    y_train = torch.tensor(y_train, dtype=torch.long)
    y_val = torch.tensor(y_val, dtype=torch.long)
    if as_bool(f["standardize"]):
        train64 = X_train.double()
        mean = train64.mean(dim=0)
        std = train64.std(dim=0, unbiased=False)  # population std
        std[std == 0] = 1.0
        X_train = ((train64 - mean) / std).float()
        X_val = ((X_val.double() - mean) / std).float()
    return X_train, X_val, y_train, y_val


def train(args):
    given = parse_flags(args, SWITCHES)
    unknown = set(given) - set(TRAIN_DEFAULTS)
    if unknown:
        raise Usage("unknown flags: %s" % ", ".join(sorted(unknown)))
    f = dict(TRAIN_DEFAULTS, **given)
    X_train, X_val, y_train, y_val = load_split(f)

    torch.manual_seed(int(f["seed"]))
    n_classes = int(max(y_train.max().item(), y_val.max().item())) + 1
    model = build_model([X_train.shape[1]] + hidden_sizes(f["hidden"]) + [n_classes])
    criterion = nn.CrossEntropyLoss()
    b1, b2 = (float(b) for b in f["betas"].split(","))
    optimizer = optim.Adam(model.parameters(), lr=float(f["lr"]), betas=(b1, b2),
                           eps=float(f["adam-eps"]), weight_decay=float(f["weight-decay"]),
                           amsgrad=as_bool(f["amsgrad"]))
    scheduler = make_scheduler(f["scheduler"], optimizer, f)
    epochs = int(f["epochs"])

    rows = []
    diverged = False
    for epoch in range(epochs):
        model.train()
        optimizer.zero_grad()
        out = model(X_train)
        loss = criterion(out, y_train)
        if not math.isfinite(loss.item()):
            diverged = True
            break
        loss.backward()
        optimizer.step()
        model.eval()
        with torch.no_grad():
            val_out = model(X_val)
            val_loss = criterion(val_out, y_val)
            val_acc = (val_out.argmax(1) == y_val).float().mean()
        if not math.isfinite(val_loss.item()):
            diverged = True
            break
        metric = {"val_loss": val_loss, "val_acc": val_acc, "train_loss": loss}[f["monitor"]]
        if isinstance(scheduler, optim.lr_scheduler.ReduceLROnPlateau):
            scheduler.step(metric)
        elif scheduler is not None:
            scheduler.step()
        lr = optimizer.param_groups[0]["lr"]
        if f["format"] == "csv":
            rows.append("%d,%.9g,%.9g,%.9g,%.17g" % (epoch + 1, loss.item(), val_loss.item(),
                                                     val_acc.item(), lr))
        elif (epoch + 1) % 10 == 0:
            rows.append("Epoch [%d/%d], LR: %.6f" % (epoch + 1, epochs, lr))

    print("# lrplay " + " ".join(["train"] + args))
    if diverged:
        print("# exit: 3")
    if f["format"] == "csv":
        print("epoch,train_loss,val_loss,val_acc,lr")
    for row in rows:
        print(row)


def schedule(args, stdin):
    f = parse_flags(args, set())
    for required in ("scheduler", "lr"):
        if required not in f:
            raise Usage("--%s is required" % required)
    f = dict(TRAIN_DEFAULTS, **f)
    # A one-parameter dummy optimizer holds the rate; SGD never changes it.
    optimizer = optim.SGD([torch.zeros(1, requires_grad=True)], lr=float(f["lr"]))
    scheduler = make_scheduler(f["scheduler"], optimizer, f)
    rows = []
    header = "# lrplay " + " ".join(["schedule"] + args)
    if f["scheduler"] == "plateau":
        words = stdin.read().split()
        for step, word in enumerate(words, 1):
            scheduler.step(float(word))  # float() accepts nan, inf, -inf as strtod does
            rows.append("%d,%.17g" % (step, optimizer.param_groups[0]["lr"]))
        print(header + " < metrics")
        print("# metrics: " + " ".join(words))
    else:
        for step in range(1, int(f["steps"]) + 1):
            if scheduler is not None:
                scheduler.step()
            rows.append("%d,%.17g" % (step, optimizer.param_groups[0]["lr"]))
        print(header)
    print("step,lr")
    for row in rows:
        print(row)


def split(args):
    f = parse_flags(args, set())
    n = int(f["n"])
    test_size = float(f.get("test-size", "0.25"))
    seed = int(f.get("seed", "0"))
    train_idx, test_idx = train_test_split(np.arange(n), test_size=test_size, random_state=seed)
    print("# lrplay " + " ".join(["split"] + args))
    print(",".join(str(i) for i in test_idx))
    print(",".join(str(i) for i in train_idx))


def init(args):
    f = parse_flags(args, set())
    sizes = [int(f.get("features", "13"))] + hidden_sizes(f.get("hidden", "10,10")) + \
            [int(f.get("classes", "3"))]
    torch.manual_seed(int(f.get("seed", "5")))
    model = build_model(sizes)
    print("# lrplay " + " ".join(["init"] + args))
    for p in model.parameters():
        for v in p.detach().reshape(-1).tolist():
            print("%.9g" % v)


def main(argv):
    if not argv:
        sys.exit(__doc__)
    command, args = argv[0], argv[1:]
    try:
        if command == "train":
            train(args)
        elif command == "schedule":
            schedule(args, sys.stdin)
        elif command == "split":
            split(args)
        elif command == "init":
            init(args)
        else:
            raise Usage("unknown command %r (train, schedule, split, init)" % command)
    except Usage as e:
        sys.exit("reference.py: %s" % e)


if __name__ == "__main__":
    main(sys.argv[1:])
