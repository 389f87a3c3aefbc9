"""Training through the pipeline on data with known answers (issue 2 §5 results; issue 8 cases 25,
26 and 30 as the core sees them: the bundle stays usable, the reason is said, memory is estimated)."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from dlstudio.core import pipeline
from dlstudio.core.builder import build_model
from dlstudio.core.errors import SpecError, TrainingError
from dlstudio.core.persistence import load_bundle, save_bundle
from dlstudio.core.preprocessing import prepare
from dlstudio.core.spec import DataConfig, ModelSpec, TrainConfig
from tests.conftest import blobs_frame, linear_frame
from tests.core.helpers import FAST, train_frame


def finite(model) -> bool:
    return all(torch.isfinite(t).all() for t in model.state_dict().values())


def test_linear_regression_reaches_r2_of_at_least_0_99(regression_run):
    bundle, prepared, result = regression_run
    assert result.reason == "completed"
    assert bundle.metrics["val"]["r2"] >= 0.99
    assert bundle.metrics["val"]["rmse"] < 0.1 * bundle.metrics["val_baseline"]["rmse"]


def test_separable_blobs_reach_accuracy_of_at_least_0_95(blobs_run):
    bundle, prepared, result = blobs_run
    assert bundle.metrics["val"]["accuracy"] >= 0.95 and bundle.metrics["train"]["accuracy"] >= 0.95
    assert bundle.metrics["val_baseline"]["accuracy"] < 0.5
    assert np.array(bundle.metrics["val"]["confusion"]).sum() == len(prepared.X_val)


def test_binary_task_trains_and_reports_roc_auc():
    frame = blobs_frame(40)
    frame = frame[frame["color"] != "blue"]
    bundle, _, _ = train_frame(frame, "color", epochs=15, lr=0.05, batch_size=16)
    assert bundle.task.kind == "binary"
    assert bundle.metrics["val"]["accuracy"] >= 0.95 and bundle.metrics["val"]["roc_auc"] >= 0.95


def test_history_and_end_are_recorded_in_the_bundle(regression_run):
    bundle, _, result = regression_run
    assert [h["epoch"] for h in bundle.history] == list(range(1, len(result.epochs) + 1))
    assert bundle.metrics["end"]["reason"] == "completed"
    assert bundle.history[-1]["train_loss"] < bundle.history[0]["train_loss"]


def test_output_layer_starts_at_the_training_mean_and_spread_of_each_label():
    frame = linear_frame(100)
    frame["z"] = frame["x1"] * 1e5 + 7e6  # a second label in other units
    config = DataConfig(["x1", "x2"], ["y", "z"])
    prepared = prepare(frame, config)
    bundle = pipeline.new_bundle(prepared, config, ModelSpec.mlp([4]), TrainConfig(**FAST))
    built = build_model(ModelSpec.mlp([4]), 2, 2, seed=TrainConfig(**FAST).seed)  # the same seed's weights
    last = bundle.model.stack[-1]
    y = prepared.y_train.astype(np.float64)
    np.testing.assert_allclose(last.bias.detach().numpy(), y.mean(axis=0), rtol=1e-5)
    np.testing.assert_allclose(last.weight.detach().numpy(),
                               built.stack[-1].weight.detach().numpy() * y.std(axis=0)[:, None], rtol=1e-5)


@pytest.mark.parametrize("unit", [1e-3, 1e6])
def test_a_label_in_any_units_is_learned_as_well_as_in_units_near_one(unit):
    """Labels keep their units; the output layer starting at their spread makes the units matter little
    with the default network: R² 0.9988 in both units after these epochs (0.9991 in units near one),
    where the weights as built gave 0.08 in thousandths and 0.0001 in millions."""
    torch.set_num_threads(1)
    frame = linear_frame(1000)
    frame["y"] *= unit
    bundle, _, _ = train_frame(frame, "y", epochs=10, batch_size=32, spec=ModelSpec.mlp([64, 64]))
    assert bundle.metrics["val"]["r2"] >= 0.99


def test_a_loaded_model_continues_training(saved, regression_run):
    json_path, _, _ = saved
    _, prepared, _ = regression_run
    bundle = load_bundle(json_path)
    before = len(bundle.history)
    bundle.train_config = TrainConfig(**{**FAST, "epochs": 2, "lr": 0.01, "batch_size": 32})
    result = pipeline.train(bundle, prepared)
    assert result.reason == "completed" and len(bundle.history) == before + 2
    assert [h["epoch"] for h in bundle.history[-2:]] == [before + 1, before + 2]
    assert bundle.metrics["val"]["r2"] >= 0.99  # it went on from the trained weights, not from scratch


def continued(bundle, prepared, **settings):
    """A run that goes on from ``bundle``'s weights with these settings."""
    bundle.train_config = TrainConfig(**{**FAST, **settings})
    return pipeline.train(bundle, prepared)


def test_a_continued_run_numbers_its_epochs_in_its_messages_as_the_history_does(regression):
    before = len(regression.history)
    prepared = prepare(linear_frame(300), DataConfig(["x1", "x2"], ["y"]))
    result = continued(regression, prepared, epochs=30, lr=1e-4, batch_size=32, early_stopping=1)
    best = regression.metrics["end"]["best_epoch"]
    assert best > before and [h["epoch"] for h in regression.history][-1] > before
    assert result.reason == "early_stopped"  # (the message said 'the best epoch (2)' after 40 epochs)
    assert f"the best epoch ({best}) is kept" in result.message
    result = continued(regression, prepared, epochs=3, optimizer="sgd", lr=10.0, batch_size=8,
                       early_stopping=0)
    assert result.reason == "diverged"
    epoch = int(result.message.split(" at epoch ")[1].split(",")[0])
    assert epoch > len(regression.history) - len(result.epochs) - 1 >= before  # (said 'at epoch 1')


