"""Metrics on model outputs (raw scores) against labels, computed with torch."""
from __future__ import annotations

import math

import torch

from .task import BINARY, MULTICLASS, REGRESSION, TaskInfo


def regression_metrics(pred: torch.Tensor, target: torch.Tensor) -> dict[str, float]:
    pred, target = pred.double().reshape(target.shape), target.double()
    err = pred - target
    ss_res = (err ** 2).sum(0)
    ss_tot = ((target - target.mean(0)) ** 2).sum(0)
    r2 = torch.where(ss_tot > 0, 1 - ss_res / ss_tot.clamp_min(1e-300), torch.zeros_like(ss_tot))
    return {"mae": err.abs().mean().item(), "rmse": math.sqrt((err ** 2).mean().item()),
            "r2": r2.mean().item()}


def confusion_matrix(pred: torch.Tensor, target: torch.Tensor, n_classes: int) -> torch.Tensor:
    """Rows are the true class, columns the predicted one."""
    idx = target.long().reshape(-1) * n_classes + pred.long().reshape(-1)
    return torch.bincount(idx, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def per_class(cm: torch.Tensor) -> tuple[list[float], list[float], list[float]]:
    cm = cm.double()
    tp = cm.diag()
    precision = torch.where(cm.sum(0) > 0, tp / cm.sum(0).clamp_min(1), torch.zeros_like(tp))
    recall = torch.where(cm.sum(1) > 0, tp / cm.sum(1).clamp_min(1), torch.zeros_like(tp))
    f1 = torch.where(precision + recall > 0, 2 * precision * recall / (precision + recall).clamp_min(1e-300),
                     torch.zeros_like(tp))
    return precision.tolist(), recall.tolist(), f1.tolist()


def roc_auc(scores: torch.Tensor, target: torch.Tensor) -> float:
    """Area under the ROC curve by the rank-sum (Mann–Whitney) formula, ties averaged."""
    scores, target = scores.double().reshape(-1), target.reshape(-1).bool()
    n_pos, n_neg = int(target.sum()), int((~target).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = scores.argsort()
    sorted_scores = scores[order]
    ranks = torch.empty_like(scores)
    ranks[order] = torch.arange(1, len(scores) + 1, dtype=torch.float64)
    _, inverse, counts = torch.unique_consecutive(sorted_scores, return_inverse=True, return_counts=True)
    ends = counts.cumsum(0).double()
    mean_rank = ends - (counts.double() - 1) / 2  # average rank of each tied group
    ranks[order] = mean_rank[inverse]
    return ((ranks[target].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)).item()


def predicted_classes(task: TaskInfo, outputs: torch.Tensor) -> torch.Tensor:
    if task.kind == BINARY:
        return (outputs.reshape(-1) > 0).long()
    return outputs.argmax(dim=1)


def classification_metrics(task: TaskInfo, outputs: torch.Tensor, target: torch.Tensor,
                           with_matrix: bool = False) -> dict:
    pred = predicted_classes(task, outputs)
    target = target.long().reshape(-1)
    n = len(task.classes)
    cm = confusion_matrix(pred, target, n)
    precision, recall, f1 = per_class(cm)
    out: dict = {"accuracy": (pred == target).double().mean().item() if len(target) else float("nan"),
                 "f1_macro": sum(f1) / n}
    if task.kind == BINARY:
        out["roc_auc"] = roc_auc(outputs.reshape(-1), target)
    if with_matrix:
        out.update(confusion=cm.tolist(), precision=precision, recall=recall)
    return out


def evaluate(task: TaskInfo, outputs: torch.Tensor, target: torch.Tensor, with_matrix: bool = False) -> dict:
    """All the task's metrics for raw outputs (N, k) against labels."""
    if task.kind == REGRESSION:
        metrics = regression_metrics(outputs, target)
        if len(task.labels) > 1 and outputs.ndim == 2 and outputs.shape[1] == len(task.labels):
            # the averages mix the labels' units (an MAE of 7.9 and one of 0.8 read 4.3): each label's too
            target = target.reshape(outputs.shape)
            for j, label in enumerate(task.labels):
                for name, value in regression_metrics(outputs[:, j:j + 1], target[:, j:j + 1]).items():
                    metrics[f"{name} · {label}"] = value
        return metrics
    return classification_metrics(task, outputs, target, with_matrix)


def baseline_outputs(task: TaskInfo, y_train: torch.Tensor, n: int) -> torch.Tensor:
    """Raw outputs of the simplest model: the training mean, or always the majority class."""
    if task.kind == REGRESSION:
        return y_train.double().mean(0, keepdim=True).expand(n, -1).clone()
    counts = torch.bincount(y_train.long().reshape(-1), minlength=len(task.classes))
    majority = int(counts.argmax())
    if task.kind == BINARY:
        return torch.full((n, 1), 1.0 if majority == 1 else -1.0)
    out = torch.zeros(n, len(task.classes))
    out[:, majority] = 1.0
    return out


__all__ = ["evaluate", "baseline_outputs", "confusion_matrix", "roc_auc", "regression_metrics",
           "classification_metrics", "predicted_classes", "MULTICLASS"]
