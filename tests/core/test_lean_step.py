"""The lean optimizer step: the same parameters and state as torch.optim's own step, bit for bit."""
from __future__ import annotations

import copy

import pytest
import torch
from torch import nn

from dlstudio.core.lean_step import lean_step


def model() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 2))


def set_grads(net: nn.Module, seed: int, skip: int | None = None) -> None:
    g = torch.Generator().manual_seed(seed)
    for i, p in enumerate(net.parameters()):
        p.grad = None if i == skip else torch.randn(p.shape, generator=g)


def same(a: torch.optim.Optimizer, b: torch.optim.Optimizer, net_a: nn.Module, net_b: nn.Module) -> None:
    for p, q in zip(net_a.parameters(), net_b.parameters()):
        assert torch.equal(p, q)
        sa, sb = a.state.get(p, {}), b.state.get(q, {})
        assert sa.keys() == sb.keys()
        for key in sa:
            assert torch.equal(sa[key], sb[key]), key


@pytest.mark.parametrize("make", [
    lambda ps: torch.optim.Adam(ps, lr=1e-2, fused=True),
    lambda ps: torch.optim.Adam(ps, lr=1e-2, weight_decay=0.1, fused=True),
    lambda ps: torch.optim.AdamW(ps, lr=1e-2, weight_decay=0.1, fused=True),
], ids=["adam", "adam-weight-decay", "adamw"])
def test_the_lean_step_moves_parameters_and_state_as_torch_optim_does(make, monkeypatch):
    net_a, net_b = model(), model()
    ref, lean = make(net_a.parameters()), make(net_b.parameters())
    step = lean_step(lean)
    calls = []
    monkeypatch.setattr(lean, "step", lambda *a, **k: calls.append(1) or type(lean).step(lean, *a, **k))
    for k in range(6):
        skip = 2 if k == 3 else None  # a parameter without a gradient this step keeps its state
        set_grads(net_a, k, skip), set_grads(net_b, k, skip)
        if k == 4:  # a scheduler changes the rate between steps
            ref.param_groups[0]["lr"] = lean.param_groups[0]["lr"] = 3e-3
        ref.step()
        step()
        same(ref, lean, net_a, net_b)
    assert len(calls) == 1  # only the first step went through torch.optim (it lays out the state)


def test_a_loaded_state_is_the_one_the_lean_step_continues_from(monkeypatch):
    net_a, net_b = model(), model()
    ref = torch.optim.Adam(net_a.parameters(), lr=1e-2, fused=True)
    first = torch.optim.Adam(net_b.parameters(), lr=1e-2, fused=True)
    for k in range(3):
        set_grads(net_a, k), set_grads(net_b, k)
        ref.step()
        lean_step(first)()
    saved = copy.deepcopy(first.state_dict())
    resumed = torch.optim.Adam(net_b.parameters(), lr=1e-2, fused=True)
    step = lean_step(resumed)
    resumed.load_state_dict(saved)  # after the step was made: it reads the group and state as they are then
    calls = []
    monkeypatch.setattr(resumed, "step", lambda *a, **k: calls.append(1) or torch.optim.Adam.step(resumed, *a, **k))
    for k in range(3, 6):
        set_grads(net_a, k), set_grads(net_b, k)
        ref.step()
        step()
    assert calls == []  # the loaded state is there: every step was the lean one
    assert all(s["step"].item() == 6 for s in resumed.state.values())  # 3 saved steps, then 3 more
    same(ref, resumed, net_a, net_b)


@pytest.mark.parametrize("make", [
    lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9),
    lambda ps: torch.optim.Adam(ps, lr=1e-2),  # not fused
    lambda ps: torch.optim.Adam(ps, lr=1e-2, fused=True, amsgrad=True),
    lambda ps: torch.optim.RMSprop(ps, lr=1e-2),
], ids=["sgd", "adam-unfused", "amsgrad", "rmsprop"])
def test_other_optimizers_step_as_they_are(make, monkeypatch):
    net = model()
    opt = make(net.parameters())
    calls = []
    monkeypatch.setattr(opt, "step", lambda *a, **k: calls.append(1) or type(opt).step(opt, *a, **k))
    step = lean_step(opt)
    for k in range(3):
        set_grads(net, k)
        step()
    assert len(calls) == 3  # every step was torch.optim's own


def test_a_group_added_after_the_step_was_made_is_stepped_too():
    net_a, net_b = model(), model()
    extra_a, extra_b = nn.Parameter(torch.ones(3)), nn.Parameter(torch.ones(3))
    ref = torch.optim.Adam(net_a.parameters(), lr=1e-2, fused=True)
    lean = torch.optim.Adam(net_b.parameters(), lr=1e-2, fused=True)
    step = lean_step(lean)
    for k in range(4):
        if k == 2:
            ref.add_param_group({"params": [extra_a]})
            lean.add_param_group({"params": [extra_b]})
        set_grads(net_a, k), set_grads(net_b, k)
        extra_a.grad, extra_b.grad = torch.full((3,), 0.5), torch.full((3,), 0.5)
        ref.step()
        step()
    assert torch.equal(extra_a, extra_b) and not torch.equal(extra_b, torch.ones(3))
    same(ref, lean, net_a, net_b)
