#!/usr/bin/python3
"""Evidence that lr_find_digits_sgd.csv is ill-conditioned where it diverges (tests/golden/README.md).

NOT run by CI. Runs the file's LR range test (torch-lr-finder's range_test semantics as issue 10
states them: exponential rates set before each step, the batch's loss before the step, smoothing
f = 0.05, stop when the smoothed loss passes 5x its minimum) in PyTorch 2.6 (the Debian 13 chroot of
TOOLCHAIN.md) with its inputs as they are or moved by one ulp, and prints lrplay's lr-find CSV.
From the repository root:

    cp tests/golden/ill-conditioned/lr_find_digits_conditioning.py data/digits.csv /work/trixie/root/
    chroot /work/trixie python3 /root/lr_find_digits_conditioning.py none   # = the reference file
    chroot /work/trixie python3 /root/lr_find_digits_conditioning.py up     # X_train + 1 ulp
    chroot /work/trixie env ATEN_CPU_CAPABILITY=default python3 /root/lr_find_digits_conditioning.py none

nudge: none | up | down (X_train moved one ulp toward +inf or -inf).
"""

import csv
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
from sklearn.model_selection import train_test_split
from torch.utils.data import DataLoader, TensorDataset

torch.set_num_threads(1)

START_LR, END_LR, NUM_ITER, SMOOTH_F, DIVERGE_TH = 1e-5, 5.0, 120, 0.05, 5.0


def load_digits():
    """data/digits.csv in scikit-learn's layout: `n_samples,n_features,names...`, features, target."""
    here = os.path.dirname(os.path.abspath(__file__))
    path = next(p for p in (os.path.join(here, "digits.csv"), "data/digits.csv") if os.path.exists(p))
    with open(path) as f:
        reader = csv.reader(f)
        first = next(reader)
        X = np.empty((int(first[0]), int(first[1])))
        y = np.empty((int(first[0]),), dtype=int)
        for i, row in enumerate(reader):
            X[i] = np.asarray(row[:-1], dtype=np.float64)
            y[i] = int(row[-1])
    return X, y


def main(nudge):
    X, y = load_digits()
    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.2, random_state=42)
    X_train = torch.tensor(X_train, dtype=torch.float32)
    y_train = torch.tensor(y_train, dtype=torch.long)
    if nudge in ("up", "down"):
        X_train = torch.nextafter(X_train, torch.tensor(float("-inf" if nudge == "down" else "inf")))

    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.SGD(model.parameters(), lr=START_LR, momentum=0.9)
    loader = DataLoader(TensorDataset(X_train, y_train), batch_size=64, shuffle=True)
    batches = iter(loader)
    print("iteration,lr,loss,smoothed_loss")
    best = math.inf
    smoothed = None
    for i in range(NUM_ITER):
        try:
            xb, yb = next(batches)
        except StopIteration:
            batches = iter(loader)
            xb, yb = next(batches)
        lr = START_LR * (END_LR / START_LR) ** (i / (NUM_ITER - 1))
        for group in optimizer.param_groups:
            group["lr"] = lr
        optimizer.zero_grad()
        loss = criterion(model(xb), yb)
        loss.backward()
        optimizer.step()
        raw = loss.item()
        smoothed = raw if smoothed is None else SMOOTH_F * raw + (1 - SMOOTH_F) * smoothed
        if not math.isfinite(smoothed):
            break
        best = min(best, smoothed)
        print("%d,%r,%.9g,%.9g" % (i + 1, lr, raw, smoothed))
        if smoothed > DIVERGE_TH * best:
            break


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "none")
