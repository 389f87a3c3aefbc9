"""One process of a torchrun job started by test_distributed.py (not a test module itself).

``torchrun --nproc-per-node 2 torchrun_worker.py OUT`` trains the same small network on every rank
(BatchNorm included) and writes OUT/rank<R>.json: the rows each epoch gave this rank, the epoch
losses, the final weights and buffers, and how runs ended whose loss is NaN (NaN data), or
infinite with finite gradients, on rank 1 only; and the refusals of too few rows for the ranks.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import torch
from torch import nn

from dlstudio.core import engine
from dlstudio.core.distributed import process_group, shard
from dlstudio.core.engine import Trainer
from tests.core.engine_helpers import REG, config, data, mlp

ROWS, TRAIN = 1_001, 801  # odd: each epoch leaves a training row out, as DistributedSampler(drop_last=True) does


class InfiniteOn(nn.MSELoss):
    """MSE plus a constant infinity where ``on``: the loss is infinite, its gradients are MSE's (finite)."""

    def __init__(self, on: bool):
        super().__init__()
        self.extra = float("inf") if on else 0.0

    def forward(self, output, target):
        return super().forward(output, target) + self.extra


def main(out: Path) -> None:
    with process_group("cpu"):
        rank, world = shard()
        drawn: list[list[int]] = []
        real_epoch = engine.Feeder.epoch

        def recording(self, perm):
            drawn.append(sorted(perm.tolist()))
            return real_epoch(self, perm)

        engine.Feeder.epoch = recording
        X, y = data(ROWS)
        model = mlp(4, 16, rank, nn.BatchNorm1d(16))  # another start on each rank: DDP copies rank 0's
        trainer = Trainer(model, nn.MSELoss(), config(epochs=4, early_stopping=2), REG)
        result = trainer.fit(X[:TRAIN], y[:TRAIN], X[TRAIN:], y[TRAIN:])
        more = trainer.fit(X[:TRAIN], y[:TRAIN], X[TRAIN:], y[TRAIN:])  # continued, as Start does again
        engine.Feeder.epoch = real_epoch
        bad = X[:TRAIN].copy()
        if rank == 1:
            bad[:] = np.nan  # this rank's loss is NaN from its first batch on; rank 0's is finite
        diverged = Trainer(mlp(4, 16, 0), nn.MSELoss(), config(epochs=2), REG).fit(bad, y[:TRAIN])
        spoiled = mlp(4, 16, 0)
        if rank == 1:  # one gradient value NaN on rank 1, its loss finite: only the average tells rank 0
            spoiled[0].weight.register_hook(lambda g: g.index_put((torch.tensor([3]), torch.tensor([2])),
                                                                  torch.tensor(float("nan"))))
        partial = Trainer(spoiled, nn.MSELoss(), config(epochs=2), REG).fit(X[:TRAIN], y[:TRAIN])
        overflowed = Trainer(mlp(4, 16, 0), InfiniteOn(rank == 1), config(epochs=2), REG).fit(X[:TRAIN], y[:TRAIN])
        refusals = []
        for rows, batch, middle in ((1, 1, ()), (3, 2, (nn.BatchNorm1d(16),))):  # per rank: 0 rows; 1 row
            try:
                Trainer(mlp(4, 16, 0, *middle), nn.MSELoss(), config(batch_size=batch), REG).fit(X[:rows], y[:rows])
            except engine.TrainingError as exc:
                refusals.append(str(exc))
        lone = Trainer(mlp(4, 16, 0, nn.BatchNorm1d(16)), nn.MSELoss(), config(batch_size=2, epochs=1),
                       REG).fit(X[:6], y[:6])  # 3 rows a rank: batches of 2 and 1
    record = {
        "rank": rank, "world": world, "drawn": drawn, "reasons": [result.reason, more.reason],
        "first_fit_epochs": len(result.epochs),  # (a fit's result lists every epoch so far)
        "train_loss": [e.train_loss for e in more.epochs], "val_loss": [e.val_loss for e in more.epochs],
        "state": {k: v.tolist() for k, v in model.state_dict().items()},
        "diverged": [diverged.reason, diverged.message], "overflowed": [overflowed.reason, overflowed.message],
        "partial": [partial.reason, partial.message], "refusals": refusals, "lone": lone.message,
    }
    (out / f"rank{rank}.json").write_text(json.dumps(record))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
