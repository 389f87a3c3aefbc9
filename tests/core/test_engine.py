"""The training engine (Trainer.fit): repeatability, stop/pause, divergence, early stopping, modes,
rate-limited events, continued training and refusals. Plain pytest, tiny data, a few epochs."""
from __future__ import annotations

import math
import threading
import time

import numpy as np
import pytest
import torch
from torch import nn

from dlstudio.core.callbacks import Callback, History, Recorder
from dlstudio.core.engine import Trainer
from dlstudio.core.errors import TrainingError
from dlstudio.core.events import COMPLETED, EARLY_STOPPED, STOPPED, BatchEnd, EpochEnd, TrainEnd
from dlstudio.core.task import MULTICLASS, TaskInfo

from tests.core.engine_helpers import REG, WAIT, OnBatch, config, data, finite, mlp, same_state, state  # noqa: F401


# --- repeatability ---------------------------------------------------------------------------------

def _run(seed: int, *, dropout: bool = True):
    X, y = data()
    Xv, yv = data(64, seed=1)
    model = mlp(4, 16, 0, nn.Dropout(0.2)) if dropout else mlp()
    history = History()
    result = Trainer(model, nn.MSELoss(), config(seed=seed), REG, [history], batch_event_interval=0).fit(X, y, Xv, yv)
    return history, result, state(model)


def test_same_seed_gives_a_bitwise_identical_history():
    h1, r1, s1 = _run(7)
    h2, r2, s2 = _run(7)
    assert r1.reason == r2.reason == COMPLETED
    assert len(h1.batch_losses) == 3 * 8
    assert h1.batch_losses == h2.batch_losses  # exact float equality, dropout masks included
    assert [(e.train_loss, e.val_loss) for e in h1.epochs] == [(e.train_loss, e.val_loss) for e in h2.epochs]
    assert same_state(s1, s2)
    h3, _, _ = _run(8)
    assert h3.batch_losses != h1.batch_losses


# --- stop ------------------------------------------------------------------------------------------

def test_stop_from_a_batch_callback_ends_within_one_batch_keeping_the_weights():
    X, y = data()
    model = mlp()
    seen = {}

    def stop_at_5(trainer, event):
        if event.step == 5:
            seen["state"] = state(trainer.model)
            trainer.request_stop()

    counter, history = OnBatch(stop_at_5), History()
    trainer = Trainer(model, nn.MSELoss(), config(epochs=50), REG, [counter, history], batch_event_interval=0)
    result = trainer.fit(X, y)
    assert result.reason == STOPPED and history.end.reason == STOPPED
    assert counter.batches == 5  # not one batch more
    assert "Stopped" in result.message
    assert same_state(state(model), seen["state"])  # the weights trained so far, untouched
    assert result.epochs[-1].epoch == 1 and result.kept_epoch == 1  # the partial epoch is reported
    cut = result.epochs[-1]  # as cut short: its loss is of 5 batches, not an epoch's
    batches = math.ceil(len(X) / config().batch_size)
    assert cut.cut_short and (cut.batches_done, cut.batches) == (5, batches)
    assert f"in epoch 1, after 5 of its {batches} batches" in result.message
    with torch.no_grad():
        assert torch.isfinite(model(torch.from_numpy(X))).all()


def test_stop_from_another_thread_ends_within_one_batch():
    X, y = data()
    reached, requested = threading.Event(), threading.Event()

    def handshake(trainer, event):
        if event.step == 3:
            reached.set()
            assert requested.wait(WAIT)  # hold the loop until the other thread has asked to stop

    counter = OnBatch(handshake)
    trainer = Trainer(mlp(), nn.MSELoss(), config(epochs=50), REG, [counter], batch_event_interval=0)

    def stopper():
        assert reached.wait(WAIT)
        trainer.request_stop()
        requested.set()

    thread = threading.Thread(target=stopper)
    thread.start()
    result = trainer.fit(X, y)
    thread.join(WAIT)
    assert result.reason == STOPPED
    assert counter.batches == 3


