"""X holds every row of the frame in file order; training draws its batches through the training rows'
positions (as torch.utils.data.Subset does) and must learn exactly what it learned from a copy of
those rows; preprocessing counts and encodes the rows kept only."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch
from torch import nn

from dlstudio.core.callbacks import History
from dlstudio.core.engine import TRAIN_METRIC_ROWS, Trainer
from dlstudio.core.preprocessing import prepare
from dlstudio.core.spec import DataConfig
from tests.core.engine_helpers import REG, config, data, mlp, same_state, state
from tests.core.helpers import train_frame


def _fit(X, y, rows=None, val=None, prefetch=None, **cfg):
    model, history = mlp(), History()
    trainer = Trainer(model, nn.MSELoss(), config(**cfg), REG, [history], batch_event_interval=0)
    trainer.prefetch = prefetch
    result = trainer.fit(X, y, *(val or (None, None)), rows=rows)
    return history.batch_losses, [(e.train_loss, e.val_loss, e.metrics) for e in result.epochs], state(model)


@pytest.mark.parametrize("prefetch", [False, True])
def test_batches_through_row_positions_train_exactly_as_a_copy_of_those_rows(prefetch):
    X, y = data(600)
    rows = np.flatnonzero(np.random.default_rng(3).random(600) < 0.7)  # ascending, as a split gives them
    val = data(64, seed=1)
    via_rows = _fit(X, y[rows], rows=rows, val=val, prefetch=prefetch, batch_size=16)
    copied = _fit(X[rows], y[rows], val=val, prefetch=prefetch, batch_size=16)
    assert len(via_rows[0]) == 3 * -(-len(rows) // 16)
    assert via_rows[0] == copied[0] and via_rows[1] == copied[1] and same_state(via_rows[2], copied[2])
    other = _fit(X[rows[::-1]].copy(), y[rows], val=val, prefetch=prefetch, batch_size=16)
    assert other[0] != via_rows[0]  # the rows and their labels must pair up: this pairing is wrong


def test_without_validation_the_metric_sample_is_taken_through_the_row_positions():
    X, y = data(TRAIN_METRIC_ROWS + 3_000)
    rows = np.arange(1, len(X), dtype=np.int64)  # all but the first row
    via_rows = _fit(X, y[rows], rows=rows, batch_size=1024, epochs=1)
    copied = _fit(X[rows], y[rows], batch_size=1024, epochs=1)
    assert via_rows[1] == copied[1] and same_state(via_rows[2], copied[2])


def _frame(n: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"x": rng.normal(size=n), "color": rng.choice(["red", "blue", "green"], n),
                          "y": rng.normal(size=n)})
    frame.loc[[5, 9, 200], "y"] = np.nan  # rows dropped: no label
    frame.loc[[5, 9], "x"] = np.nan  # … whose missing numbers are nobody's business
    frame.loc[[17], "x"] = np.nan  # a kept row's missing number: imputed
    return frame


def test_x_keeps_every_row_in_file_order_and_the_parts_are_its_rows():
    frame = _frame()
    prepared = prepare(frame, DataConfig(["x", "color"], ["y"], val_split=0.25))
    assert prepared.X.shape == (len(frame), 4) and prepared.X.dtype == np.float32
    assert not {5, 9, 200} & (set(prepared.train_rows) | set(prepared.val_rows))
    assert len(prepared.train_rows) + len(prepared.val_rows) == len(frame) - 3
    np.testing.assert_array_equal(prepared.X_train, prepared.X[prepared.train_rows])
    np.testing.assert_array_equal(prepared.X_val, prepared.X[prepared.val_rows])
    X, rows = prepared.training
    assert X is prepared.X and rows is prepared.train_rows
    pre = prepared.preprocessor
    kept = np.sort(np.concatenate([prepared.train_rows, prepared.val_rows]))
    x, c = frame["x"].to_numpy()[kept], pre.centers()[0]  # (x − c subtracted in float64, then float32)
    expected = (np.where(np.isnan(x), pre.impute[0] - c, x - c).astype(np.float32) - np.float32(pre.shift[0] - c)) \
        / np.float32(pre.scale[0])
    np.testing.assert_array_equal(prepared.X[kept, 0], expected)


def test_one_hot_lands_on_each_kept_rows_own_row():
    frame = _frame()
    prepared = prepare(frame, DataConfig(["x", "color"], ["y"], val_split=0.25))
    names = prepared.preprocessor.output_names[1:]  # color=blue, color=green, color=red
    for part in (prepared.train_rows, prepared.val_rows):
        hot = prepared.X[part, 1:]
        assert (hot.sum(axis=1) == 1).all()
        assert [names[i] for i in hot.argmax(axis=1)] == [f"color={c}" for c in frame["color"].iloc[part]]
    assert not prepared.X[[5, 9, 200], 1:].any()  # rows dropped are never encoded


def test_the_imputed_rows_counted_are_the_kept_ones():
    prepared = prepare(_frame(), DataConfig(["x", "color"], ["y"], val_split=0.25))
    assert "1 row(s) had missing numbers, filled with the training mean." in prepared.notices
    assert "Dropped 3 row(s) with no label value." in prepared.notices


def test_all_rows_training_hands_over_x_itself():
    frame = _frame().dropna()
    prepared = prepare(frame, DataConfig(["x"], ["y"], val_split=0))
    X, rows = prepared.training
    assert rows is None and X is prepared.X and prepared.X_train is prepared.X and len(prepared.X_val) == 0


def test_rows_dropped_in_x_train_the_same_model_as_a_file_without_them():
    """The pipeline end to end: X keeps the rows without a label (and their missing numbers), the
    training and validation positions skip them; the model, its history and its metrics are those of
    the same file with those rows deleted first, bit for bit."""
    frame = _frame(300)
    cleaned = frame.drop(index=[5, 9, 200]).reset_index(drop=True)
    runs = [train_frame(f, "y", ["x", "color"], epochs=3, batch_size=32, lr=0.01) for f in (frame, cleaned)]
    (with_rows, prepared, _), (without, cleaned_prepared, _) = runs
    assert len(prepared.X) == 300 and len(cleaned_prepared.X) == 297 and prepared.training[1] is not None
    np.testing.assert_array_equal(prepared.X_train, cleaned_prepared.X_train)
    untimed = [[{k: v for k, v in e.items() if k != "seconds"} for e in b.history] for b in (with_rows, without)]
    assert untimed[0] == untimed[1] and with_rows.metrics["val"] == without.metrics["val"]
    assert all(torch.equal(a, b) for a, b in zip(with_rows.model.state_dict().values(),
                                                  without.model.state_dict().values()))
