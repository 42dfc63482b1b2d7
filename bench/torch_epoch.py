#!/usr/bin/python3
"""Times one epoch of the lesson's PyTorch loop, for comparison with bench/bench_trainer.cpp's
BM_EpochStep (or, with --digits, one mini-batch epoch on the digits, for BM_DigitsMiniBatchEpoch).
NOT run by CI. Needs Debian's python3-torch and python3-sklearn (installed for
/usr/bin/python3 only):

    cd /work/main && /usr/bin/python3 bench/torch_epoch.py
    cd /work/main && /usr/bin/python3 bench/torch_epoch.py --digits --epochs 100

One epoch is what lrplay's Trainer::step() does: model.train(), zero_grad, forward on the 142
training samples, cross-entropy, backward, Adam step; model.eval() and, under no_grad, forward on
the 36 validation samples, their loss and accuracy; ReduceLROnPlateau.step(val_loss). One thread,
as the wasm module has.

--digits: data/digits.csv (1437 training samples), MLP 64-32-10, SGD(lr=0.05, momentum=0.9),
DataLoader(TensorDataset(X_train, y_train), batch_size=32, shuffle=True) (45 batches), OneCycleLR
(max_lr=0.1) stepped after every batch, the train loss summed over the batches, then the evaluation
on the 360 validation samples.
"""

import argparse
import os
import timeit

import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
from sklearn.model_selection import train_test_split

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_wine(path):
    """data/wine.csv in scikit-learn's layout: a "n_samples,n_features,names..." header line."""
    with open(path) as f:
        f.readline()
        table = np.loadtxt(f, delimiter=",")
    return table[:, :-1], table[:, -1].astype(int)


def digits_epoch_function():
    from torch.utils.data import DataLoader, TensorDataset

    X, y = load_wine(os.path.join(REPO, "data", "digits.csv"))  # the same scikit-learn layout
    X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=42)
    X_train = torch.tensor(X_train, dtype=torch.float32)
    X_val = torch.tensor(X_val, dtype=torch.float32)
    y_train = torch.tensor(y_train, dtype=torch.long)
    y_val = torch.tensor(y_val, dtype=torch.long)

    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
    criterion = nn.CrossEntropyLoss()
    loader = DataLoader(TensorDataset(X_train, y_train), batch_size=32, shuffle=True)
    optimizer = optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    # Enough steps for every timed epoch: OneCycleLR raises an error past its total.
    scheduler = optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=10**8)

    def epoch():
        model.train()
        total = 0.0
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = criterion(model(xb), yb)
            loss.backward()
            optimizer.step()
            scheduler.step()
            total += loss.item() * len(yb)
        model.eval()
        with torch.no_grad():
            val_out = model(X_val)
            val_loss = criterion(val_out, y_val)
            val_acc = (val_out.argmax(1) == y_val).float().mean()
        return total / len(y_train), val_loss.item(), val_acc.item()

    return epoch


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=2000, help="epochs per timing (default 2000)")
    parser.add_argument("--repeat", type=int, default=5, help="timings; the best is reported")
    parser.add_argument("--digits", action="store_true", help="the digits mini-batch epoch instead")
    args = parser.parse_args()

    torch.set_num_threads(1)
    if args.digits:
        report(digits_epoch_function(), args)
        return
    X, y = load_wine(os.path.join(REPO, "data", "wine.csv"))
    X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=42)
    X_train = torch.tensor(X_train, dtype=torch.float32)
    X_val = torch.tensor(X_val, dtype=torch.float32)
    y_train = torch.tensor(y_train, dtype=torch.long)
    y_val = torch.tensor(y_val, dtype=torch.long)

    torch.manual_seed(5)
    model = nn.Sequential(nn.Linear(13, 10), nn.ReLU(), nn.Linear(10, 10), nn.ReLU(), nn.Linear(10, 3))
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.Adam(model.parameters(), lr=0.1)
    scheduler = optim.lr_scheduler.ReduceLROnPlateau(optimizer, mode="min", factor=0.1, patience=10)

    def epoch():
        model.train()
        optimizer.zero_grad()
        loss = criterion(model(X_train), y_train)
        loss.backward()
        optimizer.step()
        model.eval()
        with torch.no_grad():
            val_out = model(X_val)
            val_loss = criterion(val_out, y_val)
            val_acc = (val_out.argmax(1) == y_val).float().mean()
        scheduler.step(val_loss)
        # lrplay keeps these as numbers in its history; .item() is the same synchronisation here.
        return loss.item(), val_loss.item(), val_acc.item()

    report(epoch, args)


def report(epoch, args):
    epoch()  # warm up (allocator, autograd graph caches)
    times = timeit.repeat(epoch, number=args.epochs, repeat=args.repeat)
    best = min(times) / args.epochs
    print("torch %s, %d thread: %.1f us per epoch (best of %d x %d epochs; median %.1f us)" % (
        torch.__version__, torch.get_num_threads(), best * 1e6, args.repeat, args.epochs,
        sorted(times)[len(times) // 2] / args.epochs * 1e6))
    print("%.4f ms per epoch" % (best * 1e3))


if __name__ == "__main__":
    main()
