"""Two worker threads for a big job, or none for a small one: numpy and pandas release the GIL in
their loops, so the two cores of a small machine work on one load at once."""
from __future__ import annotations

import os
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager

PARALLEL_CELLS = 1 << 20  # below this many cells, threads cost more than they save: work inline


class Inline(Executor):
    """An executor that runs each task at once, in the caller's thread."""

    def submit(self, fn, /, *args, **kwargs):
        future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 (handed to the caller through the future)
            future.set_exception(exc)
        return future


@contextmanager
def workers(cells: int):
    """Two worker threads (one per core, at most 2) for a job over ``cells`` values, inline work for a
    small one. On the way out, tasks not started are dropped (an error raised meanwhile needs none)."""
    threads = min(2, os.cpu_count() or 1)
    if cells < PARALLEL_CELLS or threads < 2:
        yield Inline()
        return
    pool = ThreadPoolExecutor(threads, thread_name_prefix="dlstudio-worker")
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
