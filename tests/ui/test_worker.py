"""The run's QThread and the training process behind it: events, results, failures, crashes, shutdown."""
from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from dlstudio.core.events import BatchEnd, EpochEnd, TrainEnd
from dlstudio.core.profile import profile_frame
from dlstudio.core.remote import _Commands
from dlstudio.core.spec import DataConfig, ModelSpec, TrainConfig
from dlstudio.ui import threads, worker
from tests.conftest import linear_frame

RUN_TIMEOUT = 90_000


def request(n=600, **config) -> worker.RunRequest:
    frame = linear_frame(n=n)
    profiles = {p.name: p for p in profile_frame(frame)}
    cfg = TrainConfig(**{"epochs": 3, "early_stopping": 0, **config})
    return worker.RunRequest(frame, DataConfig(features=["x1", "x2"], labels=["y"]), profiles,
                             ModelSpec.mlp([16]), cfg, "linear.csv")


class Recorded:
    """Everything a TrainRun sends, in order."""

    def __init__(self, run: worker.TrainRun):
        self.signals, self.events, self.outcome, self.error, self.info = [], [], None, None, None
        run.begun.connect(lambda info: setattr(self, "info", info))
        run.events.connect(lambda evs: (self.signals.append(time.perf_counter()), self.events.extend(evs)))
        run.finished.connect(lambda out: setattr(self, "outcome", out))
        run.failed.connect(lambda exc: setattr(self, "error", exc))

    def of(self, kind):
        return [e for e in self.events if isinstance(e, kind)]


def run_to_end(qtbot, run, req):
    rec = Recorded(run)
    with qtbot.waitSignal(run.ended, timeout=RUN_TIMEOUT):
        assert run.start(req)
    assert not run.running and threads.running() == []
    return rec


@pytest.mark.parametrize("mode", [worker.PROCESS, worker.THREAD])
def test_every_event_arrives_in_few_signals_and_the_model_comes_back(qtbot, mode):
    run = worker.TrainRun(mode=mode)
    t0 = time.perf_counter()
    rec = run_to_end(qtbot, run, request(n=3000, epochs=4, batch_size=16))
    seconds = time.perf_counter() - t0
    assert rec.error is None, rec.error
    epochs, end = rec.of(EpochEnd), rec.of(TrainEnd)
    assert [e.epoch for e in epochs] == [1, 2, 3, 4] and len(end) == 1 and rec.events[-1] is end[0]
    losses = [x for b in rec.of(BatchEnd) for x in b.losses]
    assert len(losses) == 4 * rec.info.batches  # none dropped, none repeated
    assert len(rec.signals) <= seconds * 30 + 5  # coalesced: at most ~30 signals a second
    history = rec.outcome.bundle.history
    assert [h["train_loss"] for h in history] == [e.train_loss for e in epochs]
    assert rec.outcome.result.reason == "completed"
    out = rec.outcome.bundle.predict_raw(rec.outcome.prepared.X_val)
    assert bool(out.isfinite().all())


def test_an_error_inside_the_training_process_reaches_the_gui_with_its_message(qtbot):
    run = worker.TrainRun(mode=worker.PROCESS)
    rec = run_to_end(qtbot, run, request(n=100, batch_size=50_000))
    assert rec.outcome is None
    assert "fewer than one batch" in str(rec.error)
    assert run_to_end(qtbot, run, request(n=100, batch_size=16)).outcome.result.reason == "completed"


def test_an_unexpected_exception_in_training_is_reported(qtbot, monkeypatch):
    from dlstudio.core import pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("injected failure")

    monkeypatch.setattr(pipeline, "train", broken)
    rec = run_to_end(qtbot, worker.TrainRun(mode=worker.THREAD), request())
    assert isinstance(rec.error, RuntimeError) and "injected failure" in str(rec.error)


def test_a_crashed_training_process_is_a_clear_failure_not_a_hang(qtbot):
    run = worker.TrainRun(mode=worker.PROCESS)
    rec = Recorded(run)
    with qtbot.waitSignal(run.ended, timeout=RUN_TIMEOUT):
        with qtbot.waitSignal(run.events, timeout=RUN_TIMEOUT):
            run.start(request(n=20_000, epochs=200, batch_size=16))
        worker.process_backend().kill()
    assert "training process ended unexpectedly" in str(rec.error)
    assert rec.outcome is None
    again = run_to_end(qtbot, run, request())  # a new process is started for the next run
    assert again.outcome.result.reason == "completed"


def test_shutdown_kills_a_training_process_that_does_not_answer(qtbot):
    run = worker.TrainRun(mode=worker.PROCESS)
    with qtbot.waitSignal(run.events, timeout=RUN_TIMEOUT):
        run.start(request(n=20_000, epochs=200, batch_size=16))
    pid = worker.process_backend()._proc.pid
    os.kill(pid, signal.SIGSTOP)  # frozen: it will never answer Stop
    t0 = time.perf_counter()
    run.shutdown(grace_ms=500)
    assert time.perf_counter() - t0 < 5
    assert not run.running and threads.running() == []
    assert not worker.process_backend().alive()


def test_stop_while_the_data_is_prepared_leaves_the_model_unchanged(qtbot, monkeypatch):
    from dlstudio.core import preprocessing
    real, entered, release = preprocessing.prepare, threading.Event(), threading.Event()

    def slow(*args, **kwargs):
        entered.set()
        release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(preprocessing, "prepare", slow)  # seen by the engine's thread in this process
    run = worker.TrainRun(mode=worker.THREAD)
    rec = Recorded(run)
    with qtbot.waitSignal(run.ended, timeout=RUN_TIMEOUT):
        run.start(request())
        assert entered.wait(30)
        run.stop()
        qtbot.waitUntil(lambda: run._backend._commands.stop, timeout=5000)  # it reached the engine's side
        release.set()
    assert rec.outcome.bundle is None and "Stopped before training began" in rec.outcome.notes[0]
    assert rec.events == [] and rec.error is None


class _FakeTrainer:
    def __init__(self):
        self.calls = []

    def request_stop(self):
        self.calls.append("stop")

    def pause(self):
        self.calls.append("pause")

    def resume(self):
        self.calls.append("resume")


def test_commands_sent_before_training_begins_are_applied_when_it_does():
    commands = _Commands()
    commands.begin(7)
    commands.apply("pause", 7)
    commands.apply("stop", 6)  # for an earlier run: ignored
    trainer = _FakeTrainer()
    commands.attach(trainer)
    assert trainer.calls == ["pause"]
    commands.apply("resume", 7)
    commands.apply("stop", 7)
    assert trainer.calls == ["pause", "resume", "stop"]
