#!/usr/bin/python3
"""PyTorch references for unit tests of the core (not lrplay commands; test_golden.cpp skips .txt).

NOT run by CI. Needs Debian's python3-torch (1.13) under /usr/bin/python3. From the repository root:

    ATEN_CPU_CAPABILITY=default /usr/bin/python3 tests/golden/units/units.py loader > tests/golden/units/loader_orders.txt
    ATEN_CPU_CAPABILITY=default /usr/bin/python3 tests/golden/units/units.py optim > tests/golden/units/optimizer_steps.txt

(generate.sh in this folder runs both). The generic CPU kernels (ATEN_CPU_CAPABILITY=default) round
every float operation once, as the C++ core does (-ffp-contract=off), so the optimizer steps must
match bit for bit; the AVX2 kernels fuse a*b+c and differ in the last bits.

loader: the sample order of every epoch of DataLoader(TensorDataset(X, y), batch_size=B,
  shuffle=True) after torch.manual_seed(seed) and building the lesson's nn.Sequential MLP, plus
  torch.randperm(n, generator=torch.Generator().manual_seed(s)) for some 63-bit seeds.
optim: float32 parameters after each step of torch.optim.SGD (this PyTorch's own class, whose
  single-tensor arithmetic is 2.6's) and of PyTorch 2.6's _single_tensor_adam / _single_tensor_adamw,
  transcribed below op for op (1.13's Adam updates exp_avg with mul_/add_, 2.x with lerp_), on fixed
  gradients, some with momentum or beta1 changed between steps as momentum cycling does.
"""

import sys

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.set_num_threads(1)


def header(what):
    print(f"# ATEN_CPU_CAPABILITY=default /usr/bin/python3 tests/golden/units/units.py {what}")
    print(f"# PyTorch {torch.__version__} (Debian 12 python3-torch 1.13.1+dfsg-4), generic CPU kernels, one thread")


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i + 2 < len(sizes):
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def loader():
    header("loader")
    print("# randperm <seed> <n>: <permutation>")
    for seed in [0, 1, 42, 2**32 + 7, 2**63 - 1, 6148914691236517205]:
        for n in [1, 2, 10, 142]:
            g = torch.Generator().manual_seed(seed)
            perm = torch.randperm(n, generator=g).tolist()
            print(f"randperm {seed} {n}: {' '.join(map(str, perm))}")
    print("# random_int64 <seed> <count>: values of torch.empty((), dtype=torch.int64).random_()")
    for seed in [0, 5, 123456789]:
        torch.manual_seed(seed)
        values = [int(torch.empty((), dtype=torch.int64).random_().item()) for _ in range(4)]
        print(f"random_int64 {seed} 4: {' '.join(map(str, values))}")
    print("# loader <seed> <layer sizes> <n> <batch size> <epoch>: <sample order of the epoch>")
    cases = [
        (5, [13, 10, 10, 3], 142, 16, 3),
        (0, [13, 10, 10, 3], 142, 32, 3),
        (1, [4, 10, 10, 3], 120, 10, 2),
        (2, [30, 10, 10, 2], 455, 32, 2),
        (0, [64, 32, 10], 1437, 64, 2),
        (3, [13, 8, 3], 7, 3, 4),
    ]
    for seed, sizes, n, batch, epochs in cases:
        torch.manual_seed(seed)
        mlp(sizes)
        data = TensorDataset(torch.arange(n), torch.zeros(n))
        dl = DataLoader(data, batch_size=batch, shuffle=True)
        for epoch in range(1, epochs + 1):
            order = []
            for xb, _ in dl:
                assert len(xb) <= batch
                order += xb.tolist()
            sizes_text = ",".join(map(str, sizes))
            print(f"loader {seed} {sizes_text} {n} {batch} {epoch}: {' '.join(map(str, order))}")


# PyTorch 2.6's torch/optim/adam.py _single_tensor_adam and adamw.py _single_tensor_adamw, the
# non-capturable path, for one tensor.
def adam_step_26(param, grad, state, lr, beta1, beta2, eps, weight_decay, amsgrad, decoupled):
    state["step"] += 1
    if decoupled:
        param.mul_(1 - lr * weight_decay)
    elif weight_decay != 0:
        grad = grad.add(param, alpha=weight_decay)
    exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
    exp_avg.lerp_(grad, 1 - beta1)
    exp_avg_sq.mul_(beta2).addcmul_(grad, grad.conj(), value=1 - beta2)
    step = float(state["step"])
    bias_correction1 = 1 - beta1**step
    bias_correction2 = 1 - beta2**step
    step_size = lr / bias_correction1
    bias_correction2_sqrt = bias_correction2**0.5
    if amsgrad:
        torch.maximum(state["max_exp_avg_sq"], exp_avg_sq, out=state["max_exp_avg_sq"])
        denom = (state["max_exp_avg_sq"].sqrt() / bias_correction2_sqrt).add_(eps)
    else:
        denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
    param.addcdiv_(exp_avg, denom, value=-step_size)


