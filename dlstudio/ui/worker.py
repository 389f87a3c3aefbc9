"""A QThread owns each training run; the engine itself runs in a child process that the thread drives.

The thread hands the job (the data as loaded, the choices, the current model) to the training process
(core.remote), which prepares the data, continues or rebuilds the model and trains it, and relays
what comes back: engine events, coalesced into at most ~30 signals a second, then the trained bundle
or the failure. Stop and Pause are queued here and forwarded by the thread, so the GUI thread never
blocks on a pipe. Nothing here touches a widget; nothing heavy runs in the window's process.
"""
from __future__ import annotations

import atexit
import logging
import time
from collections import deque
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from ..core.events import TrainEnd
from ..core.remote import ProcessBackend, ThreadBackend, TrainJob, default_threads
from .threads import job_thread

log = logging.getLogger(__name__)
PROCESS, THREAD = "process", "thread"
DEFAULT_MODE = PROCESS  # chosen by measurement: see BENCHMARKS.md, "Training with the window open"
RELAY_INTERVAL = 1 / 30  # seconds between event signals: the plots redraw at most this often
STOP_GRACE_MS = 15_000  # shutdown waits this long for a stopped run before killing the process

_process_backend: ProcessBackend | None = None


def process_backend() -> ProcessBackend:
    """The one training process of the app, started on first use and closed when the app quits."""
    global _process_backend
    if _process_backend is None:
        _process_backend = ProcessBackend()
        atexit.register(_process_backend.close)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_process_backend.close)
    return _process_backend


def prewarm(mode: str | None = None) -> None:
    """Start the training process now, so that it has imported torch by the time Start is pressed."""
    if (mode or DEFAULT_MODE) == PROCESS:
        process_backend().start()


@dataclass
class RunRequest:
    """What a run needs, copied from AppState on the GUI thread (the frame is shared, never changed)."""

    frame: object
    data_config: object
    profiles: dict
    spec: object
    train_config: object
    source: str = ""
    bundle: object | None = None  # the current model: continued unless reset or it no longer fits
    reset: bool = False
    csv: object | None = None  # core.written_cells.CsvSource: where a refusal's data row is in the file


@dataclass
class RunOutcome:
    bundle: object | None  # the trained ModelBundle (None when stopped before training began)
    prepared: object  # the data as the model saw it (for the Results step)
    result: object | None  # core.engine.FitResult
    info: object | None = None  # core.remote.Start, as sent before the first batch
    notes: list[str] = field(default_factory=list)
    evaluation: object | None = None  # core.evaluation.EvalData, measured in the training process


class TrainWorker(QObject):
    """Lives in the run's QThread; ``run`` drives one job to its end."""

    begun = Signal(object)  # core.remote.Start: the data is prepared, training begins
    events = Signal(list)  # BatchEnd / EpochEnd / TrainEnd records, in order, none dropped
    finished = Signal(object)  # RunOutcome
    failed = Signal(object)  # the exception, for state.report
    done = Signal()  # always last

    def __init__(self, request: RunRequest, backend):
        super().__init__()
        self.request, self.backend = request, backend
        self._commands: deque[str] = deque()  # appended by the GUI thread, sent by this one

    def command(self, name: str) -> None:
        """'stop', 'pause' or 'resume'; safe from any thread, never blocks."""
        self._commands.append(name)

    @Slot()
    def run(self) -> None:
        try:
            self.finished.emit(self._drive())
        except Exception as exc:  # noqa: BLE001 - every failure reaches the GUI as a message
            from ..core.file_lines import located  # (pandas: not imported before the window shows)
            self.failed.emit(located(exc, self.request.csv))  # (reads the file here, off the GUI thread)
        finally:
            self.done.emit()

    def _drive(self) -> RunOutcome:
        r = self.request
        job = TrainJob(r.frame, r.data_config, r.profiles, r.spec, r.train_config, r.source, r.bundle, r.reset,
                       threads=default_threads() if isinstance(self.backend, ProcessBackend) else 1, csv=r.csv)
        self.backend.submit(job)
        pending: list = []
        info, last = None, 0.0
        while True:
            while self._commands:
                self.backend.command(self._commands.popleft(), job.id)
            for message in self.backend.receive(RELAY_INTERVAL):
                kind = message[0]
                if message[1] != job.id:
                    continue  # left over from a run that was abandoned
                if kind == "event":
                    pending.append(message[2])
                    continue
                pending = self._relay(pending)
                if kind == "begun":
                    info = message[2]
                    self.begun.emit(info)
                elif kind == "done":
                    done = message[2]
                    return RunOutcome(done.bundle, done.prepared, done.result, info, list(done.notes),
                                      done.evaluation)
                else:
                    log.error("training failed\n%s", message[3])
                    raise message[2]
            now = time.monotonic()
            if pending and (now - last >= RELAY_INTERVAL or isinstance(pending[-1], TrainEnd)):
                last = now
                pending = self._relay(pending)

    def _relay(self, pending: list) -> list:
        if pending:
            self.events.emit(pending)
        return []


