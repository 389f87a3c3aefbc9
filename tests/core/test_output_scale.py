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
