"""Trainer.fit(): the training loop — batches from one permutation per epoch, loss, backward, step.

Commands come down as flags read between batches (stop, pause); events go up to callbacks, batch
events rate-limited by time in this thread so that no listener is ever flooded.
"""
from __future__ import annotations

import math
import os
import threading
import time
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from .callbacks import Callback, EarlyStopping
from .distributed import from_rank0, mean_across, replicated, same_buffers, shard
from .errors import TrainingError
from .events import COMPLETED, DIVERGED, EARLY_STOPPED, STOPPED, BatchEnd, EpochEnd, TrainEnd
from .feeder import Feeder, check_batches, has_batchnorm, idle_core, rows_an_epoch
from .lean_step import lean_step
from .metrics import evaluate
from .output_scale import parameter_groups
from .spec import TrainConfig
from .task import TaskInfo

EVAL_CHUNK = 4_096  # rows per forward pass when evaluating: bounds the activations' memory
TRAIN_METRIC_ROWS = 10_000  # without validation, epoch metrics use at most this many training rows


@dataclass
class FitResult:
    reason: str
    message: str
    epochs: list[EpochEnd] = field(default_factory=list)
    best_epoch: int | None = None
    seconds: float = 0.0
    kept_epoch: int | None = None  # the epoch whose weights the model holds now (None: the initial ones)

    @property
    def final_metrics(self) -> dict:
        """The metrics of the epoch whose weights the model keeps."""
        if not self.epochs:
            return {}
        chosen = next((e for e in self.epochs if e.epoch == self.kept_epoch), self.epochs[-1])
        return dict(chosen.metrics, val_loss=chosen.val_loss, train_loss=chosen.train_loss, epoch=chosen.epoch)


def resolve_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise TrainingError("CUDA was chosen, but no CUDA GPU is available to PyTorch here.",
                            hint="Choose the CPU (or 'auto') as the device.")
    return torch.device(name)


def default_threads(gui_attached: bool) -> int:
    """All cores headless; cores − 1 beside a GUI, so the window's thread keeps a core."""
    cores = os.cpu_count() or 1
    return max(1, cores - 1) if gui_attached else cores


def make_optimizer(model: nn.Module, cfg: TrainConfig, device: torch.device,
                   output_scale: float = 1.0) -> torch.optim.Optimizer:
    """``output_scale``: the label's spread, by which the output layer's learning rate is multiplied
    (``output_scale.parameter_groups``)."""
    params = parameter_groups(model, cfg, output_scale)
    # Fused kernels exist for Adam/AdamW on CPU and CUDA and give the same results within float tolerance.
    fused = {"fused": True}
    if cfg.optimizer == "adam":
        return torch.optim.Adam(params, lr=cfg.lr, weight_decay=cfg.weight_decay, **fused)
    if cfg.optimizer == "adamw":
        return torch.optim.AdamW(params, lr=cfg.lr, weight_decay=cfg.weight_decay, **fused)
    if cfg.optimizer == "sgd":
        return torch.optim.SGD(params, lr=cfg.lr, momentum=cfg.momentum, weight_decay=cfg.weight_decay)
    return torch.optim.RMSprop(params, lr=cfg.lr, momentum=cfg.momentum, weight_decay=cfg.weight_decay)


