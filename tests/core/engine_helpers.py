"""Tiny data, models and callbacks shared by the engine tests."""
from __future__ import annotations

import numpy as np
import torch
from torch import nn

from dlstudio.core.callbacks import Callback
from dlstudio.core.spec import TrainConfig
from dlstudio.core.task import REGRESSION, TaskInfo

REG = TaskInfo(REGRESSION, ("y",))
WAIT = 10.0  # seconds a handshake may take before the test fails instead of hanging


def data(n: int = 256, f: int = 4, seed: int = 0, noise: float = 0.1, scale: float = 1.0):
    rng = np.random.default_rng(seed)
    X = (rng.normal(size=(n, f)) * scale).astype(np.float32)
    w = rng.normal(size=(f, 1))
    y = (X @ w + noise * rng.normal(size=(n, 1))).astype(np.float32)
    return X, y


def mlp(f: int = 4, hidden: int = 16, seed: int = 0, *middle: nn.Module) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(f, hidden), *middle, nn.ReLU(), nn.Linear(hidden, 1))


def config(**kw) -> TrainConfig:
    base = dict(batch_size=32, epochs=3, early_stopping=0, lr=1e-2, num_threads=1)
    base.update(kw)
    return TrainConfig(**base)


def state(model: nn.Module) -> dict:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def same_state(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def finite(model: nn.Module) -> bool:
    return all(bool(torch.isfinite(p).all()) for p in model.parameters())


class OnBatch(Callback):
    """Runs fn(trainer, event) on every batch event; counts batches from the events' loss tuples."""

    def __init__(self, fn=None):
        self.fn, self.batches = fn, 0

    def on_batch_end(self, trainer, event):
        self.batches += len(event.losses)
        if self.fn is not None:
            self.fn(trainer, event)
