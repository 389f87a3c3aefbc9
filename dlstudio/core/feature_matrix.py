"""The numeric feature columns → X, float32 in C order, every row of the frame in file order,
standardized with statistics of the training rows; built on worker threads (numpy releases the GIL).

While the caller draws the split, the worker threads convert every row into X a block at a time (the
transposing copy from pandas' column-major block) and take, while the block is in cache, each column's
float64 sums of its float32 values about a value near its mean (missing values left out). X holds
float32(x − center) (``core/centers.py``: 0 for a column near 0; a timestamp keeps its seconds).
Once the split is drawn (``FeatureScan.statistics``), the validation rows are gathered from X and their
sums taken: the training rows' sums are every row's minus those (and minus any row left out), which
give the training mean and variance (sums about ~0 would cancel). ``FeatureScan.standardized`` then
imputes and standardizes X in place, a block at a time. The training and validation rows stay where
they are: the caller keeps their positions (no gather of either part, as ``torch.utils.data.Subset``
does). Min-max scaling, and the rare column whose sums would cancel, take the statistics from the
training rows as ``column_stats`` always computed them. X is bit for bit what ``Preprocessor.transform``
gives for the same rows; the statistics agree with a float64 pass to rounding (~1e-15 relative).
"""
from __future__ import annotations

import mmap
import warnings
from concurrent.futures import Executor

import numpy as np
import pandas as pd

from .centers import centered_into, doubtful_centers, first_centers, rounded, source_values
from .float32_range import refuse_beyond_float32

BLOCK = 8192  # rows a step: a block stays in cache, and numpy's dot stays on one BLAS thread (≤ 10,000)
_TASK_ROWS = 8 * BLOCK  # rows a task: few tasks (cheap to schedule), enough to share between threads


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


def _side_by_side(columns: list[np.ndarray]) -> bool:
    """float64 columns one after another in memory, as in a 2-D block of pandas. A frame parsed whole
    (a file object) keeps a block per column; asking it for the 2-D array would copy every value."""
    if not columns or any(c.dtype != np.float64 for c in columns):
        return False
    start = columns[0].__array_interface__["data"][0]
    step = columns[0].nbytes
    return all(c.__array_interface__["data"][0] == start + j * step for j, c in enumerate(columns))


