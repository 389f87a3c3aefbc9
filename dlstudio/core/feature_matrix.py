"""The numeric feature columns → X_train and X_val, float32 in C order, standardized with statistics
of the training rows; built on worker threads while the caller draws the split (numpy releases the GIL).

Before the split is known (``FeatureScan``), worker threads take each column's float64 sums about a
shift c (the mean of its first block; missing values left out) over all rows, and touch the pages of
the matrix to come (a fresh page costs microseconds on a virtual machine: better spent while the split
is drawn). After the split, the sums over the other rows (validation, mostly) give, by difference, the
training mean and variance without a pass over the training rows (sums about c do not cancel), and
``matrices`` writes each block of rows once: gathered, converted, imputed and standardized while in
cache. The min-max extremes, and the rare column whose sums would cancel, need the training rows:
``matrices`` then writes them unstandardized, ``column_stats`` computes the statistics as it always
did, and ``standardize`` finishes in place. X comes out bit for bit as before (the same float32
operations); the statistics agree to rounding (~1e-15 relative).
"""
from __future__ import annotations

import warnings
from concurrent.futures import Executor

import numpy as np
import pandas as pd

BLOCK = 8192  # rows a step: a block stays in cache, and numpy's dot stays on one BLAS thread (≤ 10,000)
_TASK_ROWS = 8 * BLOCK  # rows a task: few tasks (cheap to schedule), enough to share between threads
_PAGE_FLOATS = 1024  # float32 values in a 4 KiB page


def _source(column: pd.Series) -> np.ndarray:
    """float64 values as stored (no copy), anything else as float32 with NaN for missing."""
    if column.dtype == np.float64:
        return column.to_numpy()
    return column.to_numpy(dtype=np.float32, na_value=np.nan)


