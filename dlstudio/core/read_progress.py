"""Reading a file with a progress bar and a Cancel button: the file object pandas parses from, and
the progress of a read that had to start over."""
from __future__ import annotations

import io
import os
from typing import Callable

from .errors import Cancelled

Progress = Callable[[float], None]  # fraction 0..1
CancelCheck = Callable[[], bool]


class ProgressReader(io.RawIOBase):
    """A file pandas reads from, reporting progress and honouring Cancel between reads."""

    def __init__(self, path, progress: Progress | None, cancel: CancelCheck | None):
        self._f = open(path, "rb")
        self._size = max(os.path.getsize(path), 1)
        self._done = 0
        self._progress, self._cancel = progress, cancel

    def readable(self):
        return True

    def readinto(self, buffer):
        if self._cancel and self._cancel():
            raise Cancelled("Loading was cancelled; nothing was changed.")
        n = self._f.readinto(buffer)
        self._done += n or 0
        if self._progress:
            self._progress(min(self._done / self._size, 1.0))
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
