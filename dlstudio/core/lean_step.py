"""``optimizer.step()`` for fused Adam and AdamW without torch.optim's Python around the kernel.

``torch.optim.Adam(fused=True).step()`` runs two kernels: one adds 1 to every parameter's step count,
the other (``_fused_adam_``, or ``_fused_adamw_``) updates the parameters and both moments. Around them
torch.optim spends ~120 µs of Python a step here (profiler hooks, grouping the tensors by device and
dtype, re-reading the state): 3 % of an epoch at batch 1,024 and more at small batches. The lean step
calls the same two kernels with the same arguments, so the parameters and the state come out bit for
bit the same (``tests/core/test_lean_step.py``), and it stays a torch.optim optimizer: its state_dict,
the schedulers that change its learning rate, and a torchrun (DDP) run see no difference. Anything
else (another optimizer, several parameter groups, options the kernels are not called with here) uses
``optimizer.step`` itself.
"""
from __future__ import annotations

from typing import Callable

import torch


def lean_step(optimizer: torch.optim.Optimizer) -> Callable[[], None]:
    """A callable doing what ``optimizer.step()`` does (no closure), faster where it can. It reads the
    optimizer's group and state at each step: ``load_state_dict`` replaces both."""
    if type(optimizer) not in (torch.optim.Adam, torch.optim.AdamW):
        return optimizer.step
    checked: list = [None, False]  # the parameter group last looked at, and whether the kernels fit it

    def step() -> None:
        groups = optimizer.param_groups
        if groups[0] is not checked[0]:
            checked[:] = groups[0], _plain(groups[0])
        scaled = getattr(optimizer, "grad_scale", None) is not None or getattr(optimizer, "found_inf", None) is not None
        group, state = groups[0], optimizer.state
        live = [p for p in group["params"] if p.grad is not None]
        states = [state.get(p) for p in live]
        # torch.optim's own step: several groups (add_param_group may add one later), options the
        # kernels are not called with here, AMP's scaling, and a parameter's first step (it lays out
        # the state)
        if len(groups) != 1 or not checked[1] or scaled or not live or not all(states):
            optimizer.step()
            return
        steps = [s["step"] for s in states]
        beta1, beta2 = group["betas"]
        kernel = torch._fused_adamw_ if group["decoupled_weight_decay"] else torch._fused_adam_
        with torch.no_grad():
            torch._foreach_add_(steps, 1)
            kernel(live, [p.grad for p in live], [s["exp_avg"] for s in states],
                   [s["exp_avg_sq"] for s in states], [], steps, amsgrad=False, lr=group["lr"], beta1=beta1,
                   beta2=beta2, weight_decay=group["weight_decay"], eps=group["eps"], maximize=False,
                   grad_scale=None, found_inf=None)

    return step


def _plain(group: dict) -> bool:
    """Whether the two kernels, called as ``step`` calls them, do what torch.optim would for ``group``."""
    params = group["params"]
    return bool(params) and group["fused"] and not (
        group["amsgrad"] or group["maximize"] or group["capturable"] or group["differentiable"]
        or isinstance(group["lr"], torch.Tensor)) and all(
        p.dtype == torch.float32 and p.device == params[0].device and not p.is_sparse for p in params)
