"""The numeric feature columns → X_train and X_val, float32 in C order, standardized with statistics
of the training rows; built on worker threads (numpy releases the GIL).

While the caller draws the split, the worker threads touch the pages of the matrix to come (a fresh
page costs microseconds on a virtual machine: time better spent while the split is drawn). After the
split (``FeatureScan.split``), each block of rows is gathered and converted to float32 once, straight
into X_train or X_val, and the training block's float64 sums about a shift c (the mean of the column's
first block; missing values left out) are taken while it is in cache: they give the training mean and
variance without another pass (sums about c do not cancel). ``standardize`` then imputes and
standardizes in place. The min-max extremes, and the rare column whose sums would cancel, come from
the written training rows as ``column_stats`` always computed them. X comes out bit for bit as before
(the same float32 operations); the statistics agree to rounding (~1e-15 relative).
"""
from __future__ import annotations

import mmap
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


def _block_sums(block: np.ndarray, c: np.ndarray, scratch: np.ndarray) -> np.ndarray:
    """[count, Σ(x − c), Σ(x − c)²] of each column of a float32 block (rows, k), in float64, missing
    values (NaN) left out: an array (k, 3)."""
    d = scratch[:, :len(block)]
    np.subtract(block.T, c[:, None], out=d, dtype=np.float64)  # a column a row: contiguous sums
    out = np.empty((len(c), 3))
    out[:, 0] = len(block)
    out[:, 1] = np.add.reduce(d, axis=1)
    out[:, 2] = np.einsum("ij,ij->i", d, d)
    for j in np.flatnonzero(np.isnan(out[:, 1])):
        values = d[j][~np.isnan(d[j])]
        out[j] = len(values), np.add.reduce(values), np.dot(values, values)
    return out


def _small_pages(shape: tuple[int, int]) -> np.ndarray:
    """np.empty(shape, float32) in 4 KiB pages. numpy asks the kernel for 2 MiB pages for a big array;
    right after a big read those come from memory the VM has not backed yet (~4 ms a page here), while
    4 KiB pages reuse what the read freed: prepare 25–35 ms faster for 1M rows (BENCHMARKS.md)."""
    return np.frombuffer(mmap.mmap(-1, shape[0] * shape[1] * 4), dtype=np.float32).reshape(shape)


def _touch(part: np.ndarray) -> None:
    part.reshape(-1)[::_PAGE_FLOATS] = 0.0  # one write a page: the page is mapped now


def _side_by_side(columns: list[np.ndarray]) -> bool:
    """float64 columns one after another in memory, as in a 2-D block of pandas. A frame parsed whole
    (a file object) keeps a block per column; asking it for the 2-D array would copy every value."""
    if not columns or any(c.dtype != np.float64 for c in columns):
        return False
    start = columns[0].__array_interface__["data"][0]
    step = columns[0].nbytes
    return all(c.__array_interface__["data"][0] == start + j * step for j, c in enumerate(columns))


