"""The live plots' data: growing numpy buffers with running bounds, and when to move the axes.

Plain numpy (no Qt): appending costs O(new points), and the bounds are kept as points arrive so
that fitting the view never scans a 100,000-point history.
"""
from __future__ import annotations

import math

import numpy as np

PAD = 0.05  # of the data's span, above and below
LOOSE = 1.6  # refit when the view is this many times taller than the data needs


class Series:
    """x and y in numpy arrays that grow by doubling; ``x``/``y`` are views of the filled part."""

    def __init__(self, capacity: int = 256):
        self._x = np.empty(capacity)
        self._y = np.empty(capacity)
        self.n = 0
        self.version = 0  # bumped by every change, so a redraw touches only the curves that changed
        self.lo = self.hi = self.lo_positive = math.nan  # finite y bounds; the smallest y > 0

    def extend(self, xs, ys) -> None:
        ys = np.asarray(ys, dtype=float)
        k = len(ys)
        if self.n + k > len(self._x):
            size = max(2 * len(self._x), self.n + k)
            self._x = np.resize(self._x, size)
            self._y = np.resize(self._y, size)
        self._x[self.n:self.n + k] = xs
        self._y[self.n:self.n + k] = ys
        self.n += k
        self.version += 1
        finite = ys[np.isfinite(ys)]
        if len(finite):
            self.lo, self.hi = np.fmin(self.lo, finite.min()), np.fmax(self.hi, finite.max())
            positive = finite[finite > 0]
            if len(positive):
                self.lo_positive = np.fmin(self.lo_positive, positive.min())

    def clear(self) -> None:
        self.n = 0
        self.version += 1
        self.lo = self.hi = self.lo_positive = math.nan

    @property
    def x(self) -> np.ndarray:
        return self._x[:self.n]

    @property
    def y(self) -> np.ndarray:
        return self._y[:self.n]

    def bounds(self) -> tuple[float, float, float, float, float] | None:
        """(x first, x last, y low, y high, smallest y > 0), or None when empty."""
        if not self.n:
            return None
        return float(self._x[0]), float(self._x[self.n - 1]), float(self.lo), float(self.hi), float(self.lo_positive)


def union(bounds: list) -> tuple[float, float, float, float, float] | None:
    bounds = [b for b in bounds if b is not None]
    if not bounds:
        return None
    cols = list(zip(*bounds))
    return (min(cols[0]), max(cols[1]), float(np.nanmin(cols[2])), float(np.nanmax(cols[3])),
            float(np.nanmin(cols[4])) if not all(math.isnan(v) for v in cols[4]) else math.nan)


def y_view(lo: float, hi: float, lo_positive: float, log: bool) -> tuple[float, float] | None:
    """The data's y extent in view coordinates (log10 on a log axis), or None if there is none."""
    if log:
        if not math.isfinite(lo_positive) or not math.isfinite(hi) or hi <= 0:
            return None
        lo, hi = math.log10(lo_positive), math.log10(hi)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return None
    return lo, hi


def next_y_range(current: tuple[float, float], lo: float, hi: float) -> tuple[float, float] | None:
    """A new y range for data spanning ``lo``…``hi``, or None while the current one still fits well.

    Moving the axes on every batch would redraw them with every frame; a range is kept while the
    data stay inside it and fill enough of it."""
    span = hi - lo if hi > lo else max(abs(hi), 1e-12)
    cur_lo, cur_hi = current
    if cur_lo <= lo and hi <= cur_hi and (cur_hi - cur_lo) <= LOOSE * span * (1 + 2 * PAD):
        return None
    return lo - PAD * span, hi + PAD * span
