"""The read's refusal of infinite numbers ('inf' parses as a float): each float block's column sums
are taken on the worker threads while the read's other checks run; only a column whose sum is not
finite is looked at again."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import DataError
from .numeric_columns import numeric_blocks


def look_for_infinities(frame: pd.DataFrame, pool) -> list:
    """The float columns' blocks, each with the task looking for its first infinity (a pass over every
    number, on ``pool``)."""
    return [(pos, block, pool.submit(_first_infinity, block)) for pos, block in numeric_blocks(frame, "f")]


def refuse_infinities(frame: pd.DataFrame, name: str, found: list) -> None:
    for pos, block, job in found:
        if (where := job.result()) is not None:
            row, j = where
            raise DataError(f"{name}: column '{frame.columns[pos[j]]}' holds an infinite value "
                            f"({block[row, j]}) on data row {row + 1}.", row=row,
                            hint="Replace it with a finite number or leave the cell empty (missing).")


def _first_infinity(block: np.ndarray) -> tuple[int, int] | None:
    """(row, column) of the first infinite value of the first column that has one, or None."""
    with np.errstate(all="ignore"):
        suspects = np.flatnonzero(~np.isfinite(np.add.reduce(block, axis=0)))  # a finite sum: no infinity
        # a missing value (NaN) or a sum that overflowed: the extremes, missing values left out, say more
        suspects = [j for j in suspects if not (np.isfinite(np.fmin.reduce(block[:, j])) and
                                                np.isfinite(np.fmax.reduce(block[:, j])))]
    for j in suspects:
        bad = np.isinf(block[:, j])
        if bad.any():
            return int(np.argmax(bad)), j
    return None
