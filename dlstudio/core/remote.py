"""Train away from the window: one run as a plain job, executed in a child process (or a thread).

Why a child process: a torch loop in a second thread of the GUI's process shares its GIL and its
intra-op pool with the window's redraws (measured 0.41–0.78× of its headless speed); in its own
process with cores − 1 threads it keeps full speed (BENCHMARKS.md). The child is started once and
kept: importing torch takes seconds, so it is paid while the person is still choosing.

The job carries the data frame, not prepared arrays: preparing (pandas, seconds of held GIL on big
data) happens where the training does, so the window's process never stalls on it.

Protocol (messages framed by ``pipe_messages``: arrays out of band, never copied by pickle; tensors
are copied, never shared):
parent → child on ``control``: ("job", TrainJob) · ("stop"|"pause"|"resume", job_id) · ("quit",)
child → parent on ``events``: ("begun", job_id, Start) · ("event", job_id, BatchEnd|EpochEnd|TrainEnd) ·
("done", job_id, Finished) · ("error", job_id, exception, traceback text)
Nothing here imports Qt; torch and pandas are imported only where the job runs.
"""
from __future__ import annotations

import copy
import itertools
import os
import pickle
import queue
import signal
import threading
import traceback
from dataclasses import dataclass, field, replace

from .errors import TrainingError
from .pipe_messages import receive_message, send_message

_ids = itertools.count(1)


@dataclass
class TrainJob:
    """Everything one run needs, as plain data (picklable)."""

    frame: object  # the DataFrame to learn from
    data_config: object  # spec.DataConfig
    profiles: dict  # column name → profile.ColumnProfile
    spec: object  # spec.ModelSpec
    train_config: object  # spec.TrainConfig
    source: str = ""
    bundle: object | None = None  # the current ModelBundle: continued when it still fits
    reset: bool = False  # new weights even when it fits
    threads: int = 0  # torch intra-op threads where the job runs; 0 = leave as is
    csv: object | None = None  # written_cells.CsvSource of the frame: its classes as the file writes them
    batch_event_interval: float = 0.05
    id: int = 0

    def __post_init__(self):
        if not self.id:
            self.id = next(_ids)


@dataclass(frozen=True)
class Start:
    """Sent once the data is prepared, before the first batch."""

    continued: bool
    why_new: str  # why the run starts from new weights ('' when it continues or there was no model)
    epoch_offset: int  # epochs the continued model had already trained
    epochs: int
    batches: int  # per epoch
    train_rows: int
    val_rows: int
    task: object  # task.TaskInfo
    notices: tuple = ()


@dataclass
class Finished:
    bundle: object | None  # the trained ModelBundle (None: the model from before the run stays)
    prepared: object  # preprocessing.Prepared
    result: object | None  # engine.FitResult
    notes: list = field(default_factory=list)
    evaluation: object | None = None  # evaluation.EvalData of the trained bundle on prepared (None: not measured)


def continue_problem(bundle, prepared, spec) -> str:
    """Why ``bundle``'s weights cannot go on training with this data and stack ('' when they can)."""
    if bundle is None:
        return "there is no trained model yet"
    if bundle.spec.to_dict() != spec.to_dict():
        return "the layer stack changed"
    if bundle.preprocessor.output_names != prepared.preprocessor.output_names:
        return "the input columns changed"
    if scaling_changed(bundle.preprocessor, prepared.preprocessor.standardize):
        return "the input scaling (Standardize) changed"
    old, new = bundle.task, prepared.task
    if (old.kind, tuple(old.labels), tuple(old.classes)) != (new.kind, tuple(new.labels), tuple(new.classes)):
        return "the label or its classes changed"
    return ""


def scaling_changed(pre, standardize: str) -> bool:
    """Whether ``standardize`` would scale the numeric inputs otherwise than the model's preprocessing
    ``pre`` does: its weights learned on inputs scaled that way, so the choice means new weights."""
    return bool(pre.numeric) and pre.standardize != standardize


class _Commands:
    """Stop/pause for the job being run: remembered until its trainer exists, then applied to it."""

    def __init__(self):
        self._lock = threading.Lock()
        self.job_id = 0
        self.trainer = None
        self.stop = self.paused = False

    def begin(self, job_id: int) -> None:
        with self._lock:
            self.job_id, self.trainer, self.stop, self.paused = job_id, None, False, False

    def attach(self, trainer) -> None:
        with self._lock:
            self.trainer = trainer
            if self.stop:
                trainer.request_stop()
            elif self.paused:
                trainer.pause()

    def apply(self, command: str, job_id: int) -> None:
        with self._lock:
            if job_id != self.job_id:
                return  # meant for a run that has ended
            if command == "stop":
                self.stop = True
            elif command in ("pause", "resume"):
                self.paused = command == "pause"
            trainer = self.trainer
            if trainer is None:
                return
            if command == "stop":
                trainer.request_stop()
            elif command == "pause":
                trainer.pause()
            elif command == "resume":
                trainer.resume()

    def abort(self) -> None:
        with self._lock:
            self.stop = True
            if self.trainer is not None:
                self.trainer.request_stop()


