"""Reading a file with a progress bar and a Cancel button: the file object pandas parses from, and
the progress of a read that had to start over."""
from __future__ import annotations

import io
import os
import threading
from typing import Callable

from .errors import Cancelled

Progress = Callable[[float], None]  # fraction 0..1
CancelCheck = Callable[[], bool]


class ReadTally:
    """The bytes read by every reader of one file (parts of it read on several threads), reported
    as one fraction of the file."""

    def __init__(self, size: int, progress: Progress | None):
        self._size, self._progress = max(size, 1), progress
        self._done = 0
        self._lock = threading.Lock()

    def add(self, n: int) -> None:
        with self._lock:  # one report at a time, in order
            self._done += n
            if self._progress:
                self._progress(min(self._done / self._size, 1.0))


class ProgressReader(io.RawIOBase):
    """A file pandas reads from, reporting progress and honouring Cancel between reads; ``span``
    (start, end): only those bytes of it, counted in a ``tally`` shared with the other parts."""

    def __init__(self, path, progress: Progress | None, cancel: CancelCheck | None,
                 span: tuple[int, int] | None = None, tally: ReadTally | None = None):
        self._f = open(path, "rb")
        start, end = span or (0, os.path.getsize(path))
        self._f.seek(start)
        self._left = end - start
        self._tally = tally or ReadTally(end - start, progress)
        self._cancel = cancel

    def readable(self):
        return True

    def readinto(self, buffer):
        if self._cancel and self._cancel():
            raise Cancelled("Loading was cancelled; nothing was changed.")
        n = self._f.readinto(memoryview(buffer)[:self._left]) or 0
        self._left -= n
        self._tally.add(n)
        return n

    def close(self):
        self._f.close()
        super().close()


class Continued:
    """A progress callback whose next pass over the file continues from where the last one stopped."""

    def __init__(self, progress: Progress):
        self._progress, self._start, self._last = progress, 0.0, 0.0

    def __call__(self, fraction: float) -> None:
        self._last = self._start + (1.0 - self._start) * fraction
        self._progress(self._last)

    def again(self) -> "Continued":
        self._start = self._last
        return self
