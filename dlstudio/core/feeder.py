"""Batches for one fit: each epoch's rows, in the order of its permutation, gathered a block at a time.

Rows are gathered (from X, through the training rows' positions when X holds the validation rows
too) a block at a time into a reused buffer (``index_select(out=)``: no allocation, no
page faults, little extra memory), and the batches are contiguous slices of the block (views, no
copy). When a core is idle (the torch threads leave one free, and the data is on the CPU), the next
block is gathered on it while the current block trains: two buffers, one being filled while the
other is consumed. ``index_select`` releases the GIL, so the two run at once.
"""
from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor

import torch
from torch import nn

from .distributed import shard
from .batch_rules import batch_problem

GATHER_ROWS = 8_192  # rows gathered at a time from an epoch's permutation


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def idle_core(device: torch.device) -> bool:
    """True when a gather thread would run on a core that the torch threads leave free.

    With every core in torch's pool, a second busy thread slows the whole pool down (measured here:
    a 2-thread loop fell to 0.2× beside a busy thread), so then the gather stays in the loop.
    """
    return device.type == "cpu" and torch.get_num_threads() < usable_cores()


def has_batchnorm(model: nn.Module) -> bool:
    """BatchNorm normalizes each batch by its own statistics: in training it refuses a batch of one row."""
    return any(isinstance(m, nn.modules.batchnorm._BatchNorm) for m in model.modules())


def rows_an_epoch(rows: int, batch_size: int, batchnorm: bool) -> int:
    """The rows an epoch trains: all of them, less one where the last batch would hold that row alone
    and BatchNorm cannot take it (``DataLoader(drop_last=True)`` would drop the whole short batch).
    The row left out is the permutation's last: a different one each epoch."""
    return rows - 1 if batchnorm and rows > 1 and rows % batch_size == 1 else rows


def check_batches(rows: int, batch_size: int, batchnorm: bool) -> None:
    """Refuses training rows that cannot make the batches (``batch_problem``)."""
    problem = batch_problem(rows, batch_size, batchnorm, shard()[1])
    if problem is not None:
        raise problem


def batches_an_epoch(rows: int, batch_size: int, batchnorm: bool) -> int:
    return -(-rows_an_epoch(rows, batch_size, batchnorm) // batch_size)


class Feeder:
    """Owns the gather buffers (and the prefetch thread, if any) for one fit; close() when done."""

    def __init__(self, X: torch.Tensor, y: torch.Tensor, batch_size: int, rows: int, prefetch: bool,
                 positions: torch.Tensor | None = None):
        """``positions``: the training rows' places in X (row i of the data is X[positions[i]]), or
        None when X holds the training rows only, in y's order."""
        self.X, self.y, self.bs, self.positions = X, y, batch_size, positions
        # A block is a whole number of batches, and at most 1/8 of small data (the gather's memory).
        self.block = min(rows, max(batch_size, min(GATHER_ROWS, rows // 8) // batch_size * batch_size))
        prefetch = prefetch and rows > self.block  # one block per epoch leaves nothing to overlap
        self.buffers = [(X.new_empty((self.block, *X.shape[1:])), y.new_empty((self.block, *y.shape[1:])))
                        for _ in range(2 if prefetch else 1)]
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="dlstudio-gather") if prefetch else None

    @property
    def prefetching(self) -> bool:
        return self._pool is not None

    def epoch(self, perm: torch.Tensor):
        """Yield (xb, yb) batches in the order of ``perm``. A buffer is refilled only after every batch
        sliced from it has come back (the loop asks for the next batch after its step)."""
        starts = range(0, len(perm), self.block)
        if self._pool is None:
            for start in starts:
                yield from self._slices(*self._gather(perm, start, 0))
            return
        pending: Future = self._pool.submit(self._gather, perm, starts[0], 0)
        try:
            for k in range(len(starts)):
                block = pending.result()
                if k + 1 < len(starts):
                    pending = self._pool.submit(self._gather, perm, starts[k + 1], (k + 1) % 2)
                yield from self._slices(*block)
        finally:
            pending.result()  # a stopped epoch leaves no gather running into a buffer

    def _gather(self, perm: torch.Tensor, start: int, which: int):
        idx = perm[start:start + self.block]
        Xbuf, ybuf = self.buffers[which]
        rows = len(idx)
        at = idx if self.positions is None else self.positions[idx]
        return (torch.index_select(self.X, 0, at, out=Xbuf[:rows]),
                torch.index_select(self.y, 0, idx, out=ybuf[:rows]))

    def _slices(self, Xb: torch.Tensor, yb: torch.Tensor):
        bs = self.bs
        for i in range(0, len(Xb), bs):
            yield Xb[i:i + bs], yb[i:i + bs]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
