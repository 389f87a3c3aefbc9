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


def job_thread(job, ended, name: str = "") -> QThread:
    """A tracked QThread that runs ``job.run`` and quits when ``ended`` fires (not yet started).

    ``ended`` quits the thread directly, from the job's own thread: a queued quit would wait for the
    GUI thread, which may itself be blocked in ``wait()`` at shutdown (a deadlock).
    """
    from PySide6.QtCore import Qt
    thread = track(QThread())
    if name:
        thread.setObjectName(name)
    job.moveToThread(thread)
    thread.started.connect(job.run)
    ended.connect(thread.quit, Qt.DirectConnection)
    return thread
