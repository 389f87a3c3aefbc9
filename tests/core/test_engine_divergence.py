"""The training engine when training goes wrong: NaN/inf loss, huge learning rates, exploding gradients."""
from __future__ import annotations

import math

import torch
from torch import nn

from dlstudio.core.callbacks import Callback, History
from dlstudio.core.engine import Trainer
from dlstudio.core.events import COMPLETED, DIVERGED

from tests.core.engine_helpers import REG, config, data, finite, mlp, same_state, state


# --- divergence -------------------------------------------------------------------------------------

class NanLossAt(nn.Module):
    """MSE, but the loss of the `at`-th training batch (1-based) is NaN."""

    def __init__(self, at: int):
        super().__init__()
        self.at, self.calls = at, 0

    def forward(self, out, target):
        self.calls += 1
        loss = nn.functional.mse_loss(out, target)
        return loss * math.nan if self.calls == self.at else loss


def test_a_nan_loss_stops_the_run_names_the_epoch_and_keeps_finite_weights():
    X, y = data()  # 8 batches an epoch; no validation, so the loss is called only in training
    after_epoch = {}

    class Snap(Callback):
        def on_epoch_end(self, trainer, event):
            after_epoch[event.epoch] = state(trainer.model)

    history = History()
    trainer = Trainer(mlp(), NanLossAt(8 + 3), config(epochs=5), REG, [Snap(), history], batch_event_interval=0)
    result = trainer.fit(X, y)
    assert result.reason == DIVERGED and history.end.reason == DIVERGED
    assert "epoch 2" in result.message and "batch 3" in result.message
    assert "smaller learning rate" in result.message
    assert len(history.batch_losses) == 8 + 2  # the finite losses before it were all delivered
    assert finite(trainer.model)
    assert same_state(state(trainer.model), after_epoch[1])  # the last finite weights: end of epoch 1
    assert result.kept_epoch == 1


def test_a_loss_infinite_before_any_step_points_at_the_data_not_the_learning_rate():
    X, y = data()
    y = y * 1e30  # labels in units whose squares float32 cannot hold
    before = state(model := mlp())
    result = Trainer(model, nn.MSELoss(), config(epochs=2), REG).fit(X, y)
    assert result.reason == DIVERGED and "before any step" in result.message
    assert "standardize the inputs" in result.message and "learning rate" not in result.message
    assert same_state(state(model), before)


def test_a_huge_learning_rate_diverges_cleanly():
    X, y = data(scale=100.0)
    model = mlp()
    initial = state(model)
    result = Trainer(model, nn.MSELoss(), config(optimizer="sgd", lr=10.0), REG, []).fit(X, y)
    assert result.reason == DIVERGED
    assert "epoch 1" in result.message and "smaller learning rate" in result.message
    assert "gradient clipping" in result.message
    assert finite(model) and same_state(state(model), initial)


def test_gradient_clipping_keeps_exploding_gradients_finite():
    X, y = data(scale=100.0)
    unclipped = Trainer(mlp(), nn.MSELoss(), config(optimizer="sgd", lr=0.1), REG, []).fit(X, y)
    assert unclipped.reason == DIVERGED
    model = mlp()
    clipped = Trainer(model, nn.MSELoss(), config(optimizer="sgd", lr=0.1, grad_clip=1.0), REG, []).fit(X, y)
    assert clipped.reason == COMPLETED
    assert finite(model)
    assert all(math.isfinite(e.train_loss) for e in clipped.epochs)


class _InfGrad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.clone()

    @staticmethod
    def backward(ctx, grad):
        return grad * math.inf


class InfGrad(nn.Module):
    def forward(self, x):
        return _InfGrad.apply(x)


def test_a_non_finite_gradient_norm_stops_with_a_clear_message():
    X, y = data()
    model = mlp(4, 16, 0, InfGrad())
    initial = state(model)
    result = Trainer(model, nn.MSELoss(), config(grad_clip=1.0), REG, []).fit(X, y)
    assert result.reason == DIVERGED
    assert "gradient norm" in result.message and "epoch 1, batch 1" in result.message
    assert "smaller learning rate" in result.message
    assert finite(model) and same_state(state(model), initial)