def _shift(values: np.ndarray) -> float:
    """A value near the column's mean, to take sums about: the mean of its first block (0 if none)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        c = float(np.nanmean(values[:BLOCK].astype(np.float32), dtype=np.float64)) if len(values) else 0.0
    return c if np.isfinite(c) else 0.0


def _sums(values: np.ndarray, c: float, rows: np.ndarray | None = None) -> np.ndarray:
    """[count, Σ(x − c), Σ(x − c)²] in float64 over the values (``values[rows]`` if rows are given),
    rounded to float32 first, missing ones (NaN) left out."""
    out = np.zeros(3)
    d, ones = np.empty(BLOCK), np.ones(BLOCK)
    n = len(values) if rows is None else len(rows)
    for a in range(0, n, BLOCK):
        part = values[a:a + BLOCK] if rows is None else values[rows[a:a + BLOCK]]
        part = part.astype(np.float32, copy=False)
        m = len(part)
        dd = np.subtract(part, c, out=d[:m], dtype=np.float64)
        s1, s2 = np.dot(dd, ones[:m]), np.dot(dd, dd)
        if np.isnan(s1):
            dd = dd[~np.isnan(dd)]
            m, s1, s2 = len(dd), np.add.reduce(dd), np.dot(dd, dd)
        out += (m, s1, s2)
    return out


def _touch(part: np.ndarray) -> None:
    part.reshape(-1)[::_PAGE_FLOATS] = 0.0  # one write a page: the page is mapped now


class FeatureScan:
    """Starts the sums of the columns ``names`` of ``frame`` (numeric dtypes) on ``pool``; with
    ``rows`` > 0, also readies a (rows, len(names)) matrix that ``matrices`` may write into."""

    def __init__(self, frame: pd.DataFrame, names: list[str], pool: Executor, rows: int = 0):
        self.names, self.k, self.n, self.pool = names, len(names), len(frame), pool
        self.sources = [_source(frame[c]) for c in names]
        # float64 columns side by side in one 2-D block (how pandas keeps them): one numpy call then
        # gathers a block of rows of them all, twice as fast as a column at a time
        block = frame[names].to_numpy() if self.k and all(v.dtype == np.float64 for v in self.sources) else None
        self.matrix = block if block is not None and np.shares_memory(block, self.sources[0]) else None
        self.shift = np.array([_shift(v) for v in self.sources])
        self.everywhere = [pool.submit(_sums, v, c) for v, c in zip(self.sources, self.shift)]
        self.buffer = np.empty((rows, self.k), dtype=np.float32) if rows and self.k else None
        self.touched = [] if self.buffer is None else \
            [pool.submit(_touch, self.buffer[a:a + _TASK_ROWS]) for a in range(0, rows, _TASK_ROWS)]
        self.gaps = np.empty(0, dtype=np.int64)

    def statistics(self, train_rows: np.ndarray, val_rows: np.ndarray, extremes: bool):
        """The training rows' (mean, std, min, max) as ``column_stats`` gives them (min and max NaN
        unless ``extremes``), and None, or (X_train, X_val) unstandardized where the statistics
        needed the training rows themselves: for the extremes, and for a column whose sums about c
        cancel (c far from the training mean) or that has no training value."""
        is_other = np.ones(self.n, dtype=bool)
        is_other[train_rows] = False
        other = np.flatnonzero(is_other)
        others = [self.pool.submit(_sums, v, c, other) for v, c in zip(self.sources, self.shift)]
        everywhere = np.array([t.result() for t in self.everywhere]).reshape(-1, 3)
        self.gaps = np.flatnonzero(everywhere[:, 0] < self.n)  # the columns with a missing number
        count, t1, t2 = (everywhere - np.array([t.result() for t in others]).reshape(-1, 3)).T
        with np.errstate(invalid="ignore", divide="ignore"):
            offset = t1 / count
            var = t2 / count - offset * offset
            exact = ~np.isfinite(var) | ~((var > 1e-3 * (t2 / count)) | (t2 == 0))  # < ~12 good digits
            mean, std = self.shift + offset, np.sqrt(np.maximum(var, 0.0))
        nan = np.full(self.k, np.nan)
        if not extremes and not exact.any():
            return (mean, std, nan, nan), None
        X_train, X_val, _ = self.matrices(train_rows, val_rows, self.k)
        if extremes:
            return column_stats(X_train, extremes=True), (X_train, X_val)
        mean[exact], std[exact], _, _ = column_stats(X_train[:, exact], extremes=False)
        return (mean, std, nan, nan), (X_train, X_val)

    def matrices(self, train_rows: np.ndarray, val_rows: np.ndarray, width: int, transform=None):
        """(X_train, X_val, rows imputed): the rows' numbers in the first k of ``width`` columns (the
        others zero); standardized when ``transform`` is (shift, scale, impute), else as they are."""
        for task in self.touched:
            task.result()
        n_train, n_val = len(train_rows), len(val_rows)
        if self.buffer is not None and width == self.k and len(self.buffer) >= n_train + n_val:
            X_train, X_val = self.buffer[:n_train], self.buffer[n_train:n_train + n_val]
        else:
            X_train = np.empty((n_train, width), dtype=np.float32)
            X_val = np.empty((n_val, width), dtype=np.float32)
        self.buffer = None
        fill = _Fill(self.k, width, transform, self.gaps)
        tasks = [self.pool.submit(self._write, X[a:a + _TASK_ROWS], rows[a:a + _TASK_ROWS], fill)
                 for X, rows in ((X_train, train_rows), (X_val, val_rows)) for a in range(0, len(rows), _TASK_ROWS)]
        return X_train, X_val, sum(t.result() for t in tasks)

    def _write(self, out: np.ndarray, rows: np.ndarray, fill: "_Fill") -> int:
        imputed = 0
        for a in range(0, len(rows), BLOCK):
            block, take = out[a:a + BLOCK], rows[a:a + BLOCK]
            if self.matrix is not None:
                block[:, :self.k] = self.matrix[take]
            else:
                for j, source in enumerate(self.sources):
                    block[:, j] = source[take]
            imputed += fill(block)
        return imputed


class _Fill:
    """Imputes and standardizes a block of rows in place, in float32: x' = (x − shift) / scale, the
    same operations, value for value, as column-wise code; columns past k get 0 (or stay, in place)."""

    def __init__(self, k: int, width: int, transform, gaps, zero_extra: bool = True):
        self.k, self.width, self.gaps, self.zero_extra = k, width, gaps, zero_extra
        self.transform = transform is not None
        if self.transform:
            shift, scale, impute = transform
            row_shift, row_scale = np.zeros(width, dtype=np.float32), np.ones(width, dtype=np.float32)
            row_shift[:k], row_scale[:k] = shift, scale  # shift 0, scale 1: the other columns unchanged
            self.tile_shift, self.tile_scale = np.tile(row_shift, BLOCK), np.tile(row_scale, BLOCK)
            self.impute = np.asarray(impute, dtype=np.float32)

    def __call__(self, block: np.ndarray) -> int:
        if self.zero_extra and self.width > self.k:
            block[:, self.k:] = 0.0
        if not self.transform:
            return 0
        missing = None
        for j in self.gaps:  # a column at a time (a strided view, no copy)
            column = block[:, j]
            nan = np.isnan(column)
            if nan.any():
                np.copyto(column, self.impute[j], where=nan)
                missing = nan if missing is None else np.logical_or(missing, nan, out=missing)
        flat = block.reshape(-1)
        flat -= self.tile_shift[:len(flat)]
        flat /= self.tile_scale[:len(flat)]
        return 0 if missing is None else int(missing.sum())


def standardize(X: np.ndarray, k: int, shift, scale, impute, gaps, pool: Executor) -> int:
    """Missing numbers (NaN) in the first k columns → ``impute``, then (x − shift) / scale, in float32,
    in place (the columns past k unchanged). ``gaps``: the columns that may hold a NaN. Returns how
    many rows had a missing number."""
    fill = _Fill(k, X.shape[1], (shift, scale, impute), gaps, zero_extra=False)

    def rows(part: np.ndarray) -> int:
        return sum(fill(part[a:a + BLOCK]) for a in range(0, len(part), BLOCK))

    return sum(t.result() for t in [pool.submit(rows, X[a:a + _TASK_ROWS]) for a in range(0, len(X), _TASK_ROWS)])


def column_stats(values: np.ndarray, extremes: bool = True, block: int = 65_536):
    """(mean, std, min, max) of each column of (rows, k) float32/float64 values, missing values (NaN)
    ignored, sums in float64 a block of rows at a time (no float64 copy of the whole array); min and
    max only when ``extremes`` (NaN otherwise)."""
    n, k = values.shape
    if n == 0:
        nan = np.full(k, np.nan)
        return nan, nan, nan, nan
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = values.mean(axis=0, dtype=np.float64)
        squares = np.zeros(k)
        for start in range(0, n, block):
            d = values[start:start + block].astype(np.float64)
            d -= mean
            squares += np.einsum("ij,ij->j", d, d)
        std = np.sqrt(squares / n)
        if extremes:
            low, high = values.min(axis=0).astype(np.float64), values.max(axis=0).astype(np.float64)
        else:
            low, high = np.full(k, np.nan), np.full(k, np.nan)
        gaps = np.isnan(mean)  # columns with missing values: the NaN-aware functions, on those only
        if gaps.any():
            sub = values[:, gaps].astype(np.float64)
            mean[gaps], std[gaps] = np.nanmean(sub, axis=0), np.nanstd(sub, axis=0)
            if extremes:
                low[gaps], high[gaps] = np.nanmin(sub, axis=0), np.nanmax(sub, axis=0)
    return mean, std, low, high