def execute(job: TrainJob, send, commands: _Commands) -> Finished:
    """Prepare the data, build (or continue) the model and train it; messages go to ``send``."""
    import torch

    from . import pipeline, preprocessing
    from .callbacks import Recorder
    from .class_spelling import with_written_classes
    from .feeder import batches_an_epoch, has_batchnorm
    if job.threads:
        torch.set_num_threads(job.threads)
    prepared = preprocessing.prepare(job.frame, job.data_config, job.profiles)
    prepared.task = with_written_classes(prepared.task, job.csv, job.frame)
    unchanged = Finished(None, prepared, None, ["Stopped before training began; the model is unchanged."])
    if commands.stop:
        return unchanged
    old = job.bundle
    why = ("you chose Reset weights" if job.reset else continue_problem(old, prepared, job.spec)) if old else ""
    continued = old is not None and not why
    cfg = job.train_config
    if continued:
        prepared = preprocessing.with_preprocessor(prepared, job.frame, old.preprocessor)
        bundle = replace(old, spec=job.spec, preprocessor=prepared.preprocessor, task=prepared.task,
                         data_config=job.data_config, train_config=cfg, source=job.source)
    else:
        bundle = pipeline.new_bundle(prepared, job.data_config, job.spec, cfg, job.source)
    rows = len(prepared.train_rows)
    send(("begun", job.id, Start(continued, why, len(old.history) if continued else 0, cfg.epochs,
                                 batches_an_epoch(rows, cfg.batch_size, has_batchnorm(bundle.model)), rows,
                                 len(prepared.val_rows), prepared.task, tuple(prepared.notices))))
    if commands.stop:
        return unchanged
    result = pipeline.train(bundle, prepared, [Recorder(lambda event: send(("event", job.id, event)))],
                            trainer_hook=commands.attach, batch_event_interval=job.batch_event_interval)
    if old is not None and not continued and not result.epochs:
        return Finished(None, prepared, result)  # new weights that learned nothing: the trained model stays
    return Finished(bundle, prepared, result, evaluation=measure(bundle, prepared))


def measure(bundle, prepared):
    """The Results step's validation pairs, measured where the model was trained: in the window's process
    this forward pass competed with the event loop at the end of every run. Small (two arrays of the
    validation rows), so it travels back with the model. None when it fails: the window measures it then."""
    from .evaluation import validation_eval
    try:
        return validation_eval(bundle, prepared)
    except Exception:  # noqa: BLE001 - an optional extra; the run itself succeeded
        return None


def _run(job: TrainJob, send, commands: _Commands) -> None:
    try:
        send(("done", job.id, execute(job, send, commands)))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back as a message
        send(("error", job.id, _picklable(exc), traceback.format_exc()))


