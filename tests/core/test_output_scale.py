"""A regression's output layer learns in the label's units: with Adam, AdamW or RMSprop its learning
rate is the person's times the label's spread, so that the label's units do not decide whether a
model learns (the Linear-model preset on diabetes ended below the baseline)."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from dlstudio.core.builder import build_model
from dlstudio.core.output_scale import label_spread, parameter_groups
from dlstudio.core.spec import ModelSpec, TrainConfig
from tests.conftest import linear_frame
from tests.core.helpers import train_frame


def test_the_output_layer_gets_the_learning_rate_times_the_spread_where_steps_ignore_gradient_size():
    model = build_model(ModelSpec.mlp([8]), 3, 1, seed=0)
    out = list(model.stack[-1].parameters())
    for optimizer, decay in (("adam", 0.01 / 50 ** 2), ("adamw", 0.01 / 50), ("rmsprop", 0.01 / 50 ** 2)):
        hidden, output = parameter_groups(model, TrainConfig(optimizer=optimizer, lr=1e-3, weight_decay=0.01), 50.0)
        assert hidden["params"] == list(model.parameters())[:2] and output["params"] == out
        assert output["lr"] == pytest.approx(0.05) and output["weight_decay"] == pytest.approx(decay)
    assert len(parameter_groups(model, TrainConfig(optimizer="sgd"), 50.0)) == 1  # SGD's steps scale already
    assert len(parameter_groups(model, TrainConfig(), 1.0)) == 1


def test_the_spread_is_the_labels_std_and_one_where_there_is_none():
    assert label_spread(np.array([[1.0], [3.0]], dtype=np.float32)) == pytest.approx(1.0)
    assert label_spread(np.array([[0.0, 0.0], [100.0, 1.0]])) == pytest.approx(np.sqrt(50 * 0.5))  # geometric mean
    assert label_spread(np.array([[5.0], [5.0]])) == 1.0 and label_spread(np.zeros((0, 1))) == 1.0
    assert label_spread(np.array([[-3e19], [3e19]], dtype=np.float32)) == pytest.approx(3e19, rel=1e-6)  # no overflow


@pytest.mark.parametrize("units", [1e-6, 1.0, 1e3, 1e9])
def test_a_linear_model_learns_a_linear_label_in_any_units(units):
    frame = linear_frame()
    frame["y"] = frame["y"] * units + 7 * units
    _bundle, _prepared, result = train_frame(frame, "y", spec=ModelSpec.mlp([]), epochs=60, lr=0.01)
    assert result.epochs[-1].metrics["r2"] > 0.99, (units, result.epochs[-1].metrics)


def test_the_log_shows_the_rate_the_person_chose():
    frame = linear_frame()
    frame["y"] *= 1000
    bundle, _prepared, result = train_frame(frame, "y", epochs=2, lr=0.002)
    assert [e.lr for e in result.epochs] == [0.002, 0.002]
    assert torch.isfinite(next(bundle.model.parameters())).all()


def test_reduce_on_plateau_halves_a_tiny_output_rate_too():
    """(its default eps, 1e-8, skipped every cut of an output layer at 1e-3 × a spread of 1e-6)"""
    from dlstudio.core.engine import make_optimizer, make_scheduler
    model = build_model(ModelSpec.mlp([8]), 3, 1, seed=0)
    cfg = TrainConfig(scheduler="plateau", early_stopping=2)
    optimizer = make_optimizer(model, cfg, torch.device("cpu"), output_scale=1e-6)
    scheduler = make_scheduler(optimizer, cfg)
    for _ in range(10):
        scheduler.step(1.0)  # no improvement
    hidden, output = (group["lr"] for group in optimizer.param_groups)
    assert hidden < 1e-3 and output / hidden == pytest.approx(1e-6)


def test_a_cut_short_epoch_count_is_rounded_down():
    from dlstudio.core.events import epochs_trained
    whole, cut = {"epoch": 1}, lambda done, of: {"epoch": 1, "batches_done": done, "batches": of}
    assert epochs_trained([whole] * 6) == "6" and epochs_trained([whole] * 5 + [cut(9, 89)]) == "5.1"
    assert epochs_trained([whole] * 5 + [cut(99, 100)]) == "5.9"  # never '6.0': the sixth did not end
    assert epochs_trained([cut(1, 100)]) == "0.01" and epochs_trained([whole] * 5 + [cut(1, 100)]) == "5.01"
