"""Where each numeric input is held from: X is float32, which keeps 24 bits of a number, so a column far
from 0 (a timestamp, 1.7e9 + seconds: steps of 128 as float32(x)) is held as float32(x − center), the
difference taken in float64. The center is chosen from the file's first rows while X is converted, and
moved once the training rows are known if it turns out far from them (``better_centers``). Columns near
0 (within FAR spreads) have no center and convert at the speed of a plain cast."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .float32_range import FLOAT32_MAX

FAR = 256  # a column is held about a center where its typical value is beyond FAR × its spread (16 bits kept)
CENTER_ROWS = 1024  # rows a first center is taken from: a typical value needs few (20 columns: ~1 ms)


def source_values(column: pd.Series, wide: bool = False) -> np.ndarray:
    """The values to convert: numpy's numbers and booleans as stored (no copy); other types (nullable
    ones) as float64 where ``wide`` (a center is to be taken off), else float32, NaN for missing."""
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "iufb":
        return column.to_numpy()
    return column.to_numpy(dtype=np.float64 if wide else np.float32, na_value=np.nan)


def centered_into(out: np.ndarray, source: np.ndarray, center) -> None:
    """out (float32) = source − center, subtracted in float64 (the one formula of training and
    predict); a center of 0, a plain conversion."""
    if np.any(center):
        np.subtract(source, center, out=out, dtype=np.float64, casting="same_kind")
    else:
        np.copyto(out, source, casting="same_kind")


def first_centers(frame: pd.DataFrame, names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(center, median) of each column from its first rows: their median (an outlier there moves it
    little), and as the center that median to a multiple of the power of two below the spread of their
    middle half (whole where they are whole numbers), where it is beyond FAR × the spread; else 0.
    Numbers past float32's range are left out of the choice."""
    if not names:
        return np.zeros(0), np.zeros(0)
    first = frame[names].iloc[:CENTER_ROWS].to_numpy(dtype=np.float64, na_value=np.nan).T  # (k, rows)
    with np.errstate(invalid="ignore", divide="ignore"):
        usable = np.abs(first) <= FLOAT32_MAX  # (not missing, and in float32's range)
        quartiles = np.zeros((3, len(first)))
        if usable.all():  # (the usual case: one call for every column)
            if first.shape[1]:
                quartiles[:] = np.percentile(first, [25, 50, 75], axis=1)
        else:
            for j, row in enumerate(first):
                kept = row[usable[j]]
                if len(kept):
                    quartiles[:, j] = np.percentile(kept, [25, 50, 75])
        low, median, high = quartiles
        whole = ((np.round(first) == first) | ~usable).all(axis=1)
    return np.where(high - low > 0, rounded(median, high - low, whole), 0.0), median


def rounded(typical: np.ndarray, spread: np.ndarray, whole) -> np.ndarray:
    """``typical`` to a multiple of the power of two below ``spread`` (1 at least where ``whole``), so
    that a few rows more or fewer seldom move it, where it is beyond FAR × the spread; else 0."""
    with np.errstate(invalid="ignore", divide="ignore"):
        step = np.where(spread > 0, 2.0 ** np.floor(np.log2(spread)), 0.0)
        step = np.where(whole, np.maximum(step, 1.0), step)
        c = np.where(step > 0, np.round(typical / np.where(step > 0, step, 1.0)) * step, typical)
        far = np.isfinite(c) & (spread > 0) & (np.abs(c) > FAR * spread)
    return np.where(far, c, 0.0)


def doubtful_centers(center: np.ndarray, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    """The columns whose training rows, as X holds them, lie beyond FAR standard deviations from their
    center (0 for a column without one): the first rows were dropped, missing or not typical, and X may
    have lost the digits that would tell (a std of 0)."""
    with np.errstate(invalid="ignore"):
        return np.flatnonzero(np.isfinite(mean) & (np.abs(mean - center) > FAR * std))