class TrainRun(QObject):
    """The GUI thread's handle on the current run: start, stop, pause, and a clean shutdown."""

    begun = Signal(object)
    events = Signal(list)
    finished = Signal(object)
    failed = Signal(object)
    ended = Signal()  # the thread is gone; a new run may start

    def __init__(self, parent=None, mode: str | None = None):
        super().__init__(parent)
        self.mode = mode
        self._thread: QThread | None = None
        self._worker: TrainWorker | None = None
        self._backend = None
        self.paused = False
        self.stopping = False

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, request: RunRequest) -> bool:
        if self._thread is not None:
            return False  # one run at a time, however often Start is pressed
        mode = self.mode or DEFAULT_MODE
        self._backend = process_backend() if mode == PROCESS else ThreadBackend()
        worker = TrainWorker(request, self._backend)
        thread = job_thread(worker, worker.done, "dlstudio-train-driver")
        # Bound slots of this GUI-thread object, so they are queued here; each checks its sender,
        # so a run abandoned at shutdown stays silent.
        worker.begun.connect(self._on_begun)
        worker.events.connect(self._on_events)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        self.paused = self.stopping = False
        thread.start()
        return True

    def _current(self) -> bool:
        sender = self.sender()
        return sender is not None and sender in (self._worker, self._thread)

    @Slot(object)
    def _on_begun(self, info) -> None:
        if self._current():
            self.begun.emit(info)

    @Slot(list)
    def _on_events(self, events) -> None:
        if self._current():
            self.events.emit(events)

    @Slot(object)
    def _on_finished(self, outcome) -> None:
        if self._current():
            self.finished.emit(outcome)

    @Slot(object)
    def _on_failed(self, exc) -> None:
        if self._current():
            self.failed.emit(exc)

    @Slot()
    def _on_thread_finished(self) -> None:
        if self._current():
            self._cleanup()

    def stop(self) -> None:
        if self._worker is not None and not self.stopping:
            self.stopping = True
            self.paused = False
            self._worker.command("stop")

    def set_paused(self, paused: bool) -> None:
        if self._worker is not None and not self.stopping and paused != self.paused:
            self.paused = paused
            self._worker.command("pause" if paused else "resume")

    def shutdown(self, grace_ms: int = STOP_GRACE_MS) -> None:
        """Stop, then wait for the thread; a training process that does not answer is killed."""
        if self._thread is None:
            return
        self.stop()
        thread = self._thread
        if not thread.wait(grace_ms):
            log.warning("the training run did not stop within %d ms; killing it", grace_ms)
            self._backend.kill()
            thread.wait()
        self._cleanup()

    def _cleanup(self) -> None:
        thread, worker = self._thread, self._worker
        if thread is None:
            return
        self._thread = self._worker = None
        thread.wait()
        worker.deleteLater()
        thread.deleteLater()
        self.paused = self.stopping = False
        self.ended.emit()