def test_stop_from_another_thread_while_running_freely_ends_promptly():
    X, y = data(2048)
    trainer = Trainer(mlp(), nn.MSELoss(), config(epochs=100_000, batch_size=8), REG, [])
    asked = []

    def stopper():
        time.sleep(0.2)
        asked.append(time.perf_counter())
        trainer.request_stop()

    thread = threading.Thread(target=stopper)
    thread.start()
    result = trainer.fit(X, y)
    ended = time.perf_counter()
    thread.join(WAIT)
    assert result.reason == STOPPED
    assert ended - asked[0] < 2.0  # one batch plus one small evaluation, with a wide margin for load
    assert finite(trainer.model)


def test_a_stop_requested_before_fit_is_honoured_and_then_cleared():
    X, y = data()
    trainer = Trainer(mlp(), nn.MSELoss(), config(), REG, [])
    before = state(trainer.model)
    trainer.request_stop()
    result = trainer.fit(X, y)
    assert result.reason == STOPPED and result.epochs == []
    assert same_state(before, state(trainer.model))
    assert trainer.fit(X, y).reason == COMPLETED  # the request does not outlive the run it stopped


# --- pause / resume -------------------------------------------------------------------------------

def test_pause_from_a_callback_and_resume_from_a_thread():
    X, y = data()
    paused_at = {}

    def pause_at_4(trainer, event):
        paused_at.setdefault("events", []).append(event)
        if event.step == 4:
            trainer.pause()
            paused_at["batches"] = counter.batches

    counter, history = OnBatch(pause_at_4), History()
    trainer = Trainer(mlp(), nn.MSELoss(), config(), REG, [counter, history], batch_event_interval=0)
    observed = {}

    def resumer():
        deadline = time.monotonic() + WAIT
        while not trainer.paused and time.monotonic() < deadline:
            time.sleep(0.005)
        observed["paused"] = trainer.paused
        time.sleep(0.6)
        observed["batches_while_paused"] = counter.batches
        trainer.resume()

    thread = threading.Thread(target=resumer)
    thread.start()
    result = trainer.fit(X, y)
    thread.join(WAIT)
    assert observed["paused"] is True
    assert observed["batches_while_paused"] == paused_at["batches"] == 4  # nothing ran while paused
    assert result.reason == COMPLETED and counter.batches == 3 * 8
    assert not trainer.paused
    # the 0.6 s paused are no training time (they counted: epoch 1 took 0.6 s, samples/s fell 25-fold)
    assert result.seconds < 0.6 and result.epochs[0].seconds < 0.6
    assert max(event.elapsed for event in paused_at["events"]) < 0.6
    plain = History()
    Trainer(mlp(), nn.MSELoss(), config(), REG, [plain], batch_event_interval=0).fit(X, y)
    assert plain.batch_losses == history.batch_losses  # a pause changes nothing in the result


def test_stop_wakes_a_paused_run():
    X, y = data()

    def pause_at_2(trainer, event):
        if event.step == 2:
            trainer.pause()

    counter = OnBatch(pause_at_2)
    trainer = Trainer(mlp(), nn.MSELoss(), config(), REG, [counter], batch_event_interval=0)

    def stopper():
        deadline = time.monotonic() + WAIT
        while not trainer.paused and time.monotonic() < deadline:
            time.sleep(0.005)
        trainer.request_stop()

    thread = threading.Thread(target=stopper)
    thread.start()
    result = trainer.fit(X, y)
    thread.join(WAIT)
    assert result.reason == STOPPED and counter.batches == 2
    assert not trainer.paused


# --- early stopping -------------------------------------------------------------------------------

