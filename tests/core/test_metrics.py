"""Metrics against values worked out by hand (issue 2 §6)."""
from __future__ import annotations

import math

import pandas as pd
import pytest
import torch

from dlstudio.core.metrics import (baseline_outputs, classification_metrics, confusion_matrix, evaluate,
                                   regression_metrics, roc_auc)
from dlstudio.core.task import analyse_task


def task(values):
    return analyse_task(pd.DataFrame({"y": values}), ["y"])


def test_regression_metrics_by_hand():
    m = regression_metrics(torch.tensor([[1.0], [2.0], [3.0]]), torch.tensor([[1.0], [2.0], [5.0]]))
    ss_tot = (1 - 8 / 3) ** 2 + (2 - 8 / 3) ** 2 + (5 - 8 / 3) ** 2
    assert m["mae"] == pytest.approx(2 / 3)
    assert m["rmse"] == pytest.approx(math.sqrt(4 / 3))
    assert m["r2"] == pytest.approx(1 - 4 / ss_tot)


def test_r2_is_one_when_perfect_and_averaged_over_outputs():
    y = torch.tensor([[1.0, 10.0], [2.0, 20.0], [4.0, 30.0]])
    assert regression_metrics(y.clone(), y)["r2"] == pytest.approx(1.0)
    pred = y.clone()
    pred[:, 1] = 20.0  # the mean: R² 0 for that output
    assert regression_metrics(pred, y)["r2"] == pytest.approx(0.5)
    flat = torch.ones(3, 1)
    assert regression_metrics(flat, flat)["r2"] == 0.0  # constant target: defined, not NaN


def test_confusion_matrix_rows_are_truth_columns_predictions():
    cm = confusion_matrix(torch.tensor([0, 1, 1, 2, 2, 2]), torch.tensor([0, 0, 1, 2, 2, 1]), 3)
    assert cm.tolist() == [[1, 1, 0], [0, 1, 1], [0, 0, 2]]


def test_accuracy_and_macro_f1_by_hand():
    many = task(["a", "b", "c"] * 2)
    outputs = torch.nn.functional.one_hot(torch.tensor([0, 1, 1, 2, 2, 2]), 3).float()
    m = classification_metrics(many, outputs, torch.tensor([0, 0, 1, 2, 2, 1]), with_matrix=True)
    f1 = [2 * 1 * 0.5 / 1.5, 0.5, 2 * (2 / 3) * 1 / (2 / 3 + 1)]
    assert m["accuracy"] == pytest.approx(4 / 6)
    assert m["f1_macro"] == pytest.approx(sum(f1) / 3)
    assert m["precision"] == pytest.approx([1.0, 0.5, 2 / 3]) and m["recall"] == pytest.approx([0.5, 0.5, 1.0])


def test_roc_auc_counts_ordered_pairs_with_ties_as_half():
    target = torch.tensor([0, 0, 1, 1])
    assert roc_auc(torch.tensor([0.1, 0.2, 0.8, 0.9]), target) == 1.0
    assert roc_auc(torch.tensor([0.9, 0.8, 0.2, 0.1]), target) == 0.0
    assert roc_auc(torch.tensor([0.5, 0.5, 0.5, 0.5]), target) == 0.5
    # pairs (pos, neg): (0.35>0.1) (0.35<0.4) (0.8>0.1) (0.8>0.4) → 3 of 4
    assert roc_auc(torch.tensor([0.1, 0.4, 0.35, 0.8]), target) == pytest.approx(0.75)
    assert math.isnan(roc_auc(torch.tensor([0.1, 0.2]), torch.tensor([1, 1])))


def test_binary_metrics_use_the_sign_of_the_logit_and_include_auc():
    two = task(["no", "yes"] * 2)
    m = evaluate(two, torch.tensor([[-2.0], [0.5], [3.0], [-0.1]]), torch.tensor([[0.0], [1.0], [1.0], [1.0]]))
    assert m["accuracy"] == pytest.approx(0.75) and m["roc_auc"] == pytest.approx(1.0)


def test_baseline_is_the_mean_or_the_majority_class():
    reg = task([0.5, 1.5, 2.5, 3.5])
    assert baseline_outputs(reg, torch.tensor([[1.0], [3.0]]), 3).tolist() == [[2.0]] * 3
    many = task(["a", "b", "c"])
    out = baseline_outputs(many, torch.tensor([2, 2, 0]), 2)
    assert out.argmax(1).tolist() == [2, 2]
    two = task(["a", "b"])
    assert (baseline_outputs(two, torch.tensor([[1.0], [1.0], [0.0]]), 2) > 0).all()


def test_several_labels_get_their_own_figures_beside_the_averages():
    """(an MAE of 7.88 on one label and 0.77 on another read 4.32, in no unit)"""
    import torch

    from dlstudio.core.metrics import evaluate
    from dlstudio.core.task import REGRESSION, TaskInfo
    target = torch.tensor([[10.0, 1.0], [20.0, 2.0], [30.0, 3.0]])
    outputs = target + torch.tensor([[2.0, 0.5], [-2.0, -0.5], [2.0, 0.5]])
    metrics = evaluate(TaskInfo(REGRESSION, ("price", "rooms")), outputs, target)
    assert metrics["mae · price"] == pytest.approx(2.0) and metrics["mae · rooms"] == pytest.approx(0.5)
    assert metrics["mae"] == pytest.approx(1.25)  # the average, as before
    assert "mae · price" not in evaluate(TaskInfo(REGRESSION, ("price",)), outputs[:, :1], target[:, :1])