def test_a_continued_run_that_only_gets_worse_keeps_the_weights_it_started_from(regression):
    prepared = prepare(linear_frame(300), DataConfig(["x1", "x2"], ["y"]))
    start = {k: v.clone() for k, v in regression.model.state_dict().items()}
    start_loss = float(torch.nn.functional.mse_loss(regression.predict_raw(prepared.X_val),
                                                    torch.as_tensor(prepared.y_val)))
    result = continued(regression, prepared, epochs=6, optimizer="sgd", lr=0.3, momentum=0.9, batch_size=8,
                       early_stopping=3, grad_clip=1.0)
    assert all(e.val_loss > start_loss for e in result.epochs) and not any(e.best for e in result.epochs)
    assert result.reason == "early_stopped" and "the weights this run started from are kept" in result.message
    assert all(torch.equal(v, start[k]) for k, v in regression.model.state_dict().items())
    assert regression.metrics["end"]["best_epoch"] is None


# --- 25–26. divergence, clipping --------------------------------------------------------------------
@pytest.mark.parametrize("layers, words", [
    ([("Linear", {"out_features": "auto"}), ("Sigmoid", {})], "Remove the final Sigmoid"),
    ([("ReLU", {})], "no weights to learn"),
])
def test_a_stack_that_cannot_learn_is_refused_before_training(layers, words):
    """(a final Sigmoid before a logits loss trained; a stack without weights failed in the optimizer)"""
    from dlstudio.core.spec import LayerSpec
    frame = blobs_frame(20)
    frame = frame[frame["color"] != "blue"].drop(columns="b")  # one feature, a binary label: 1 → 1
    config = DataConfig(["a"], ["color"])
    prepared = prepare(frame, config)
    spec = ModelSpec([LayerSpec(t, p) for t, p in layers])
    with pytest.raises(TrainingError) as info:
        pipeline.preflight(spec, prepared, TrainConfig(**FAST))
    assert words in " ".join(info.value.details)


def test_absurd_learning_rate_is_refused_before_training():
    with pytest.raises(SpecError, match="Learning rate 1000000.0"):
        train_frame(linear_frame(50), "y", lr=1e6, epochs=1, batch_size=8)


def scaled_labels():
    frame = linear_frame(200)
    frame["y"] *= 1000  # big labels: plain SGD explodes at this rate
    return frame


def test_diverged_run_leaves_a_finite_saveable_bundle_and_says_what_to_do(tmp_path):
    bundle, _, result = train_frame(scaled_labels(), "y", optimizer="sgd", lr=0.5, epochs=5, batch_size=32)
    assert result.reason == "diverged" and bundle.metrics["end"]["reason"] == "diverged"
    assert "epoch 1" in result.message and "smaller learning rate" in result.message
    assert finite(bundle.model)
    json_path, _ = save_bundle(bundle, tmp_path / "model.json")
    assert finite(load_bundle(json_path).model)


def test_gradient_clipping_keeps_the_same_run_finite():
    bundle, _, result = train_frame(scaled_labels(), "y", optimizer="sgd", lr=0.5, epochs=5, batch_size=32,
                                    grad_clip=1.0)
    assert result.reason == "completed" and finite(bundle.model)
    assert bundle.metrics["val"]["r2"] > 0.5


# --- 30. memory ---------------------------------------------------------------------------------------
def test_batch_and_width_too_big_for_memory_are_refused_before_training(monkeypatch):
    frame = linear_frame(50)
    monkeypatch.setattr(pipeline, "Trainer", lambda *a, **k: pytest.fail("training started"))
    with pytest.raises(TrainingError) as info:
        train_frame(frame, "y", spec=ModelSpec.mlp([10_000]), batch_size=1_000_000)
    text = str(info.value)
    assert "GiB" in text and "batch 1000000" in text and "smaller batch size" in text


def test_allocation_failure_during_training_is_explained(monkeypatch, regression):
    prepared = prepare(linear_frame(60), DataConfig(["x1", "x2"], ["y"]))

    def out_of_memory(self, *args, **kwargs):
        raise RuntimeError("[enforce fail at alloc_cpu.cpp:117] DefaultCPUAllocator: can't allocate memory")
    monkeypatch.setattr(pipeline.Trainer, "fit", out_of_memory)
    regression.train_config = TrainConfig(**FAST, epochs=1, batch_size=8)
    with pytest.raises(TrainingError, match="ran out of memory") as info:
        pipeline.train(regression, prepared)
    assert "smaller batch size" in str(info.value)


def test_a_continued_run_that_keeps_its_starting_weights_says_which_epoch_they_are():
    """(kept_epoch read null, as if untrained, where the model held the earlier run's last epoch)"""
    from tests.conftest import linear_frame
    from tests.core.helpers import train_frame
    bundle, prepared, _ = train_frame(linear_frame(), "y", epochs=2)
    pipeline.train(bundle, prepared, trainer_hook=lambda trainer: trainer.request_stop())  # before a batch
    assert bundle.metrics["end"]["reason"] == "stopped" and bundle.metrics["end"]["kept_epoch"] == 2