def _picklable(exc: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001
        return RuntimeError(f"{type(exc).__name__}: {exc}")


# --- the child process ---------------------------------------------------------------------------
def serve(control, events) -> None:
    """The child's main: import torch at once (the warm-up), then run jobs until told to quit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in the terminal is the parent's to handle
    jobs: queue.Queue = queue.Queue()
    commands = _Commands()
    # Listen first: a job sent during the imports is read at once, so the sender never waits on a full pipe.
    threading.Thread(target=_listen, args=(control, jobs, commands), name="commands", daemon=True).start()
    import torch  # noqa: F401

    from . import pipeline  # noqa: F401

    while (job := jobs.get()) is not None:
        _run(job, lambda message: send_message(events, message), commands)
        job = None  # drop the data before waiting for the next job


def _listen(control, jobs: queue.Queue, commands: _Commands) -> None:
    """Reads the control pipe while the main thread trains; a closed pipe means the parent is gone."""
    try:
        while True:
            message = receive_message(control)
            if message[0] == "job":
                commands.begin(message[1].id)
                jobs.put(message[1])
            elif message[0] == "quit":
                break
            else:
                commands.apply(message[0], message[1])
    except (EOFError, OSError):
        pass
    commands.abort()
    jobs.put(None)


class ChildDied(TrainingError):
    pass


class ProcessBackend:
    """The parent's handle on the training process. Used from one driver thread at a time,
    except ``start``, ``alive`` and ``kill``, which any thread may call."""

    def __init__(self):
        self._lock = threading.Lock()
        self._proc = None
        self._control = self._events = None

    def start(self) -> None:
        """Start the child if it is not running (cheap: it imports torch on its own time)."""
        with self._lock:
            if self._proc is not None and self._proc.is_alive():
                return
            self._cleanup()
            import multiprocessing as mp  # here, not at the top: ~40 ms the window's start-up need not pay

            ctx = mp.get_context("spawn")  # fork would copy the GUI's threads and Qt state
            control_r, control_w = ctx.Pipe(duplex=False)
            events_r, events_w = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=serve, args=(control_r, events_w), name="dlstudio-train", daemon=True)
            proc.start()
            control_r.close()  # only the child holds these ends now: its death reads as EOF here
            events_w.close()
            self._proc, self._control, self._events = proc, control_w, events_r

    def alive(self) -> bool:
        proc = self._proc
        return proc is not None and proc.is_alive()

    def submit(self, job: TrainJob) -> None:
        self.start()
        self._send(("job", job))

    def command(self, command: str, job_id: int) -> None:
        try:
            self._send((command, job_id))
        except ChildDied:
            pass  # the driver notices the death on its next receive

    def _send(self, message) -> None:
        try:
            send_message(self._control, message)
        except (OSError, AttributeError) as exc:
            raise self._died() from exc

    def receive(self, timeout: float, limit: int = 2000) -> list:
        """The messages that arrive within ``timeout`` seconds (all that are waiting, up to ``limit``)."""
        events, out = self._events, []
        try:
            if not events.poll(timeout):
                if not self.alive():
                    raise self._died()
                return out
            while len(out) < limit and events.poll(0):
                out.append(receive_message(events))
        except (EOFError, OSError) as exc:
            raise self._died() from exc
        return out

    def _died(self) -> ChildDied:
        proc = self._proc
        if proc is not None:
            proc.join(1.0)
        code = proc.exitcode if proc is not None else None
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return ChildDied(f"The training process ended unexpectedly ({how}). The model from before this run "
                         f"is unchanged.", hint="Try again; if it happens again, use a smaller batch size or "
                                                "smaller layers (the computer may have run out of memory).")

    def kill(self) -> None:
        proc = self._proc
        if proc is not None and proc.is_alive():
            proc.kill()

    def close(self, timeout: float = 3.0) -> None:
        """Ask the child to quit; kill it if it does not within ``timeout`` seconds."""
        with self._lock:
            proc = self._proc
            if proc is None:
                return
            try:
                send_message(self._control, ("quit",))
            except (OSError, AttributeError):
                pass
            proc.join(timeout)
            if proc.is_alive():
                proc.kill()
                proc.join(timeout)
            self._cleanup()

    def _cleanup(self) -> None:
        for conn in (self._control, self._events):
            if conn is not None:
                conn.close()
        if self._proc is not None and not self._proc.is_alive():
            self._proc.close()
        self._proc = self._control = self._events = None


class ThreadBackend:
    """The same protocol with the engine in a Python thread of this process (for comparison and
    where a child process cannot be started). The model is copied, so the caller's stays intact."""

    def __init__(self):
        self._messages: queue.Queue = queue.Queue()
        self._commands = _Commands()
        self._thread: threading.Thread | None = None

    def start(self) -> None: ...

    def alive(self) -> bool:
        return True

    def submit(self, job: TrainJob) -> None:
        self._commands.begin(job.id)
        self._thread = threading.Thread(target=self._execute, args=(job,), name="dlstudio-train", daemon=True)
        self._thread.start()

    def _execute(self, job: TrainJob) -> None:
        try:
            import torch
            # A second thread's torch ops with 2+ intra-op threads fall to 0.2–0.5× (issue 5): use one.
            torch.set_num_threads(job.threads or 1)
            if job.bundle is not None:  # train a copy: the window's model stays as it is until the end
                job = replace(job, bundle=copy.deepcopy(job.bundle))
        except BaseException as exc:  # noqa: BLE001
            self._messages.put(("error", job.id, exc, traceback.format_exc()))
            return
        _run(job, self._messages.put, self._commands)

    def command(self, command: str, job_id: int) -> None:
        self._commands.apply(command, job_id)

    def receive(self, timeout: float, limit: int = 2000) -> list:
        out = []
        try:
            out.append(self._messages.get(timeout=timeout))
            while len(out) < limit:
                out.append(self._messages.get_nowait())
        except queue.Empty:
            pass
        return out

    def kill(self) -> None:
        self._commands.abort()

    def close(self, timeout: float = 3.0) -> None:
        self._commands.abort()
        if self._thread is not None:
            self._thread.join(timeout)


def default_threads() -> int:
    """Torch threads for a run beside the window: all cores but one, which the window keeps."""
    return max(1, (os.cpu_count() or 1) - 1)
