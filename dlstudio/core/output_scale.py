"""The output layer of a regression learns in the label's units.

Labels are not standardized: the network's outputs, its loss and its predictions are in the label's
own units. ``pipeline.init_output_layer`` starts the output layer's weights scaled by the label's
spread, so that the first outputs vary as much as the labels do. But Adam (and AdamW, RMSprop) moves
every weight by about the learning rate a step, whatever its size: weights 77 times their usual size
(diabetes' progression) then learn 77 times slower, and the Linear-model preset ended below the
baseline after 200 epochs (R² −0.10). So the output layer gets the learning rate times that spread:
for these optimizers it is exactly training the layer as if the label were standardized and its
outputs scaled back (their steps do not depend on the gradients' size). SGD's steps do, so it is left
as it is: with SGD, labels in large units need a small learning rate.
"""
from __future__ import annotations

import math

import numpy as np
from torch import nn

from .spec import TrainConfig

SCALED = ("adam", "adamw", "rmsprop")  # optimizers whose steps do not grow with the gradients


def output_linear(model: nn.Module) -> nn.Linear | None:
    """The network's output layer: its last module, when that is a Linear (of a ``Network``'s stack, or
    of a plain ``nn.Sequential``)."""
    stack = model if isinstance(model, nn.Sequential) else getattr(model, "stack", None)
    last = stack[-1] if isinstance(stack, nn.Sequential) and len(stack) else None
    return last if isinstance(last, nn.Linear) else None


def label_spread(y_train: np.ndarray) -> float:
    """The training labels' standard deviation (the geometric mean over several labels): 1 where
    undefined or constant."""
    y = np.asarray(y_train, dtype=np.float64)
    if y.size == 0:
        return 1.0
    with np.errstate(all="ignore"):
        spreads = np.atleast_1d(np.nanstd(y.reshape(len(y), -1), axis=0))
    spreads = spreads[np.isfinite(spreads) & (spreads > 0)]
    return float(math.exp(np.log(spreads).mean())) if len(spreads) else 1.0


def parameter_groups(model: nn.Module, cfg: TrainConfig, output_scale: float) -> list:
    """The optimizer's parameters: one group, or the person's learning rate for the hidden layers (the
    first group, the one the log shows) and ``output_scale`` times it for the output layer, its weight
    decay scaled to match."""
    last = output_linear(model)
    if output_scale == 1.0 or not math.isfinite(output_scale) or last is None or cfg.optimizer not in SCALED:
        return [{"params": list(model.parameters())}]
    output = list(last.parameters())
    rest = [p for p in model.parameters() if all(p is not q for q in output)]
    # AdamW decays by lr × decay (the scaled layer's relative decay stays); Adam and RMSprop add decay × w
    # to the gradient, a penalty that the standardized layer would have had with 1/scale² of it
    decay = cfg.weight_decay / (output_scale if cfg.optimizer == "adamw" else output_scale ** 2)
    return [{"params": rest}, {"params": output, "lr": cfg.lr * output_scale, "weight_decay": decay}]