class FeatureScan:
    """Starts converting the columns ``names`` of ``frame`` (numeric dtypes) into X on ``pool``, about
    their ``centers`` (none unless ``centered``: 'none' scaling keeps the values as they are). Then
    ``statistics`` once the split is drawn, and ``standardized`` once the preprocessing is fitted."""

    def __init__(self, frame: pd.DataFrame, names: list[str], pool: Executor, centered: bool = True):
        self.k, self.n, self.pool = len(names), len(frame), pool
        self.frame, self.names = frame, names
        center, typical = first_centers(frame, names)
        if not centered:
            center = np.zeros(self.k)
        self.centered, self.center = centered, center
        self.sources = [source_values(frame[c], wide=bool(center[j])) for j, c in enumerate(names)]
        # float64 columns side by side in one 2-D block (how pandas keeps what it parsed by path): one
        # numpy call then converts a block of rows of them all, twice as fast as a column at a time
        block = frame[names].to_numpy() if _side_by_side(self.sources) else None
        self.matrix = block if block is not None and np.shares_memory(block, self.sources[0]) else None
        self.about = np.nan_to_num(typical - center)  # X's sums are taken about this (about ~0 they would cancel)
        size = self.n * self.k * 4
        self.X = np.frombuffer(_anonymous(size), dtype=np.float32).reshape(self.n, self.k) if size else \
            np.empty((self.n, self.k), dtype=np.float32)
        self.conversions = [pool.submit(self._convert, a, min(a + _TASK_ROWS, self.n))
                          for a in range(0, self.n, _TASK_ROWS)]
        self.gaps = np.empty(0, dtype=np.int64)  # the columns with a missing number (known after statistics)
        self.train_rows = self.left_out = np.empty(0, dtype=np.int64)

    def statistics(self, train_rows: np.ndarray, val_rows: np.ndarray, extremes: bool):
        """The training rows' (mean, std, min, max) as ``column_stats`` gives them (min and max NaN
        unless ``extremes``). ``train_rows`` and ``val_rows``: positions in the frame, ascending."""
        none = np.zeros((self.k, 3))
        every = sum((task.result() for task in self.conversions), none)
        n_train, n_val = len(train_rows), len(val_rows)
        self.train_rows, self.left_out = train_rows, self._left_out(train_rows, val_rows)
        # Σd² is infinite only where a number overflowed float32 (missing values add nothing)
        refuse_beyond_float32(self.X, self.frame, self.names, "Feature", np.flatnonzero(~np.isfinite(every[:, 2])),
                              ignore=self.left_out, center=self.center)
        val_sums = self._gathered(val_rows, none)
        removed = val_sums + self._gathered(self.left_out, none)
        with np.errstate(invalid="ignore"):  # (∞ − ∞ where a row left out overflowed: recomputed below)
            sums = every - removed
        count, t1, t2 = sums.T
        self.gaps = np.flatnonzero((count < n_train) | (val_sums[:, 0] < n_val))
        with np.errstate(invalid="ignore", divide="ignore"):
            offset = t1 / count
            var = t2 / count - offset * offset
            exact = ~np.isfinite(var) | ~((var > 1e-3 * (t2 / count)) | (t2 == 0))  # < ~12 good digits
            # a number far out in a validation or dropped row: every row's Σd² minus that row's leaves the
            # training rows' few digits (an outlier of 1e12 made them 0: 'constant in the training split')
            exact |= ~(removed[:, 2] <= 1e6 * t2)
            mean, std = self.center + self.about + offset, np.sqrt(np.maximum(var, 0.0))
        if self.centered:
            exact[self._recentered(mean, std)] = True
        if extremes:  # min-max needs the training rows' extremes: the reference pass, on all columns
            mean, std, low, high = column_stats(self._training(), extremes=True)
            return mean + self.center, std, low + self.center, high + self.center
        if exact.any():  # no training value, or sums that cancel (c far from the training mean, or an outlier)
            columns = np.flatnonzero(exact)  # (those columns' training rows only: not a copy of all of X)
            mean[exact], std[exact], _, _ = column_stats(self.X[np.ix_(self.train_rows, columns)], extremes=False)
            mean[exact] += self.center[exact]
        nan = np.full(self.k, np.nan)
        return mean, std, nan, nan

    def _recentered(self, mean, std) -> list[int]:
        """The columns whose center the training rows show to be wrong (``doubtful_centers``), held
        again about one chosen from their exact statistics (a column at a time: rare); the statistics
        of those columns are then taken from X again."""
        moved = []
        for j in doubtful_centers(self.center, mean, std):
            column = self.frame[self.names[j]]
            source = self.matrix[:, j] if self.matrix is not None else source_values(column, wide=True)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # (no number in the training rows: no center)
                values = np.take(source, self.train_rows).astype(np.float64)
                c = float(rounded(np.array([np.nanmean(values)]), np.array([np.nanstd(values)]),
                                  column.dtype.kind in "iub")[0])
            if c != self.center[j]:
                with np.errstate(over="ignore", invalid="ignore"):
                    centered_into(self.X[:, j], source, c)
                self.center[j] = c
                moved.append(int(j))
        refuse_beyond_float32(self.X[:, moved], self.frame, [self.names[j] for j in moved], "Feature",
                              ignore=self.left_out, center=self.center[moved])
        return moved

    def standardized(self, shift, scale, impute) -> tuple[np.ndarray, int]:
        """(X, how many training and validation rows had a missing number): missing numbers →
        ``impute``, then (x − shift) / scale in float32, in place, a block at a time. ``shift`` and
        ``impute`` as X holds them: less the center."""
        filled = None
        if len(self.left_out) and len(self.gaps):  # count the rows kept only
            missing = np.isnan(self.X[:, self.gaps]).any(axis=1)
            filled = int(np.count_nonzero(missing)) - int(np.count_nonzero(missing[self.left_out]))
        imputed, finite = standardize(self.X, self.k, shift, scale, impute, self.gaps, self.pool)
        if not finite:
            refuse_beyond_float32(self.X[:, :self.k], self.frame, self.names, "Feature", ignore=self.left_out,
                                  scaled=(np.asarray(shift) + self.center, scale))
        return self.X, imputed if filled is None else filled

    def _training(self) -> np.ndarray:
        """The training rows of X as they are (before standardizing)."""
        return rows_of(self.X, self.train_rows)

    def _left_out(self, train_rows: np.ndarray, val_rows: np.ndarray) -> np.ndarray:
        """The rows in neither part (dropped for a missing label or feature)."""
        if len(train_rows) + len(val_rows) == self.n:
            return np.empty(0, dtype=np.int64)
        used = np.zeros(self.n, dtype=bool)
        used[train_rows] = used[val_rows] = True
        return np.flatnonzero(~used)

    def _gathered(self, rows: np.ndarray, zero):
        """``_block_sums`` of X's ``rows``, gathered a block at a time on the pool, added up from ``zero``."""
        step = _even_step(len(rows))
        tasks = [self.pool.submit(self._gather_sums, rows[a:a + step], zero) for a in range(0, len(rows), step)]
        return sum((task.result() for task in tasks), zero)

    def _gather_sums(self, rows: np.ndarray, zero):
        total = zero
        scratch = np.empty((self.k, BLOCK))
        own = np.empty((min(BLOCK, len(rows)), self.k), dtype=np.float32)
        with np.errstate(over="ignore", invalid="ignore"):  # (a row left out may hold an overflow)
            for a in range(0, len(rows), BLOCK):
                take = rows[a:a + BLOCK]
                block = np.take(self.X, take, axis=0, out=own[:len(take)], mode="clip")  # (no buffer; in range)
                total = total + _block_sums(block, self.about, scratch)
        return total

    def _convert(self, start: int, stop: int) -> np.ndarray:
        """Rows start..stop into X as float32, and ``_block_sums`` of them taken while in cache."""
        sums = np.zeros((self.k, 3))
        scratch = np.empty((self.k, BLOCK))
        with np.errstate(over="ignore", invalid="ignore"):  # beyond float32 becomes inf: statistics refuses it
            for a in range(start, stop, BLOCK):
                b = min(a + BLOCK, stop)
                block = self.X[a:b]
                if self.matrix is not None:
                    centered_into(block, self.matrix[a:b], self.center)
                else:
                    for j, source in enumerate(self.sources):
                        centered_into(block[:, j], source[a:b], self.center[j])
                sums += _block_sums(block, self.about, scratch)
        return sums


