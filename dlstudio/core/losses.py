"""The loss for a task, and raw outputs decoded back into the person's units and class names."""
from __future__ import annotations

import numpy as np
import torch
from torch import nn

from .task import BINARY, REGRESSION, TaskInfo, class_weights


def make_loss(task: TaskInfo, name: str, y_train: np.ndarray | None = None) -> nn.Module:
    name = task.check_loss(name)
    if name == "mse":
        return nn.MSELoss()
    if name == "l1":
        return nn.L1Loss()
    if name == "smooth_l1":
        return nn.SmoothL1Loss()
    if name == "huber":
        return nn.HuberLoss()
    if name == "bce_logits":
        return nn.BCEWithLogitsLoss()
    if name == "cross_entropy":
        return nn.CrossEntropyLoss()
    weights = torch.from_numpy(class_weights(task, y_train)) if y_train is not None else None
    if name == "bce_logits_weighted":
        pos_weight = None if weights is None else (weights[1] / weights[0]).reshape(1)
        return nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    return nn.CrossEntropyLoss(weight=weights)


def decode_outputs(task: TaskInfo, outputs: torch.Tensor) -> tuple[np.ndarray, np.ndarray | None]:
    """Raw outputs → (predictions in the label's units or class names, class probabilities or None)."""
    outputs = outputs.detach().float().cpu()
    if task.kind == REGRESSION:
        return outputs.numpy(), None
    if task.kind == BINARY:
        p1 = torch.sigmoid(outputs.reshape(-1))
        proba = torch.stack([1 - p1, p1], dim=1)
    else:
        proba = torch.softmax(outputs, dim=1)
    classes = np.array(task.classes, dtype=object)
    return classes[proba.argmax(dim=1).numpy()], proba.numpy()