def test_early_stopping_restores_the_best_epochs_weights():
    # Pure noise, a wide network and a high learning rate: validation loss bottoms out, then rises.
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(64, 8)).astype(np.float32), rng.normal(size=(64, 1)).astype(np.float32)
    Xv, yv = rng.normal(size=(64, 8)).astype(np.float32), rng.normal(size=(64, 1)).astype(np.float32)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1))
    trainer = Trainer(model, nn.MSELoss(), config(batch_size=16, epochs=200, early_stopping=3), REG, [])
    result = trainer.fit(X, y, Xv, yv)
    assert result.reason == EARLY_STOPPED
    last = result.epochs[-1].epoch
    assert result.best_epoch == last - 3 and result.kept_epoch == result.best_epoch
    best = result.epochs[result.best_epoch - 1]
    assert best.val_loss == min(e.val_loss for e in result.epochs)
    final_val = float(nn.MSELoss()(trainer.predict_raw(Xv), torch.from_numpy(yv)))
    assert final_val == best.val_loss  # exactly the best epoch's model
    assert final_val < result.epochs[-1].val_loss
    assert result.final_metrics["epoch"] == result.best_epoch
    assert "best epoch" in result.message


def test_without_early_stopping_the_last_weights_are_kept():
    X, y = data()
    Xv, yv = data(64, seed=1)
    trainer = Trainer(mlp(), nn.MSELoss(), config(epochs=4), REG, [])
    result = trainer.fit(X, y, Xv, yv)
    assert result.kept_epoch == 4 and result.final_metrics["epoch"] == 4
    assert float(nn.MSELoss()(trainer.predict_raw(Xv), torch.from_numpy(yv))) == result.epochs[-1].val_loss


# --- train / eval modes -----------------------------------------------------------------------------

class Probe(nn.Module):
    """Identity that records (training?, rows, grad enabled?) for every forward call."""

    def __init__(self):
        super().__init__()
        self.calls: list[tuple[bool, int, bool]] = []

    def forward(self, x):
        self.calls.append((self.training, x.shape[0], torch.is_grad_enabled()))
        return x


def test_train_and_eval_modes_are_switched_around_validation():
    X, y = data(256)
    Xv, yv = data(50, seed=1)
    probe = Probe()
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.5), probe, nn.Linear(16, 1))
    modes_in_batches = []

    class Modes(Callback):
        def on_batch_end(self, trainer, event):
            modes_in_batches.append(trainer.model.training)

    trainer = Trainer(model, nn.MSELoss(), config(epochs=2), REG, [Modes()], batch_event_interval=0)
    result = trainer.fit(X, y, Xv, yv)
    training_calls = [c for c in probe.calls if c[1] == 32]
    validation_calls = [c for c in probe.calls if c[1] == 50]
    assert len(training_calls) == 16 and all(t and g for t, _, g in training_calls)
    assert len(validation_calls) == 2 and all(not t and not g for t, _, g in validation_calls)
    assert all(modes_in_batches)
    # Validation is deterministic (no dropout, BatchNorm's running statistics) and leaves them alone.
    bn = model[1]
    running = (bn.running_mean.clone(), bn.running_var.clone())
    first, second = trainer.predict_raw(Xv), trainer.predict_raw(Xv)
    assert torch.equal(first, second)
    assert torch.equal(bn.running_mean, running[0]) and torch.equal(bn.running_var, running[1])
    assert float(nn.MSELoss()(first, torch.from_numpy(yv))) == result.epochs[-1].val_loss
    assert model.training  # predict_raw puts back the mode it found


# --- rate-limited events ---------------------------------------------------------------------------

