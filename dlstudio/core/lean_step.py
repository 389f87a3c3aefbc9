"""``optimizer.step()`` for fused Adam and AdamW without torch.optim's Python around the kernel.

``torch.optim.Adam(fused=True).step()`` runs two kernels: one adds 1 to every parameter's step count,
the other (``_fused_adam_``, or ``_fused_adamw_``) updates the parameters and both moments. Around them
torch.optim spends ~120 µs of Python a step here (profiler hooks, grouping the tensors by device and
dtype, re-reading the state): 3 % of an epoch at batch 1,024 and more at small batches. The lean step
calls the same two kernels with the same arguments, so the parameters and the state come out bit for
bit the same (``tests/core/test_lean_step.py``), and it stays a torch.optim optimizer: its state_dict,
the schedulers that change its learning rate, and a torchrun (DDP) run see no difference. Each
parameter group (the output layer has its own learning rate in a regression: ``output_scale``) gets
the kernels' calls with its options. Anything else (another optimizer, options the kernels are not
called with here) uses ``optimizer.step`` itself.
"""
from __future__ import annotations

from typing import Callable

import torch


def lean_step(optimizer: torch.optim.Optimizer) -> Callable[[], None]:
    """A callable doing what ``optimizer.step()`` does (no closure), faster where it can. It reads the
    optimizer's group and state at each step: ``load_state_dict`` replaces both."""
    if type(optimizer) not in (torch.optim.Adam, torch.optim.AdamW):
        return optimizer.step
    checked: list = [None, False]  # the parameter groups last looked at, and whether the kernels fit them

    def step() -> None:
        groups = optimizer.param_groups
        if [id(g) for g in groups] != checked[0]:
            checked[:] = [id(g) for g in groups], all(_plain(g) or not g["params"] for g in groups)
        scaled = getattr(optimizer, "grad_scale", None) is not None or getattr(optimizer, "found_inf", None) is not None
        state = optimizer.state
        lives = [[p for p in group["params"] if p.grad is not None] for group in groups]
        states = [[state.get(p) for p in live] for live in lives]
        # torch.optim's own step: options the kernels are not called with here, AMP's scaling, and a
        # parameter's first step (it lays out the state)
        if not checked[1] or scaled or not any(lives) or not all(all(s) for s in states):
            optimizer.step()
            return
        with torch.no_grad():
            for group, live, group_states in zip(groups, lives, states):
                if not live:
                    continue
                steps = [s["step"] for s in group_states]
                beta1, beta2 = group["betas"]
                kernel = torch._fused_adamw_ if group["decoupled_weight_decay"] else torch._fused_adam_
                torch._foreach_add_(steps, 1)
                kernel(live, [p.grad for p in live], [s["exp_avg"] for s in group_states],
                       [s["exp_avg_sq"] for s in group_states], [], steps, amsgrad=False, lr=group["lr"],
                       beta1=beta1, beta2=beta2, weight_decay=group["weight_decay"], eps=group["eps"],
                       maximize=False, grad_scale=None, found_inf=None)

    return step


def _plain(group: dict) -> bool:
    """Whether the two kernels, called as ``step`` calls them, do what torch.optim would for ``group``."""
    params = group["params"]
    return bool(params) and group["fused"] and not (
        group["amsgrad"] or group["maximize"] or group["capturable"] or group["differentiable"]
        or isinstance(group["lr"], torch.Tensor)) and all(
        p.dtype == torch.float32 and p.device == params[0].device and not p.is_sparse for p in params)