def make_scheduler(optimizer, cfg: TrainConfig):
    if cfg.scheduler == "step":
        return torch.optim.lr_scheduler.StepLR(optimizer, step_size=max(1, cfg.epochs // 3), gamma=0.1)
    if cfg.scheduler == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=max(1, cfg.epochs))
    if cfg.scheduler == "plateau":
        # eps=0: a label in tiny units gives the output layer a rate under the default eps (1e-8), whose
        # cuts the scheduler would skip (output_scale)
        return torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.5, eps=0.0,
                                                          patience=max(2, cfg.early_stopping // 2))
    return None


def _seed_device(seed: int, device: torch.device) -> None:
    """Seed the random numbers the model draws (dropout) on its device. torch.manual_seed would do it
    too, but it also queues lazy seeding calls for every accelerator backend, with a stack trace each."""
    torch.default_generator.manual_seed(seed)
    if device.type == "cuda":
        torch.cuda.manual_seed_all(seed)


class Trainer:
    """Owns one model's training: optimizer, schedule, history, best weights, stop and pause."""

    def __init__(self, model: nn.Module, loss_fn: nn.Module, config: TrainConfig, task: TaskInfo,
                 callbacks: list[Callback] | tuple = (), *, batch_event_interval: float = 0.05,
                 epoch_offset: int = 0, output_scale: float = 1.0):
        """``epoch_offset``: the epochs the model trained before (a continued model): the messages
        number epochs after them, as the person's log does, and its validation loss is the mark its
        new epochs must beat."""
        self.config = config.validate()
        self.epoch_offset = epoch_offset
        self.device = resolve_device(config.device)
        self.model = model.to(self.device)
        self.loss_fn = loss_fn.to(self.device)
        self.task = task
        self.callbacks = list(callbacks)
        if config.early_stopping:
            self.callbacks.append(EarlyStopping(config.early_stopping))
        self.batch_event_interval = batch_event_interval
        self.prefetch: bool | None = None  # gather the next block on another core; None: when one is idle
        self.optimizer = make_optimizer(self.model, config, self.device, output_scale)
        self.scheduler = make_scheduler(self.optimizer, config)
        self.epochs: list[EpochEnd] = []
        self.best_epoch: int | None = None
        self.best_loss = math.inf
        self._best_state: dict | None = None
        self._good_state: dict = {}
        self._good_epoch: int | None = None
        self.kept_epoch: int | None = None  # the epoch whose weights the model holds (None: as given)
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()
        self._stop_reason, self._stop_message = STOPPED, ""

    # --- commands (any thread) -------------------------------------------------------------
    def request_stop(self, reason: str = STOPPED, message: str = "") -> None:
        if not self._stop.is_set():
            self._stop_reason, self._stop_message = reason, message
        self._stop.set()
        self._running.set()  # a paused run must wake up to stop

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    # --- the loop ----------------------------------------------------------------------------
    def _notify(self, hook: str, event) -> None:
        for cb in self.callbacks:
            getattr(cb, hook)(self, event)

    def fit(self, X_train: np.ndarray | torch.Tensor, y_train, X_val=None, y_val=None, *,
            rows: np.ndarray | torch.Tensor | None = None) -> FitResult:
        """Train for ``config.epochs`` more epochs, continuing from the model's current weights.

        ``rows``: the training rows are X_train[rows] (X_train may hold other rows too, the
        validation ones say); batches are gathered from X_train through them, never copied into a
        part of their own first. y_train is in the order of ``rows``.

        A stop or pause requested before fit() starts is honoured at the first batch; both are
        cleared when fit() returns, so the next fit() starts afresh.
        """
        cfg = self.config
        if cfg.num_threads:
            torch.set_num_threads(cfg.num_threads)
        X, y = self._as_tensor(X_train), self._as_tensor(y_train)
        if rows is not None:
            rows = torch.as_tensor(rows, dtype=torch.int64, device=self.device)
        n = len(X) if rows is None else len(rows)
        if n == 0:
            raise TrainingError("There are no training rows.", hint="Lower the validation split.")
        if len(y) != n:
            raise TrainingError(f"The training data has {n} rows but {len(y)} labels.")
        check_batches(n, cfg.batch_size, has_batchnorm(self.model))
        world = shard()[1]
        if X_val is not None and len(X_val) > 0:
            Xe, ye, metrics_on = self._as_tensor(X_val), self._as_tensor(y_val), "validation"
        else:
            Xe, ye, metrics_on = self._metric_sample(X, y, rows)
        prefetch = idle_core(self.device) if self.prefetch is None else self.prefetch
        feeder = Feeder(X, y, cfg.batch_size, n // world, prefetch, rows)
        try:
            return self._fit(feeder, Xe, ye, metrics_on)
        finally:
            feeder.close()
            self._stop.clear()
            self._stop_reason, self._stop_message = STOPPED, ""
            self._running.set()  # a run that has ended is not paused

    def _fit(self, feeder: Feeder, Xe, ye, metrics_on: str) -> FitResult:
        cfg = self.config
        has_val = metrics_on == "validation"
        n = len(feeder.y)
        rank, world = shard()  # under torchrun each rank trains its slice of every epoch
        generator = torch.Generator().manual_seed(cfg.seed + len(self.epochs))
        # dropout masks repeat with the seed too (each rank draws its own under torchrun)
        _seed_device(cfg.seed + len(self.epochs) + 7919 * rank, self.device)
        bs = cfg.batch_size
        per_rank = rows_an_epoch(n // world, bs, has_batchnorm(self.model))  # every rank trains as many
        batches = math.ceil(per_rank / bs)
        start_epoch = len(self.epochs)
        last_epoch = start_epoch + cfg.epochs
        t_start = time.perf_counter()
        step = 0
        reason, message = COMPLETED, ""
        for cb in self.callbacks:
            cb.on_train_begin(self)
        model, loss_fn, opt, clip = self.model, self.loss_fn, self.optimizer, cfg.grad_clip
        # DDP under torchrun: backward averages the ranks' gradients (and says if they were finite);
        # made before the first snapshot, since its constructor gives every rank rank 0's weights
        net, gradients_finite = replicated(model, self.device)
        self._snapshot_good(self.kept_epoch)
        if self.epoch_offset and not self.epochs and has_val:
            self._start_as_best(Xe, ye)
        params = [p for p in model.parameters() if p.requires_grad]  # the optimizer's, less frozen ones
        opt_step = lean_step(opt)
        stop_set, running_set = self._stop.is_set, self._running.is_set
        interval, notify, clock, isfinite = self.batch_event_interval, self._notify, time.perf_counter, math.isfinite
        for epoch in range(start_epoch + 1, last_epoch + 1):
            net.train()
            t_epoch = clock()
            perm = torch.randperm(n, generator=generator)
            if world > 1 or per_rank < n:
                perm = perm[rank * per_rank:(rank + 1) * per_rank]
            perm = perm.to(self.device)
            total, seen, done = 0.0, 0, 0
            pending: list[float] = []
            bad = None
            next_emit = t_epoch + interval
            for xb, yb in feeder.epoch(perm):
                if stop_set():
                    break
                if not running_set():
                    paused_at = clock()
                    self._running.wait()
                    waited = clock() - paused_at  # time paused is no training time: speeds and seconds leave it out
                    t_epoch, t_start, next_emit = t_epoch + waited, t_start + waited, next_emit + waited
                    if stop_set():
                        break
                for p in params:  # opt.zero_grad(set_to_none=True), without its profiler wrapper:
                    p.grad = None  # 0.7 µs a batch instead of 15 (1.5 % of a batch-64 step)
                loss = loss_fn(net(xb), yb)
                value = loss.item()
                if not isfinite(value):
                    if world == 1:
                        bad = ("loss", value)
                        break
                    loss = loss * math.nan  # every rank's averaged gradients turn NaN: all stop at this batch
                loss.backward()
                if clip:
                    norm = float(nn.utils.clip_grad_norm_(params, clip))
                    if not isfinite(norm):
                        bad = ("loss", value) if not isfinite(value) else ("gradient norm", norm)
                        break
                if gradients_finite is not None and not gradients_finite():  # (under torchrun)
                    bad = ("loss", value) if not isfinite(value) else ("gradients", math.nan)
                    break
                opt_step()
                done += 1
                rows = xb.shape[0]
                total += value * rows
                seen += rows
                pending.append(value)
                now = clock()
                if now >= next_emit:
                    next_emit = now + interval
                    notify("on_batch_end", BatchEnd(epoch, done, batches, step + done, value, tuple(pending),
                                                    seen / (now - t_epoch), now - t_start))
                    pending = []
            del perm
            step += done
            if world > 1:
                same_buffers(model)
            if bad is None and done and not all(bool(torch.isfinite(p).all()) for p in params):
                bad = ("weights", math.nan)  # the last step of the epoch overflowed
            if pending:  # every batch loss reaches the listeners, even between rate-limited events
                now = clock()
                notify("on_batch_end", BatchEnd(epoch, done, batches, step, pending[-1], tuple(pending),
                                                seen / max(now - t_epoch, 1e-9), now - t_start))
            if bad is not None:
                kept = self._restore_good()
                reason, message = DIVERGED, self._diverged(epoch, done + 1 if bad[0] != "weights" else done,
                                                           *bad, kept, before_any_step=step + done == 0)
                break
            if done == 0:  # stopped before this epoch's first batch
                break
            train_loss = total / seen if world == 1 else mean_across(total, seen)
            event = self._end_epoch(epoch, last_epoch, train_loss, Xe, ye, has_val, metrics_on,
                                    clock() - t_epoch, seen, done, batches)
            notify("on_epoch_end", event)
            if stop_set() or seen < per_rank:
                break
        reason, message, self.kept_epoch = self._outcome(reason, message, start_epoch, step)
        if per_rank < n // world and step:
            who = "Each epoch left" if world == 1 else f"Each epoch, each of the {world} processes left"
            message += (f" {who} one training row out (a different one each time): the last batch would have "
                        "held it alone, and BatchNorm cannot train on a single row.")
        seconds = time.perf_counter() - t_start
        notify("on_train_end", TrainEnd(reason, len(self.epochs), self.best_epoch, message, seconds, self.kept_epoch))
        return FitResult(reason, message, list(self.epochs), self.best_epoch, seconds, self.kept_epoch)

    def _outcome(self, reason: str, message: str, start_epoch: int, step: int) -> tuple[str, str, int]:
        """How the run ended (``reason`` and ``message`` are DIVERGED's when the loop set them), and the
        epoch whose weights the model keeps: the best one after early stopping (loaded back here)."""
        cfg = self.config
        kept_epoch = self.epochs[-1].epoch if len(self.epochs) > start_epoch else self.kept_epoch
        if reason != DIVERGED:
            reason, message = (self._stop_reason, self._stop_message) if self._stop.is_set() else (COMPLETED, "")
        else:
            kept_epoch = self._good_epoch
        if reason == STOPPED and not message:
            cut = self.epochs[-1] if len(self.epochs) > start_epoch and self.epochs[-1].cut_short else None
            where = f"in epoch {self.epoch_offset + cut.epoch}, after {cut.batches_done} of its {cut.batches}" \
                if cut else f"after {step}"
            message = f"Stopped by you {where} batches; the model keeps the weights trained so far."
        if self._best_state is not None and cfg.early_stopping and reason in (COMPLETED, EARLY_STOPPED):
            self.model.load_state_dict(self._best_state)
            kept_epoch = self.best_epoch or None  # (0: the weights this run started from)
        if reason == COMPLETED:
            message = f"Finished {len(self.epochs) - start_epoch} epoch(s)." + (
                f" {self.kept_words().capitalize()}." if cfg.early_stopping else "")
        return reason, message, kept_epoch

    def kept_words(self) -> str:
        """Which weights early stopping keeps, numbered as the person's log numbers epochs."""
        if self.best_epoch == 0:
            return "the weights this run started from are kept: none of its epochs had a lower validation loss"
        return f"the best epoch ({self.epoch_offset + (self.best_epoch or 0)}) is kept"

    def _start_as_best(self, Xe, ye) -> None:
        """A continued model's validation loss before this run: its epochs must beat it to count as the
        best, and early stopping keeps the starting weights when none does."""
        with torch.inference_mode():
            start = float(self.loss_fn(self.predict_raw(Xe), ye))
        if shard()[1] > 1:
            start = from_rank0(start)
        if math.isfinite(start):
            self.best_loss, self.best_epoch = start, 0
            if self.config.early_stopping:
                self._best_state = self._good_state  # (the snapshot of the starting weights)

    def _as_tensor(self, data) -> torch.Tensor:
        """A tensor on the device, without a copy where possible; floats in the model's float type."""
        t = torch.as_tensor(data, device=self.device)
        if t.is_floating_point():
            dtype = next((p.dtype for p in self.model.parameters() if p.is_floating_point()), torch.float32)
            if t.dtype != dtype:
                t = t.to(dtype)
        return t

    def _metric_sample(self, X, y, rows=None):
        """Without validation, metrics come from the training rows: all of them when few, else a fixed
        seeded sample, so that an epoch's evaluation stays a small fraction of its training time."""
        n = len(y)
        if n <= TRAIN_METRIC_ROWS:
            return (X if rows is None else X[rows]), y, "training"
        g = torch.Generator().manual_seed(self.config.seed)
        idx = torch.randperm(n, generator=g)[:TRAIN_METRIC_ROWS].sort().values.to(self.device)
        return X[idx if rows is None else rows[idx]], y[idx], f"training sample of {TRAIN_METRIC_ROWS:,} rows"

    def _end_epoch(self, epoch, epochs, train_loss, Xe, ye, has_val, metrics_on, seconds, seen, done=0,
                   batches=0) -> EpochEnd:
        outputs, val_loss = self.predict_raw(Xe), None
        with torch.inference_mode():
            if has_val:
                val_loss = float(self.loss_fn(outputs, ye))
                if shard()[1] > 1:
                    val_loss = from_rank0(val_loss)  # every rank decides on the same number
            metrics = evaluate(self.task, outputs, ye)
        monitored = val_loss if has_val else train_loss
        best = math.isfinite(monitored) and monitored < self.best_loss
        lr = self.optimizer.param_groups[0]["lr"]
        if self.scheduler is not None:
            if isinstance(self.scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
                self.scheduler.step(monitored)
            else:
                self.scheduler.step()
        self._snapshot_good(epoch)
        if best:
            self.best_loss, self.best_epoch = monitored, epoch
            if self.config.early_stopping:
                self._best_state = self._good_state  # never mutated: each snapshot is a new dict
        event = EpochEnd(epoch, epochs, train_loss, val_loss, metrics, lr, seconds,
                         seen / max(seconds, 1e-9), best, metrics_on, done, batches)
        self.epochs.append(event)
        return event

    def predict_raw(self, X) -> torch.Tensor:
        """Raw outputs in eval mode, in chunks; leaves the model in the mode it was in."""
        was_training = self.model.training
        self.model.eval()
        X = torch.as_tensor(X, device=self.device)
        with torch.inference_mode():
            out = torch.cat([self.model(X[i:i + EVAL_CHUNK]) for i in range(0, len(X), EVAL_CHUNK)]) \
                if len(X) else torch.empty(0)
        self.model.train(was_training)
        return out

    def _snapshot_good(self, epoch: int | None) -> None:
        """Remember the weights after an epoch (or at the start): what a diverged run falls back to."""
        self._good_state = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
        self._good_epoch = epoch

    def _restore_good(self) -> int | None:
        self.model.load_state_dict(self._good_state)
        return self._good_epoch

    def _diverged(self, epoch: int, batch: int, what: str, value: float, kept: int | None,
                  before_any_step: bool = False) -> str:
        epoch += self.epoch_offset  # (numbered as the person's log numbers them)
        weights = f"the weights from the end of epoch {self.epoch_offset + kept}" if kept else \
            "the weights it started with"
        where = (f"some weights became NaN or infinite in epoch {epoch}" if what == "weights"
                 else f"the {what} became {value} at epoch {epoch}, batch {batch}")
        if before_any_step and what == "loss" and math.isinf(value):  # no step yet: not the learning rate
            return (f"Training stopped: the {what} was already {value} on the first batch, before any step, so "
                    f"the model keeps {weights}. The numbers are too large for float32 arithmetic: standardize "
                    f"the inputs (Data step), or bring the label to smaller units.")
        return (f"Training stopped: {where}, so the model "
                f"keeps {weights} (the last finite ones). Try a smaller learning rate (now {self.config.lr:g})"
                f"{' or turn on gradient clipping' if not self.config.grad_clip else ''}.")

