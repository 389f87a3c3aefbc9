"""Run one short function off the GUI thread (torch forward passes, reading a CSV) and hand back its
result as a signal once its thread has ended (so nothing is left running when a caller reacts). A
newer call supersedes an older one: the stale result is dropped.

Threads and jobs are kept alive by a module-level keeper until they end, so a panel rebuilt or closed
mid-job never destroys a running QThread; the keeper lives on the GUI thread, so its slot runs there.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from ..threads import job_thread

log = logging.getLogger(__name__)


class _Job(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)
    finished = Signal()

    def __init__(self, number: int, fn, args):
        super().__init__()
        self.number, self.fn, self.args = number, fn, args

    @Slot()
    def run(self) -> None:
        try:
            self.done.emit(self.number, self.fn(*self.args))
        except Exception as exc:  # noqa: BLE001 - every failure reaches the GUI as a message
            from ...core.errors import DLStudioError
            if not isinstance(exc, DLStudioError):
                log.exception("background job %s failed", getattr(self.fn, "__name__", self.fn))
            self.failed.emit(self.number, exc)
        finally:
            self.finished.emit()


class _Keeper(QObject):
    """Holds every started (thread, job) pair until its thread has finished."""

    def __init__(self):
        super().__init__(QCoreApplication.instance())
        self.alive: dict[QThread, _Job] = {}

    @Slot()
    def release(self) -> None:
        thread = self.sender()
        job = self.alive.pop(thread, None)
        if job is not None:
            thread.wait()
            job.deleteLater()
            thread.deleteLater()


_keeper: _Keeper | None = None


def _the_keeper() -> _Keeper:
    global _keeper
    if _keeper is None:
        _keeper = _Keeper()
    return _keeper


class JobRunner(QObject):
    """``run(fn, *args)`` → ``done(result)`` or ``failed(exception)``, delivered on the GUI thread."""

    done = Signal(object)
    failed = Signal(object)
    busyChanged = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._threads: dict[QThread, int] = {}  # running thread → its job's number
        self._number = 0
        self._outcomes: dict[int, tuple] = {}  # job number → (signal, value), sent when its thread ends

    @property
    def busy(self) -> bool:
        return bool(self._threads)

    def run(self, fn, *args) -> None:
        self._number += 1
        job = _Job(self._number, fn, args)
        thread = job_thread(job, job.finished)
        job.done.connect(self._on_done)
        job.failed.connect(self._on_failed)
        keeper = _the_keeper()
        keeper.alive[thread] = job
        thread.finished.connect(keeper.release)
        thread.finished.connect(self._on_thread_finished)
        self._threads[thread] = self._number
        if len(self._threads) == 1:
            self.busyChanged.emit(True)
        thread.start()

    def wait(self) -> None:
        """Block until every job has ended (shutdown); their results are dropped."""
        self._number += 1
        for thread in list(self._threads):
            thread.wait()
        QCoreApplication.processEvents()  # deliver `finished` so the keeper releases them

    @Slot(int, object)
    def _on_done(self, number: int, result) -> None:
        self._outcomes[number] = (self.done, result)

    @Slot(int, object)
    def _on_failed(self, number: int, error) -> None:
        self._outcomes[number] = (self.failed, error)

    @Slot()
    def _on_thread_finished(self) -> None:
        number = self._threads.pop(self.sender(), None)
        outcome = self._outcomes.pop(number, None)
        if not self._threads:
            self.busyChanged.emit(False)
        if outcome is not None and number == self._number:
            outcome[0].emit(outcome[1])
