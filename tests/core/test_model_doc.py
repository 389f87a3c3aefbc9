"""The records in model.json that the window draws (issue 2 §9): a classifier's per-class figures and
confusion matrix must have a row and a column for each class."""
from __future__ import annotations

import pytest

from dlstudio.core.errors import SpecError
from dlstudio.core.model_doc import checked_history, checked_metrics

GOOD = {"val": {"accuracy": 0.9, "f1_macro": None, "confusion": [[3, 1], [0, 4]], "precision": [1.0, 0.8],
                "recall": [0.75, None]},
        "end": {"reason": "completed", "message": "Finished.", "best_epoch": None, "seconds": 0.5}}


def test_what_dl_studio_writes_passes_unchanged():
    assert checked_metrics(GOOD, 2) is GOOD
    history = [{"epoch": 1, "train_loss": 0.5, "val_loss": None, "lr": 0.001, "accuracy": 0.5}]
    assert checked_history(history) is history
    assert checked_metrics(None, 2) == {} and checked_history(None) == []
    cut = history + [{"epoch": 2, "train_loss": 0.4, "batches_done": 3, "batches": 8}]  # Stop 3 batches in
    assert checked_history(cut) is cut


@pytest.mark.parametrize("done, batches", [(8, 8), (0, 8), (3, None), (-1, 8), (2.5, 8)])
def test_an_epoch_cut_short_further_than_it_has_batches_is_refused(done, batches):
    edited = [{"epoch": 1, "train_loss": 0.5, "batches_done": done, "batches": batches}]
    with pytest.raises(SpecError, match="cut short"):
        checked_history(edited)


@pytest.mark.parametrize("part, key, value", [
    ("val", "confusion", [[1]]),  # one class, where the task has two (it painted outside the table)
    ("val", "confusion", [[3, 1], [0, -4]]),
    ("val", "confusion", [[3, 1], [0, 4.5]]),
    ("val", "precision", [1.0]),
    ("val", "recall", "high"),
    ("val", "accuracy", True),
    ("end", "reason", 3),
    ("end", "seconds", "fast"),
])
def test_a_figure_that_does_not_fit_is_named(part, key, value):
    edited = {name: dict(figures) for name, figures in GOOD.items()}
    edited[part][key] = value
    with pytest.raises(SpecError, match=f"'{part}.{key}'"):
        checked_metrics(edited, 2)