def rows_of(X: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """X[rows] for ascending distinct positions: X itself (no copy) when they are all of its rows."""
    return X if len(rows) == len(X) else X[rows]


def _even_step(rows: int) -> int:
    """Rows a task: an even number of tasks of about ``_TASK_ROWS`` (3 tasks on 2 threads take as long
    as 4), whole blocks each."""
    tasks = max(1, -(-rows // _TASK_ROWS))
    tasks += tasks % 2
    return max(BLOCK, -(-rows // (tasks * BLOCK)) * BLOCK)


def _tiles(width: int, k: int, shift, scale, impute, gaps) -> tuple:
    """What ``_fill`` takes: a block's worth of each row's shift and scale (0 and 1 past column k)."""
    row_shift, row_scale = np.zeros(width, dtype=np.float32), np.ones(width, dtype=np.float32)
    with np.errstate(over="ignore"):  # a min-max range past float32 becomes ∞: the values it scales, NaN, refused
        row_shift[:k], row_scale[:k] = shift, scale
    return np.tile(row_shift, BLOCK), np.tile(row_scale, BLOCK), np.asarray(impute, dtype=np.float32), gaps


def _fill(block: np.ndarray, k: int, tile_shift, tile_scale, impute, gaps) -> tuple[int, bool]:
    """Imputes and standardizes a block of rows in place, in float32: x' = (x − shift) / scale, the
    same operations, value for value, as column-wise code; shift 0 and scale 1 past column k leave
    those columns as they are. Returns (how many rows had a missing number, whether every value is
    surely finite: a finite sum; a value of float32's range can scale past it)."""
    missing = None
    for j in gaps:  # a column at a time (a strided view, no copy)
        column = block[:, j]
        nan = np.isnan(column)
        if nan.any():
            np.copyto(column, impute[j], where=nan)
            missing = nan if missing is None else np.logical_or(missing, nan, out=missing)
    flat = block.reshape(-1)
    with np.errstate(over="ignore", invalid="ignore"):  # (what overflows is found and refused by the caller)
        flat -= tile_shift[:len(flat)]
        flat /= tile_scale[:len(flat)]
        finite = bool(np.isfinite(np.add.reduce(flat)))
    return (0 if missing is None else int(missing.sum())), finite


def standardize(X: np.ndarray, k: int, shift, scale, impute, gaps, pool: Executor) -> tuple[int, bool]:
    """Missing numbers (NaN) in the first k columns → ``impute``, then (x − shift) / scale, in float32,
    in place (the columns past k unchanged). ``gaps``: the columns that may hold a NaN. Returns (how
    many rows had a missing number, whether every value is surely finite)."""
    tiles = _tiles(X.shape[1], k, shift, scale, impute, gaps)

    def rows(part: np.ndarray) -> tuple[int, bool]:
        done = [_fill(part[a:a + BLOCK], k, *tiles) for a in range(0, len(part), BLOCK)]
        return sum(m for m, _ in done), all(f for _, f in done)

    done = [t.result() for t in [pool.submit(rows, X[a:a + _TASK_ROWS]) for a in range(0, len(X), _TASK_ROWS)]]
    return sum(m for m, _ in done), all(f for _, f in done)
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
