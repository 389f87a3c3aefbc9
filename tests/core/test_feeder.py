"""The feeder: batches in permutation order, the same with and without the prefetch thread."""
from __future__ import annotations

import os
import threading

import pytest
import torch
from torch import nn

from dlstudio.core.engine import Trainer
from dlstudio.core.feeder import GATHER_ROWS, Feeder, idle_core

from .engine_helpers import REG, OnBatch, config, data, mlp, same_state, state


def _gather_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("dlstudio-gather")]


@pytest.mark.parametrize("rows,bs", [(20_000, 64), (20_000, 1000), (3 * GATHER_ROWS + 5, 256), (100, 7)])
def test_batches_follow_the_permutation_with_or_without_prefetch(rows, bs):
    X = torch.arange(rows * 3, dtype=torch.float32).reshape(rows, 3)
    y = torch.arange(rows, dtype=torch.int64)
    perm = torch.randperm(rows, generator=torch.Generator().manual_seed(1))
    for prefetch in (False, True):
        feeder = Feeder(X, y, bs, rows, prefetch)
        try:
            seen = []
            for xb, yb in feeder.epoch(perm):
                assert len(xb) == len(yb) <= bs
                assert torch.equal(xb, X[yb])  # rows stay paired with their labels
                seen.append(yb.clone())  # a buffer is reused later: keep a copy, as a loop would not
            assert torch.equal(torch.cat(seen), perm)
            assert feeder.prefetching == (prefetch and feeder.block < rows)
        finally:
            feeder.close()


def test_prefetch_gives_bitwise_the_same_training():
    X, y = data(n=40_000, f=8)
    results = []
    for prefetch in (False, True):
        model = mlp(f=8)
        trainer = Trainer(model, nn.MSELoss(), config(batch_size=128, epochs=2), REG)
        trainer.prefetch = prefetch
        result = trainer.fit(X, y)
        results.append((state(model), [e.train_loss for e in result.epochs]))
    assert same_state(results[0][0], results[1][0])
    assert results[0][1] == results[1][1]


def test_a_stop_mid_epoch_leaves_no_gather_thread_running():
    X, y = data(n=40_000, f=8)
    trainer = Trainer(mlp(f=8), nn.MSELoss(), config(batch_size=64, epochs=3), REG,
                      [OnBatch(lambda t, e: t.request_stop() if e.step >= 5 else None)])
    trainer.prefetch = True
    result = trainer.fit(X, y)
    assert result.reason == "stopped"
    assert not _gather_threads()


def test_prefetch_only_beside_an_idle_core():
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(1)
        assert idle_core(torch.device("cpu")) == (len(os.sched_getaffinity(0)) > 1)
        torch.set_num_threads(len(os.sched_getaffinity(0)))
        assert not idle_core(torch.device("cpu"))
        assert not idle_core(torch.device("meta"))  # not the CPU: the device gathers asynchronously
    finally:
        torch.set_num_threads(before)


def test_the_engine_trains_exactly_as_the_textbook_steps():
    """Two epochs of Trainer.fit give bit for bit the weights of the plain loop it stands for: a
    randperm per epoch from the fit's seeded generator, then zero_grad, forward, loss, backward and a
    fused Adam step per batch (gradients cleared before every batch, not accumulated)."""
    X, y = data(n=3000, f=8)
    cfg = config(batch_size=64, epochs=2, lr=1e-3, optimizer="adam", seed=3)
    engine_model = mlp(f=8)
    Trainer(engine_model, nn.MSELoss(), cfg, REG).fit(X, y)

    model, Xt, yt = mlp(f=8), torch.from_numpy(X), torch.from_numpy(y)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, fused=True)
    generator = torch.Generator().manual_seed(cfg.seed)
    for epoch in range(2):
        perm = torch.randperm(len(Xt), generator=generator)
        for i in range(0, len(Xt), cfg.batch_size):
            rows = perm[i:i + cfg.batch_size]
            opt.zero_grad(set_to_none=True)
            nn.MSELoss()(model(Xt[rows]), yt[rows]).backward()
            opt.step()
    assert same_state(state(engine_model), state(model))