def test_batch_events_are_rate_limited_yet_carry_every_loss():
    X, y = data(1500, f=2)
    torch.manual_seed(0)
    events: list = []
    cfg = config(batch_size=1, epochs=2, lr=1e-3, optimizer="sgd")
    Trainer(nn.Linear(2, 1), nn.MSELoss(), cfg, REG, [Recorder(events.append)], batch_event_interval=0.05).fit(X, y)
    batch_events = [e for e in events if isinstance(e, BatchEnd)]
    epoch_events = [e for e in events if isinstance(e, EpochEnd)]
    assert [e.epoch for e in epoch_events] == [1, 2]  # every epoch event is delivered
    assert isinstance(events[-1], TrainEnd) and events[-1].reason == COMPLETED
    assert len(batch_events) < 3000 / 5  # far fewer events than batches
    for a, b in zip(batch_events, batch_events[1:]):
        if b.epoch == a.epoch and b.batch < b.batches:  # not an end-of-epoch flush
            assert b.elapsed - a.elapsed >= 0.05 - 1e-6
    assert [e.step for e in batch_events] == sorted(e.step for e in batch_events)
    assert batch_events[-1].step == 3000 and batch_events[-1].batch == 1500
    for epoch in epoch_events:  # together the tuples hold every batch loss, each in its epoch
        losses = [v for e in batch_events if e.epoch == epoch.epoch for v in e.losses]
        assert len(losses) == 1500
        assert math.isclose(sum(losses) / 1500, epoch.train_loss, rel_tol=1e-9)
        assert losses[-1] == [e for e in batch_events if e.epoch == epoch.epoch][-1].loss


# --- continued training ----------------------------------------------------------------------------

class StartState(Callback):
    def __init__(self):
        self.states = []

    def on_train_begin(self, trainer):
        self.states.append(state(trainer.model))


def test_a_second_fit_continues_from_the_current_weights():
    X, y = data()
    starts = StartState()
    trainer = Trainer(mlp(), nn.MSELoss(), config(epochs=2), REG, [starts])
    first = trainer.fit(X, y)
    after_first = state(trainer.model)
    second = trainer.fit(X, y)
    assert same_state(starts.states[1], after_first)
    assert [e.epoch for e in second.epochs] == [1, 2, 3, 4]
    assert second.epochs[2].train_loss < first.epochs[0].train_loss


def test_a_new_trainer_on_the_same_model_continues_from_its_weights():
    X, y = data()
    model = mlp()
    first = Trainer(model, nn.MSELoss(), config(epochs=3), REG, []).fit(X, y)
    trained = state(model)
    starts = StartState()
    second = Trainer(model, nn.MSELoss(), config(epochs=1), REG, [starts]).fit(X, y)
    assert same_state(starts.states[0], trained)
    assert second.epochs[0].train_loss < first.epochs[0].train_loss


# --- refusals -------------------------------------------------------------------------------------

def test_fewer_rows_than_a_batch_is_refused():
    X, y = data(20)
    with pytest.raises(TrainingError, match="fewer than one batch"):
        Trainer(mlp(), nn.MSELoss(), config(batch_size=32), REG, []).fit(X, y)


def test_cuda_without_a_gpu_is_refused_clearly():
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(TrainingError, match="CUDA") as info:
        Trainer(mlp(), nn.MSELoss(), config(device="cuda"), REG, [])
    assert "CPU" in str(info.value)


# --- robustness -------------------------------------------------------------------------------------

def test_an_exception_in_a_callback_propagates_and_leaves_the_trainer_usable():
    X, y = data()

    def boom(trainer, event):
        if event.step == 2:
            trainer.pause()  # state that must not leak into the next run
            raise RuntimeError("listener failed")

    trainer = Trainer(mlp(), nn.MSELoss(), config(epochs=1), REG, [OnBatch(boom)], batch_event_interval=0)
    with pytest.raises(RuntimeError, match="listener failed"):
        trainer.fit(X, y)
    assert not trainer.paused
    trainer.callbacks = []
    assert trainer.fit(X, y).reason == COMPLETED


def test_multiclass_without_validation_reports_metrics_on_a_training_sample():
    rng = np.random.default_rng(0)
    n = 12_000
    X = rng.normal(size=(n, 2)).astype(np.float32)
    y = (X[:, 0] > 0).astype(np.int64) + (X[:, 1] > 0).astype(np.int64)  # classes 0, 1, 2
    task = TaskInfo(MULTICLASS, ("c",), (0, 1, 2), (1, 1, 1))
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 3))
    result = Trainer(model, nn.CrossEntropyLoss(), config(batch_size=256, epochs=3), task, []).fit(X, y)
    last = result.epochs[-1]
    assert last.val_loss is None and last.metrics_on.startswith("training sample")
    assert last.metrics["accuracy"] > 0.9
