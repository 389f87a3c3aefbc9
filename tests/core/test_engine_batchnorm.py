"""BatchNorm normalizes a batch by its own mean and spread, so PyTorch refuses a batch of one row in
training. The engine never builds one: a last batch that would hold a single row leaves that row out
of the epoch (a different row each time), and a batch size of 1 is refused with a message."""
from __future__ import annotations

import pytest
from torch import nn

from dlstudio.core import engine
from dlstudio.core.engine import Trainer
from dlstudio.core.errors import TrainingError
from dlstudio.core.events import COMPLETED, STOPPED

from tests.core.engine_helpers import REG, OnBatch, config, data, mlp

ROWS, BATCH = 52, 17  # 3 batches of 17 and one row over


@pytest.fixture
def drawn(monkeypatch) -> list[list[int]]:
    """The rows each epoch's permutation hands the feeder."""
    seen: list[list[int]] = []
    real = engine.Feeder.epoch

    def recording(self, perm):
        seen.append(perm.tolist())
        return real(self, perm)

    monkeypatch.setattr(engine.Feeder, "epoch", recording)
    return seen


def test_a_lone_last_row_sits_out_the_epoch_with_batchnorm(drawn):
    X, y = data(ROWS)
    batches = OnBatch()
    result = Trainer(mlp(4, 8, 0, nn.BatchNorm1d(8)), nn.MSELoss(), config(batch_size=BATCH, epochs=4), REG,
                     [batches], batch_event_interval=0).fit(X, y)
    assert result.reason == COMPLETED
    assert batches.batches == 4 * 3  # never the fourth batch of one row
    assert [len(rows) for rows in drawn] == [ROWS - 1] * 4
    assert all(len(set(rows)) == ROWS - 1 for rows in drawn)
    left_out = [(set(range(ROWS)) - set(rows)).pop() for rows in drawn]
    assert len(set(left_out)) > 1  # the permutation's last row: not always the same one
    assert "left one training row out" in result.message and "BatchNorm" in result.message


def test_without_batchnorm_every_row_trains(drawn):
    X, y = data(ROWS)
    batches = OnBatch()
    result = Trainer(mlp(), nn.MSELoss(), config(batch_size=BATCH, epochs=2), REG, [batches],
                     batch_event_interval=0).fit(X, y)
    assert batches.batches == 2 * 4 and [len(rows) for rows in drawn] == [ROWS] * 2
    assert "left one training row out" not in result.message


def test_batchnorm_with_a_batch_of_one_is_refused_clearly():
    X, y = data(ROWS)
    with pytest.raises(TrainingError, match="BatchNorm needs at least 2 rows in every batch") as info:
        Trainer(mlp(4, 8, 0, nn.BatchNorm1d(8)), nn.MSELoss(), config(batch_size=1), REG, []).fit(X, y)
    assert "batch size is 1" in str(info.value) and "batch size of 2 or more" in str(info.value)


def test_a_run_stopped_before_its_first_batch_does_not_speak_of_rows_left_out():
    X, y = data(ROWS)
    trainer = Trainer(mlp(4, 8, 0, nn.BatchNorm1d(8)), nn.MSELoss(), config(batch_size=BATCH), REG, [])
    trainer.request_stop()
    result = trainer.fit(X, y)
    assert result.reason == STOPPED and "left one training row out" not in result.message
