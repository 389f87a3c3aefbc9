"""What preprocessing will produce, known before it runs: rows, input width, label shape.

Cheap (profile arithmetic only), so the GUI can update its read-out on every choice.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .kinds import CATEGORICAL, MULTICLASS, REGRESSION
from .spec import DataConfig

if TYPE_CHECKING:  # pandas-free at import: the window imports this before any data exists
    from .profile import ColumnProfile
    from .task import TaskInfo



@dataclass(frozen=True)
class PlannedShapes:
    rows: int
    train_rows: int
    val_rows: int
    features: int  # input width after one-hot encoding
    task: "TaskInfo | None"

    @property
    def x_text(self) -> str:
        return f"X ({self.rows}, {self.features}) float32"

    @property
    def y_text(self) -> str:
        if self.task is None:
            return "y ?"
        if self.task.kind == MULTICLASS:
            return f"y ({self.rows},) int64"
        return f"y ({self.rows}, {self.task.output_width}) float32"

    @property
    def text(self) -> str:
        return f"{self.x_text} · {self.y_text}"


def input_width(config: DataConfig, profiles: "dict[str, ColumnProfile]") -> int:
    """Numbers give one input each; a category column gives one per category (+1 for missing, unless
    the rows with a missing value are dropped). The categories are the file's: a category none of
    whose rows trains gets no input (the width the run then has is ``Prepared.n_features``)."""
    width = 0
    for name in config.features:
        p = profiles.get(name)
        if p is not None and p.kind == CATEGORICAL:
            width += p.unique + (1 if p.missing and config.missing != "drop" else 0)
        else:
            width += 1
    return width


def held_back(count: int, val_split: float, a_class: bool) -> int:
    """How many of ``count`` rows the split (``preprocessing.split_indices``) holds back for validation:
    their share rounded, at least one; a class's share (the split is drawn class by class) also leaves
    one row to train on."""
    if val_split <= 0 or count < 2:
        return 0
    share = max(int(round(count * val_split)), 1)
    return min(share, count - 1) if a_class else share


def split_sizes(rows: int, val_split: float, class_counts=()) -> tuple[int, int]:
    """(training, validation) rows of the split of ``rows``, class by class where ``class_counts`` are
    those rows' (else rounded once, as a regression split is)."""
    if val_split <= 0 or rows < 2:
        return rows, 0
    if class_counts and sum(class_counts) == rows:
        val = sum(held_back(count, val_split, True) for count in class_counts)
    else:
        val = held_back(rows, val_split, False)
    return rows - val, val


def plan_shapes(rows: int, config: DataConfig, profiles: "dict[str, ColumnProfile]",
                task: "TaskInfo | None") -> PlannedShapes:
    """``rows`` are the usable rows (``ColumnFacts.usable_rows``); the split and the one-hot widths follow.
    A class label's split is planned class by class, as it is drawn, when its counts are of those rows
    (rows dropped for a missing feature change them: the split then is planned as a whole)."""
    counts = task.class_counts if task is not None and task.kind != REGRESSION else ()
    train, val = split_sizes(rows, config.val_split, counts)
    return PlannedShapes(rows, train, val, input_width(config, profiles), task)