START = [1.0, -2.0, 0.5, 0.0, 1.25, -0.75, 3.0e-3, 40.0]
GRADS = [
    [0.1, -3.0, 1e-4, 0.0, 2.0, 0.3, -0.01, 5.0],
    [-0.2, -1.0, 1e-4, 0.5, 2.0, -0.3, 0.02, -4.0],
    [0.05, 0.5, -2e-4, 0.25, -1.0, 0.3, 0.0, 1.0],
    [0.3, -0.7, 3e-3, -0.5, 0.125, 0.01, -0.03, 2.5],
    [-1.5, 0.2, 1e-5, 0.1, 0.6, -0.2, 0.04, -0.5],
]
# Values set before steps 3, 4 and 5: momentum cycling writes momentum (SGD) or beta1 (Adam).
CYCLED = [0.85, 0.8, 0.95]


def fmt(t):
    return " ".join(f"{v:.9g}" for v in t.tolist())


def optim():
    header("optim")
    print("# <case> <step>: <float32 parameters after the step, %.9g>")
    print("# case names: optimizer and the options that differ from the defaults (parsed by test_optimizers.cpp)")
    print(f"start: {' '.join(repr(v) for v in START)}")
    for i, g in enumerate(GRADS):
        print(f"grad {i + 1}: {' '.join(repr(v) for v in g)}")
    print(f"cycled from step 3: {' '.join(repr(v) for v in CYCLED)}")
    sgd_cases = [
        ("sgd lr=0.1", dict(lr=0.1)),
        ("sgd lr=0.1 momentum=0.9", dict(lr=0.1, momentum=0.9)),
        ("sgd lr=0.05 momentum=0.9 dampening=0.3 weight_decay=0.01", dict(lr=0.05, momentum=0.9, dampening=0.3, weight_decay=0.01)),
        ("sgd lr=0.1 momentum=0.9 nesterov=1", dict(lr=0.1, momentum=0.9, nesterov=True)),
        ("sgd lr=0.1 momentum=0.9 nesterov=1 weight_decay=0.001", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.001)),
        ("sgd lr=0.1 momentum=0.9 cycled=1", dict(lr=0.1, momentum=0.9)),
        ("sgd lr=0.1 momentum=0 cycled=1", dict(lr=0.1, momentum=0.0)),
    ]
    for name, kw in sgd_cases:
        p = torch.tensor(START, dtype=torch.float32, requires_grad=True)
        opt = torch.optim.SGD([p], **kw)
        for i, g in enumerate(GRADS):
            if "cycled=1" in name and i >= 2:
                opt.param_groups[0]["momentum"] = CYCLED[i - 2]
            p.grad = torch.tensor(g, dtype=torch.float32)
            opt.step()
            print(f"{name} {i + 1}: {fmt(p.detach())}")
    adam_cases = [
        ("adam lr=0.1", dict(lr=0.1)),
        ("adam lr=0.01 beta1=0.8 beta2=0.99 eps=1e-6", dict(lr=0.01, beta1=0.8, beta2=0.99, eps=1e-6)),
        ("adam lr=0.1 beta1=0.3", dict(lr=0.1, beta1=0.3)),
        ("adam lr=0.1 weight_decay=0.1", dict(lr=0.1, weight_decay=0.1)),
        ("adam lr=0.1 amsgrad=1", dict(lr=0.1, amsgrad=True)),
        ("adam lr=0.1 cycled=1", dict(lr=0.1)),
        ("adamw lr=0.01 weight_decay=0.01", dict(lr=0.01, weight_decay=0.01, decoupled=True)),
        ("adamw lr=0.1 weight_decay=0.5 amsgrad=1 cycled=1", dict(lr=0.1, weight_decay=0.5, amsgrad=True, decoupled=True)),
    ]
    for name, kw in adam_cases:
        o = dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, amsgrad=False, decoupled=False)
        o.update(kw)
        p = torch.tensor(START, dtype=torch.float32)
        z = torch.zeros_like(p)
        state = {"step": 0, "exp_avg": z.clone(), "exp_avg_sq": z.clone(), "max_exp_avg_sq": z.clone()}
        for i, g in enumerate(GRADS):
            if "cycled=1" in name and i >= 2:
                o["beta1"] = CYCLED[i - 2]
            adam_step_26(p, torch.tensor(g, dtype=torch.float32), state, **o)
            print(f"{name} {i + 1}: {fmt(p)}")


if __name__ == "__main__":
    {"loader": loader, "optim": optim}[sys.argv[1]]()
