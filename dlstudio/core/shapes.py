"""What preprocessing will produce, known before it runs: rows, input width, label shape.

Cheap (profile arithmetic only), so the GUI can update its read-out on every choice.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .kinds import CATEGORICAL, MULTICLASS
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
    """Numbers give one input each; a category column gives one per category (+1 for missing)."""
    width = 0
    for name in config.features:
        p = profiles.get(name)
        if p is not None and p.kind == CATEGORICAL:
            width += p.unique + (1 if p.missing else 0)
        else:
            width += 1
    return width


def plan_shapes(rows: int, config: DataConfig, profiles: "dict[str, ColumnProfile]",
                task: "TaskInfo | None") -> PlannedShapes:
    """``rows`` are the usable rows (``ColumnFacts.usable_rows``); the split and the one-hot widths follow."""
    val = int(round(rows * config.val_split)) if config.val_split > 0 and rows > 1 else 0
    return PlannedShapes(rows, rows - val, val, input_width(config, profiles), task)
