"""Load a CSV off the GUI thread: a quick preview first, then the full read and profile.

The QThread owns the job; Cancel sets a flag the core reads between chunks. Only plain results
cross back as signals; no widget is touched here.
"""
from __future__ import annotations

import logging
import threading
import time

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..core.errors import Cancelled, DLStudioError
from .turns import in_a_later_turn
from .threads import job_thread

PREVIEW_ROWS = 200
PROGRESS_INTERVAL = 0.1  # seconds between progress signals
PREVIEW_WAIT = 0.3  # seconds the full read waits at most for the window to show the preview
log = logging.getLogger(__name__)


class _LoadJob(QObject):
    # Every signal carries the job's number, so results of a superseded load are dropped.
    preview = Signal(int, object)  # core.table.Table with the first rows
    progress = Signal(int, int)  # percent
    loaded = Signal(int, object, object, object)  # Table, list[ColumnProfile], ColumnFacts (set_table)
    failed = Signal(int, object)  # DLStudioError (or another exception)
    cancelled = Signal(int)
    finished = Signal()

    def __init__(self, path: str, number: int, encoding: str | None = None):
        super().__init__()
        self.path, self.number, self.encoding = path, number, encoding
        self.cancel_flag = threading.Event()
        self.preview_shown = threading.Event()  # set by the window's thread (or by cancel)
        self._last_percent, self._last_sent = -1, -PROGRESS_INTERVAL

    def _progress(self, fraction: float) -> None:
        # At most ~10 signals a second (and the 100 %): each one wakes the window's thread, which then
        # waits for the GIL behind the parser threads; 101 of them in a 1 s read stalled it 0.15 s.
        percent, now = int(fraction * 100), time.monotonic()
        if percent != self._last_percent and (percent == 100 or now - self._last_sent >= PROGRESS_INTERVAL):
            self._last_percent, self._last_sent = percent, now
            self.progress.emit(self.number, percent)

    @Slot()
    def run(self) -> None:
        from ..core.profile import profile_frame
        from ..core.table import read_csv
        try:
            self.preview.emit(self.number, read_csv(self.path, encoding=self.encoding, nrows=PREVIEW_ROWS))
            # The parser's threads take both cores: started now, they would slow the window's drawing
            # of the preview three-fold (170 ms against 60 here); a moment's wait costs the read less.
            self.preview_shown.wait(PREVIEW_WAIT)
        except DLStudioError:
            pass  # the full read below reports the problem with its whole context
        except Exception:  # noqa: BLE001 - a preview is optional
            log.exception("preview of %s failed", self.path)
        try:
            table = read_csv(self.path, encoding=self.encoding, progress=self._progress,
                             cancel=self.cancel_flag.is_set)
            if self.cancel_flag.is_set():
                raise Cancelled("Loading was cancelled; nothing was changed.")
            profiles = profile_frame(table.frame)
            self.loaded.emit(self.number, table, profiles, _counted_facts(table.frame, profiles))
        except Cancelled:
            self.cancelled.emit(self.number)
        except Exception as exc:  # noqa: BLE001 - every failure reaches the GUI as a message
            if not isinstance(exc, DLStudioError):
                log.exception("loading %s failed", self.path)
            self.failed.emit(self.number, exc)
        finally:
            self.finished.emit()


def _counted_facts(frame, profiles):
    """The columns' facts the window will ask for, counted here, off the GUI thread: every column's
    missing rows, and the values of the label the window suggests and of every category column (the
    likely labels; a text label takes 30-90 ms a million rows to count)."""
    from ..core.column_facts import ColumnFacts
    from ..core.profile import CATEGORICAL, suggest_roles
    suggested = suggest_roles(profiles).label
    likely = [p.name for p in profiles if p.kind == CATEGORICAL or p.name == suggested]
    return ColumnFacts(frame).warm(labels=likely)


class CsvLoader(QObject):
    """Runs one load at a time; a new load cancels the previous one."""

    preview = Signal(object)
    progress = Signal(int)
    loaded = Signal(object, object, object)  # Table, profiles, ColumnFacts (AppState.set_table)
    failed = Signal(object)
    cancelled = Signal()
    busyChanged = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._job: _LoadJob | None = None
        self._previewed: _LoadJob | None = None  # the job whose preview the window is drawing
        self.drawn_elsewhere = False  # True: whoever shows the preview calls preview_drawn (the window)
        self._number = 0

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def load(self, path: str, encoding: str | None = None) -> None:
        """``encoding``: the one the person chose (else detected)."""
        self.cancel_and_wait()
        self._number += 1
        job = _LoadJob(str(path), self._number, encoding)
        thread = job_thread(job, job.finished)
        job.preview.connect(self._on_preview)
        job.progress.connect(self._on_progress)
        job.loaded.connect(self._on_loaded)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)
        thread.finished.connect(self._on_finished)
        self._thread, self._job = thread, job
        self.busyChanged.emit(True)
        thread.start()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel_flag.set()
            self._job.preview_shown.set()

    def cancel_and_wait(self) -> None:
        if self._thread is not None:
            self.cancel()
            self._number += 1  # whatever the old job still sends is now stale
            self._thread.quit()
            self._thread.wait()
            self._finish(self._thread)

    @Slot(int, object)
    def _on_preview(self, number, table):
        if number == self._number:
            self._previewed = self._job
            self.preview.emit(table)
            if not self.drawn_elsewhere:  # (nothing draws it: the full read goes on at the next turn)
                in_a_later_turn(self, self.preview_drawn)

    def preview_drawn(self) -> None:
        """The go-ahead for the full read of the file previewed: the window has drawn the preview (or
        will not); without it, the read waits PREVIEW_WAIT."""
        job, self._previewed = self._previewed, None
        if job is not None:
            job.preview_shown.set()

    @Slot(int, int)
    def _on_progress(self, number, percent):
        if number == self._number:
            self.progress.emit(percent)

    @Slot(int, object, object, object)
    def _on_loaded(self, number, table, profiles, facts):
        if number == self._number:
            self.loaded.emit(table, profiles, facts)

    @Slot(int, object)
    def _on_failed(self, number, error):
        if number == self._number:
            self.failed.emit(error)

    @Slot(int)
    def _on_cancelled(self, number):
        if number == self._number:
            self.cancelled.emit()

    @Slot()
    def _on_finished(self) -> None:
        self._finish(self.sender())

    def _finish(self, thread) -> None:
        """Let the finished ``thread`` go; a thread already let go by ``cancel_and_wait`` (its own
        finished signal still queued) must not take the next load's thread with it."""
        if self._thread is None or thread is not self._thread:
            return
        job = self._job
        self._thread = self._job = None
        thread.wait()
        job.deleteLater()
        thread.deleteLater()
        self.busyChanged.emit(False)
