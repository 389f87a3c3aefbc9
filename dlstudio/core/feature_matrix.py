"""The numeric feature columns → X_train and X_val, float32 in C order, standardized with statistics
of the training rows; built on worker threads (numpy releases the GIL).

While the caller draws the split, the worker threads map the pages of the matrix to come (a fresh
page costs microseconds on a virtual machine) and take each column's float64 sums of every row's
float32 value about a shift c (the mean of the column's first block; missing values left out), over
contiguous memory. Once the split is drawn (``FeatureScan.statistics``), the validation rows are
gathered into X_val and their sums taken while in cache: the training rows' sums are every row's
minus those (and minus any row left out), which give the training mean and variance (sums about c do
not cancel). ``FeatureScan.matrices`` then gathers each block of training rows, converts it to
float32, imputes and standardizes it while it is in cache: one pass over the training rows. Min-max
scaling, and the rare column whose sums would cancel, take the statistics from the written training
rows as ``column_stats`` always computed them, then standardize in place. X comes out bit for bit as
before (the same float32 operations); the statistics agree to rounding (~1e-15 relative).
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


def _deviation_sums(d: np.ndarray) -> np.ndarray:
    """[count, Σd, Σd²] of each row of the float64 deviations d (k, rows), missing values (NaN) left
    out: an array (k, 3). ``d`` is scratch: its missing values are set to 0 (which adds nothing)."""
    out = np.empty((len(d), 3))
    out[:, 0] = d.shape[1]
    out[:, 1] = np.add.reduce(d, axis=1)
    for j in np.flatnonzero(np.isnan(out[:, 1])):
        missing = np.isnan(d[j])
        out[j, 0] -= np.count_nonzero(missing)
        d[j][missing] = 0.0
        out[j, 1] = np.add.reduce(d[j])
    out[:, 2] = _row_dots(d)
    return out


def _row_dots(d: np.ndarray) -> np.ndarray:
    """Σ d[i]² of each row: BLAS dot products where numpy has vecdot (a third of einsum's time)."""
    if hasattr(np, "vecdot"):  # numpy ≥ 2.0
        return np.vecdot(d, d)
    return np.einsum("ij,ij->i", d, d)


def _block_sums(block: np.ndarray, c: np.ndarray, scratch: np.ndarray) -> np.ndarray:
    """``_deviation_sums`` of a float32 block (rows, k) about c."""
    d = scratch[:, :len(block)]
    np.subtract(block.T, c[:, None], out=d, dtype=np.float64)  # a column a row: contiguous sums
    return _deviation_sums(d)


def _anonymous(size: int) -> mmap.mmap:
    """Memory for X in 4 KiB pages. numpy asks the kernel for 2 MiB pages for a big array; right after a
    big read those come from memory the VM has not backed yet (~4 ms a page here), while 4 KiB pages
    reuse what the read freed. Private where the system has it: a shared mapping's pages cost a third
    more to map here (74–95 ms against 52–65 for 80 MB)."""
    if hasattr(mmap, "MAP_ANONYMOUS"):
        return mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    return mmap.mmap(-1, size)


def _touch(part: np.ndarray) -> None:
    """Map the pages of ``part``: one write a page. (madvise(MADV_POPULATE_WRITE) maps them faster, but
    slowed the split drawn meanwhile on the other thread by 40 ms: its allocations waited.)"""
    part.reshape(-1)[::_PAGE_FLOATS] = 0.0


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
    readies a (rows, len(names)) matrix to write into. Then ``statistics`` once the split is drawn,
    and ``matrices`` once the preprocessing is fitted."""

    def __init__(self, frame: pd.DataFrame, names: list[str], pool: Executor, rows: int = 0):
        self.k, self.n, self.pool = len(names), len(frame), pool
        self.sources = [_source(frame[c]) for c in names]
        # float64 columns side by side in one 2-D block (how pandas keeps what it parsed by path): one
        # numpy call then gathers a block of rows of them all, twice as fast as a column at a time
        block = frame[names].to_numpy() if _side_by_side(self.sources) else None
        self.matrix = block if block is not None and np.shares_memory(block, self.sources[0]) else None
        self.shift = np.array([_shift(v) for v in self.sources])
        self.memory = _anonymous(rows * self.k * 4) if rows and self.k else None
        buffer = None if self.memory is None else np.frombuffer(self.memory, dtype=np.float32).reshape(rows, self.k)
        self.readied = [] if buffer is None else \
            [pool.submit(_touch, buffer[a:a + _TASK_ROWS]) for a in range(0, rows, _TASK_ROWS)]
        self.every_row = [pool.submit(self._range_sums, a, min(a + _TASK_ROWS, self.n))
                          for a in range(0, self.n, _TASK_ROWS)]
        self.gaps = np.empty(0, dtype=np.int64)  # the columns with a missing number (known after statistics)
        self.X_train = self.X_val = self.train_rows = None
        self.written = False  # whether X_train holds the training rows (as they are) already

    def statistics(self, train_rows: np.ndarray, val_rows: np.ndarray, extremes: bool):
        """The training rows' (mean, std, min, max) as ``column_stats`` gives them (min and max NaN
        unless ``extremes``). Gathers the validation rows into X_val meanwhile."""
        for task in self.readied:
            task.result()
        n_train, n_val = len(train_rows), len(val_rows)
        if self.memory is not None and len(self.memory) >= (n_train + n_val) * self.k * 4:
            buffer = np.frombuffer(self.memory, dtype=np.float32).reshape(-1, self.k)
            self.X_train, self.X_val = buffer[:n_train], buffer[n_train:n_train + n_val]
        else:
            self.X_train = np.empty((n_train, self.k), dtype=np.float32)
            self.X_val = np.empty((n_val, self.k), dtype=np.float32)
        self.memory, self.train_rows = None, train_rows
        none = np.zeros((self.k, 3))
        val_sums = self._gathered(self.X_val, val_rows, _block_sums, none)
        every = sum((task.result() for task in self.every_row), none)
        sums = every - val_sums - self._gathered(None, self._left_out(train_rows, val_rows), _block_sums, none)
        count, t1, t2 = sums.T
        self.gaps = np.flatnonzero((count < n_train) | (val_sums[:, 0] < n_val))
        if extremes:  # min-max needs the training rows' extremes: the reference pass, on all columns
            return column_stats(self._written(), extremes=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            offset = t1 / count
            var = t2 / count - offset * offset
            exact = ~np.isfinite(var) | ~((var > 1e-3 * (t2 / count)) | (t2 == 0))  # < ~12 good digits
            mean, std = self.shift + offset, np.sqrt(np.maximum(var, 0.0))
        if exact.any():  # no training value, or sums about c that cancel (c far from the training mean)
            mean[exact], std[exact], _, _ = column_stats(self._written()[:, exact], extremes=False)
        nan = np.full(self.k, np.nan)
        return mean, std, nan, nan

    def matrices(self, shift, scale, impute) -> tuple[np.ndarray, np.ndarray, int]:
        """(X_train, X_val, how many rows had a missing number): missing numbers → ``impute``, then
        (x − shift) / scale in float32. The training rows are gathered, imputed and standardized a
        block at a time, unless ``statistics`` had to write them first."""
        tiles = _tiles(self.k, self.k, shift, scale, impute, self.gaps)
        if self.written:
            filled = standardize(self.X_train, self.k, shift, scale, impute, self.gaps, self.pool)
        else:
            filled = self._gathered(self.X_train, self.train_rows, lambda block, *_: _fill(block, self.k, *tiles), 0)
        filled += standardize(self.X_val, self.k, shift, scale, impute, self.gaps, self.pool)
        return self.X_train, self.X_val, int(filled)

    def _written(self) -> np.ndarray:
        if not self.written:
            self._gathered(self.X_train, self.train_rows, None)
            self.written = True
        return self.X_train

    def _left_out(self, train_rows: np.ndarray, val_rows: np.ndarray) -> np.ndarray:
        """The rows in neither part (dropped for a missing label or feature)."""
        if len(train_rows) + len(val_rows) == self.n:
            return np.empty(0, dtype=np.int64)
        used = np.zeros(self.n, dtype=bool)
        used[train_rows] = used[val_rows] = True
        return np.flatnonzero(~used)

    def _gathered(self, out: np.ndarray | None, rows: np.ndarray, then=None, zero=0):
        """Gathers ``rows`` as float32 into ``out`` (a scratch block if None) on the pool, a block at a
        time, and adds up ``then(block, shift, scratch)`` over the blocks, from ``zero``."""
        step = _even_step(len(rows))
        tasks = [self.pool.submit(self._gather, None if out is None else out[a:a + step], rows[a:a + step],
                                  then, zero) for a in range(0, len(rows), step)]
        return sum((task.result() for task in tasks), zero)

    def _gather(self, out: np.ndarray | None, rows: np.ndarray, then, zero):
        total = zero
        scratch = np.empty((self.k, BLOCK)) if then is not None else None
        own = np.empty((min(BLOCK, len(rows)), self.k), dtype=np.float32) if out is None else None
        for a in range(0, len(rows), BLOCK):
            take = rows[a:a + BLOCK]
            block = own[:len(take)] if out is None else out[a:a + BLOCK]
            if self.matrix is not None:
                block[:] = self.matrix[take]
            else:
                for j, source in enumerate(self.sources):
                    block[:, j] = source[take]
            if then is not None:
                total = total + then(block, self.shift, scratch)
        return total

    def _range_sums(self, start: int, stop: int) -> np.ndarray:
        """``_block_sums`` of the rows start..stop as float32 values, taken a column at a time over the
        sources as they lie (contiguous): no gather."""
        sums = np.zeros((self.k, 3))
        d, values = np.empty((self.k, BLOCK)), np.empty((self.k, BLOCK), dtype=np.float32)
        for a in range(start, stop, BLOCK):
            b = min(a + BLOCK, stop)
            x = values[:, :b - a]
            if self.matrix is not None:
                np.copyto(x, self.matrix.T[:, a:b], casting="same_kind")
            else:
                for j, source in enumerate(self.sources):
                    np.copyto(x[j], source[a:b], casting="same_kind")
            np.subtract(x, self.shift[:, None], out=d[:, :b - a], dtype=np.float64)
            sums += _deviation_sums(d[:, :b - a])
        return sums


def _even_step(rows: int) -> int:
    """Rows a task: an even number of tasks of about ``_TASK_ROWS`` (3 tasks on 2 threads take as long
    as 4), whole blocks each."""
    tasks = max(1, -(-rows // _TASK_ROWS))
    tasks += tasks % 2
    return max(BLOCK, -(-rows // (tasks * BLOCK)) * BLOCK)


def _tiles(width: int, k: int, shift, scale, impute, gaps) -> tuple:
    """What ``_fill`` takes: a block's worth of each row's shift and scale (0 and 1 past column k)."""
    row_shift, row_scale = np.zeros(width, dtype=np.float32), np.ones(width, dtype=np.float32)
    row_shift[:k], row_scale[:k] = shift, scale
    return np.tile(row_shift, BLOCK), np.tile(row_scale, BLOCK), np.asarray(impute, dtype=np.float32), gaps


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
    tiles = _tiles(X.shape[1], k, shift, scale, impute, gaps)

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
