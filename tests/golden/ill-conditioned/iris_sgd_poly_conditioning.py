#!/usr/bin/python3
"""Evidence that train_iris_sgd_poly_seed0.csv is ill-conditioned (tests/golden/README.md).

NOT run by CI. Trains the file's run in PyTorch 2.6 (the Debian 13 chroot of TOOLCHAIN.md) with
its inputs as they are or moved by one ulp, and prints lrplay's CSV (plus per-batch losses with a
second argument). From the repository root:

    cp tests/golden/ill-conditioned/iris_sgd_poly_conditioning.py data/iris.csv /work/trixie/root/
    chroot /work/trixie python3 /root/iris_sgd_poly_conditioning.py none   # = the reference file
    chroot /work/trixie python3 /root/iris_sgd_poly_conditioning.py up     # X_train, X_val + 1 ulp
    chroot /work/trixie env ATEN_CPU_CAPABILITY=default python3 /root/iris_sgd_poly_conditioning.py none

nudge: none | up | down (X_train and X_val) | trainup | valup (one of them); batch epochs: print
each batch's loss for that many epochs.
"""

import csv
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
from sklearn.model_selection import train_test_split
from torch.utils.data import DataLoader, TensorDataset

torch.set_num_threads(1)


def load_iris():
    """data/iris.csv in scikit-learn's layout: `n_samples,n_features,names...`, features, target."""
    here = os.path.dirname(os.path.abspath(__file__))
    path = next(p for p in (os.path.join(here, "iris.csv"), "data/iris.csv") if os.path.exists(p))
    with open(path) as f:
        reader = csv.reader(f)
        first = next(reader)
        X = np.empty((int(first[0]), int(first[1])))
        y = np.empty((int(first[0]),), dtype=int)
        for i, row in enumerate(reader):
            X[i] = np.asarray(row[:-1], dtype=np.float64)
            y[i] = int(row[-1])
    return X, y


def main(nudge, batch_epochs):
    X, y = load_iris()
    X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=42)
    X_train = torch.tensor(X_train, dtype=torch.float32)
    X_val = torch.tensor(X_val, dtype=torch.float32)
    y_train = torch.tensor(y_train, dtype=torch.long)
    y_val = torch.tensor(y_val, dtype=torch.long)
    toward = torch.tensor(float("-inf") if nudge == "down" else float("inf"))
    if nudge in ("up", "down", "trainup"):
        X_train = torch.nextafter(X_train, toward)
    if nudge in ("up", "down", "valup"):
        X_val = torch.nextafter(X_val, toward)

    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 10), nn.ReLU(), nn.Linear(10, 10), nn.ReLU(), nn.Linear(10, 3))
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    scheduler = optim.lr_scheduler.PolynomialLR(optimizer, total_iters=50, power=2.0)
    loader = DataLoader(TensorDataset(X_train, y_train), batch_size=10, shuffle=True)
    print("epoch,train_loss,val_loss,val_acc,lr")
    for epoch in range(60):
        model.train()
        running = 0.0
        for batch, (xb, yb) in enumerate(loader):
            optimizer.zero_grad()
            loss = criterion(model(xb), yb)
            loss.backward()
            optimizer.step()
            running += loss.item() * len(yb)
            if epoch < batch_epochs:
                print("# batch %d %d %.9g" % (epoch + 1, batch, loss.item()))
        model.eval()
        with torch.no_grad():
            out = model(X_val)
            val_loss = criterion(out, y_val)
            val_acc = (out.argmax(1) == y_val).float().mean()
        scheduler.step()
        print("%d,%.9g,%.9g,%.9g,%.17g" % (epoch + 1, running / len(y_train), val_loss.item(),
                                          val_acc.item(), optimizer.param_groups[0]["lr"]))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "none", int(sys.argv[2]) if len(sys.argv) > 2 else 0)
