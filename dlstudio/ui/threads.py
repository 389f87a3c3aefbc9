"""A registry of the QThreads the app starts, so shutdown (and tests) can check none is left running."""
from __future__ import annotations

import weakref

from PySide6.QtCore import QThread

_threads: "weakref.WeakSet[QThread]" = weakref.WeakSet()


def track(thread: QThread) -> QThread:
    _threads.add(thread)
    return thread


def running() -> list[QThread]:
    alive = []
    for t in list(_threads):
        try:
            if t.isRunning():
                alive.append(t)
        except RuntimeError:  # the C++ object is already gone: not running
            pass
    return alive