class FeatureScan:
    """Starts on the columns ``names`` of ``frame`` (numeric dtypes) on ``pool``; with ``rows`` > 0,
    readies a (rows, len(names)) matrix for ``split`` to write into."""

    def __init__(self, frame: pd.DataFrame, names: list[str], pool: Executor, rows: int = 0):
        self.k, self.pool = len(names), pool
        self.sources = [_source(frame[c]) for c in names]
        # float64 columns side by side in one 2-D block (how pandas keeps what it parsed by path): one
        # numpy call then gathers a block of rows of them all, twice as fast as a column at a time
        block = frame[names].to_numpy() if _side_by_side(self.sources) else None
        self.matrix = block if block is not None and np.shares_memory(block, self.sources[0]) else None
        self.shift = np.array([_shift(v) for v in self.sources])
        self.buffer = _small_pages((rows, self.k)) if rows and self.k else None
        self.touched = [] if self.buffer is None else \
            [pool.submit(_touch, self.buffer[a:a + _TASK_ROWS]) for a in range(0, rows, _TASK_ROWS)]
        self.gaps = np.empty(0, dtype=np.int64)

    def split(self, train_rows: np.ndarray, val_rows: np.ndarray, extremes: bool):
        """(X_train, X_val, statistics): the rows' numbers as they are, and the training rows' (mean,
        std, min, max) as ``column_stats`` gives them (min and max NaN unless ``extremes``)."""
        for task in self.touched:
            task.result()
        n_train, n_val = len(train_rows), len(val_rows)
        if self.buffer is not None and len(self.buffer) >= n_train + n_val:
            X_train, X_val = self.buffer[:n_train], self.buffer[n_train:n_train + n_val]
        else:
            X_train = np.empty((n_train, self.k), dtype=np.float32)
            X_val = np.empty((n_val, self.k), dtype=np.float32)
        self.buffer = None
        tasks = [self.pool.submit(self._write, X[a:a + _TASK_ROWS], rows[a:a + _TASK_ROWS], X is X_train)
                 for X, rows in ((X_train, train_rows), (X_val, val_rows)) for a in range(0, len(rows), _TASK_ROWS)]
        sums, missing = np.zeros((self.k, 3)), np.zeros(self.k, dtype=bool)
        for task in tasks:
            part_sums, part_missing = task.result()
            sums += part_sums
            missing |= part_missing
        self.gaps = np.flatnonzero(missing)  # the columns with a missing number
        if extremes:  # min-max needs the training rows' extremes: the reference pass, on all columns
            return X_train, X_val, column_stats(X_train, extremes=True)
        count, t1, t2 = sums.T
        with np.errstate(invalid="ignore", divide="ignore"):
            offset = t1 / count
            var = t2 / count - offset * offset
            exact = ~np.isfinite(var) | ~((var > 1e-3 * (t2 / count)) | (t2 == 0))  # < ~12 good digits
            mean, std = self.shift + offset, np.sqrt(np.maximum(var, 0.0))
        if exact.any():  # no training value, or sums about c that cancel (c far from the training mean)
            mean[exact], std[exact], _, _ = column_stats(X_train[:, exact], extremes=False)
        nan = np.full(self.k, np.nan)
        return X_train, X_val, (mean, std, nan, nan)

    def _write(self, out: np.ndarray, rows: np.ndarray, training: bool) -> tuple[np.ndarray, np.ndarray]:
        """Gathers ``rows`` into ``out`` (float32): (the training rows' sums (k, 3), or zeros; which
        columns had a missing value)."""
        sums, missing = np.zeros((self.k, 3)), np.zeros(self.k, dtype=bool)
        scratch = np.empty((self.k, BLOCK)) if training else None
        for a in range(0, len(rows), BLOCK):
            block, take = out[a:a + BLOCK], rows[a:a + BLOCK]
            if self.matrix is not None:
                block[:] = self.matrix[take]
            else:
                for j, source in enumerate(self.sources):
                    block[:, j] = source[take]
            if training:
                part = _block_sums(block, self.shift, scratch)
                sums += part
                missing |= part[:, 0] < len(block)
            else:
                missing |= np.isnan(block).any(axis=0)
        return sums, missing


def _fill(block: np.ndarray, k: int, tile_shift, tile_scale, impute, gaps) -> int:
    """Imputes and standardizes a block of rows in place, in float32: x' = (x − shift) / scale, the
    same operations, value for value, as column-wise code; shift 0 and scale 1 past column k leave
    those columns as they are. Returns how many rows had a missing number."""
    missing = None
    for j in gaps:  # a column at a time (a strided view, no copy)
        column = block[:, j]
        nan = np.isnan(column)
        if nan.any():
            np.copyto(column, impute[j], where=nan)
            missing = nan if missing is None else np.logical_or(missing, nan, out=missing)
    flat = block.reshape(-1)
    flat -= tile_shift[:len(flat)]
    flat /= tile_scale[:len(flat)]
    return 0 if missing is None else int(missing.sum())


def standardize(X: np.ndarray, k: int, shift, scale, impute, gaps, pool: Executor) -> int:
    """Missing numbers (NaN) in the first k columns → ``impute``, then (x − shift) / scale, in float32,
    in place (the columns past k unchanged). ``gaps``: the columns that may hold a NaN. Returns how
    many rows had a missing number."""
    width = X.shape[1]
    row_shift, row_scale = np.zeros(width, dtype=np.float32), np.ones(width, dtype=np.float32)
    row_shift[:k], row_scale[:k] = shift, scale
    tiles = np.tile(row_shift, BLOCK), np.tile(row_scale, BLOCK), np.asarray(impute, dtype=np.float32), gaps

    def rows(part: np.ndarray) -> int:
        return sum(_fill(part[a:a + BLOCK], k, *tiles) for a in range(0, len(part), BLOCK))

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
