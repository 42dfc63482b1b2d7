"""References for `lrplay schedule --schedule "<expression>"`: the rate (and SGD's momentum when a
scheduler cycles it) after each scheduler.step(), from real PyTorch. Developer tooling, never CI.

    /usr/bin/python3 tests/golden/sched/generate.py [out_dir]   (PyTorch 1.13, Debian 12)
    chroot /work/trixie python3 /root/generate.py /root/out      (PyTorch 2.6, Debian 13)

Cases marked "2.x" need PyTorch 2's recursive SequentialLR undo and are written only under 2.x.

The expression is evaluated here by Python itself, with `optimizer` inserted as PyTorch expects;
lrplay parses the same text without eval.
"""
import os
import re
import sys

import torch
from torch.optim import lr_scheduler

HERE = os.path.dirname(os.path.abspath(__file__))

# name: (expression, lr, steps, momentum)
CASES = {
    "chained_constant_exp": ("ChainedScheduler([ConstantLR(factor=0.5, total_iters=4), ExponentialLR(gamma=0.9)])", 0.1, 12, 0.0),
    "chained_exp_constant": ("ChainedScheduler([ExponentialLR(gamma=0.9), ConstantLR(factor=0.5, total_iters=4)])", 0.1, 12, 0.0),
    "sequential_constant_exp": ("SequentialLR([ConstantLR(factor=0.1, total_iters=3), ExponentialLR(gamma=0.9)], milestones=[3])", 0.05, 10, 0.0),
    "sequential_exp_linear": ("SequentialLR([ExponentialLR(gamma=0.8), LinearLR(start_factor=0.5, total_iters=4)], milestones=[3])", 0.1, 12, 0.0),
    "sequential_three_stages": ("SequentialLR([LinearLR(start_factor=0.1, total_iters=4), StepLR(step_size=3, gamma=0.5), CosineAnnealingLR(T_max=5, eta_min=0.001)], milestones=[4, 10])", 0.2, 20, 0.0),
    "sequential_warmup_restarts": ("SequentialLR([LinearLR(start_factor=0.2, total_iters=3), CosineAnnealingWarmRestarts(T_0=4, T_mult=2)], milestones=[3])", 0.1, 20, 0.0),
    "sequential_chained_first_2x": ("SequentialLR([ChainedScheduler([ConstantLR(factor=0.5, total_iters=2), ExponentialLR(gamma=0.9)]), MultiStepLR(milestones=[3, 6], gamma=0.5)], milestones=[5])", 0.1, 14, 0.0),
    "sequential_warmup_cyclic": ("SequentialLR([LinearLR(start_factor=0.5, total_iters=2), CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=3, mode='exp_range', gamma=0.9)], milestones=[2])", 0.1, 16, 0.9),
    "chained_poly_multistep": ("ChainedScheduler([PolynomialLR(total_iters=8, power=2.0), MultiStepLR(milestones=[2, 4], gamma=0.5)])", 0.1, 10, 0.0),
    "onecycle_cos": ("OneCycleLR(max_lr=0.5, total_steps=25, pct_start=0.25)", 0.1, 25, 0.9),
    "cyclic_triangular_down": ("CyclicLR(base_lr=0.001, max_lr=0.01, step_size_up=2, step_size_down=5, cycle_momentum=False)", 0.1, 20, 0.0),
}


def run(expr, lr, steps, momentum):
    p = [torch.zeros(1, requires_grad=True)]
    optimizer = torch.optim.SGD(p, lr=lr, momentum=momentum)
    # Insert the optimizer as every constructor's first argument (ChainedScheduler takes none).
    code = re.sub(r"\b(\w+LR|CosineAnnealingWarmRestarts)\(", r"\1(optimizer, ", expr)
    scheduler = eval(code, {**vars(lr_scheduler), "optimizer": optimizer})
    cycles = "CyclicLR" in expr and "cycle_momentum=False" not in expr or "OneCycleLR" in expr
    rows = []
    for step in range(1, steps + 1):
        optimizer.step()
        scheduler.step()
        group = optimizer.param_groups[0]
        row = f"{step},{group['lr']:.17g}"
        if cycles:
            row += f",{group['momentum']:.17g}"
        rows.append(row)
    header = "step,lr,momentum" if cycles else "step,lr"
    return header, rows


out_dir = sys.argv[1] if len(sys.argv) > 1 else HERE
for name, (expr, lr, steps, momentum) in CASES.items():
    if name.endswith("_2x") and torch.__version__ < "2":
        continue
    header, rows = run(expr, lr, steps, momentum)
    command = f'# lrplay schedule --schedule "{expr}" --lr {lr} --steps {steps}'
    if momentum:
        command += f" --momentum {momentum}"
    with open(os.path.join(out_dir, f"schedule_{name}.csv"), "w") as out:
        out.write(command + "\n")
        out.write(f"# PyTorch {torch.__version__}\n")
        out.write(header + "\n" + "\n".join(rows) + "\n")
