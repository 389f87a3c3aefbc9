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
from .errors import TrainingError
from .events import COMPLETED, DIVERGED, EARLY_STOPPED, STOPPED, BatchEnd, EpochEnd, TrainEnd
from .metrics import evaluate
from .spec import TrainConfig
from .task import TaskInfo

EVAL_CHUNK = 65_536


@dataclass
class FitResult:
    reason: str
    message: str
    epochs: list[EpochEnd] = field(default_factory=list)
    best_epoch: int | None = None
    seconds: float = 0.0

    @property
    def final_metrics(self) -> dict:
        if not self.epochs:
            return {}
        chosen = next((e for e in self.epochs if e.epoch == self.best_epoch), self.epochs[-1])
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


def make_optimizer(model: nn.Module, cfg: TrainConfig, device: torch.device) -> torch.optim.Optimizer:
    params = model.parameters()
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
        return torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.5,
                                                          patience=max(2, cfg.early_stopping // 2))
    return None


def _shard() -> tuple[int, int]:
    """(rank, world size) under torchrun; (0, 1) otherwise. Each rank trains its slice of the epoch."""
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        return torch.distributed.get_rank(), torch.distributed.get_world_size()
    return 0, 1


class Trainer:
    """Owns one model's training: optimizer, schedule, history, best weights, stop and pause."""

    def __init__(self, model: nn.Module, loss_fn: nn.Module, config: TrainConfig, task: TaskInfo,
                 callbacks: list[Callback] | tuple = (), *, batch_event_interval: float = 0.05):
        self.config = config.validate()
        self.device = resolve_device(config.device)
        self.model = model.to(self.device)
        self.loss_fn = loss_fn.to(self.device)
        self.task = task
        self.callbacks = list(callbacks)
        if config.early_stopping:
            self.callbacks.append(EarlyStopping(config.early_stopping))
        self.batch_event_interval = batch_event_interval
        self.optimizer = make_optimizer(self.model, config, self.device)
        self.scheduler = make_scheduler(self.optimizer, config)
        self.epochs: list[EpochEnd] = []
        self.best_epoch: int | None = None
        self.best_loss = math.inf
        self._best_state: dict | None = None
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

    def fit(self, X_train: np.ndarray | torch.Tensor, y_train, X_val=None, y_val=None) -> FitResult:
        cfg = self.config
        if cfg.num_threads:
            torch.set_num_threads(cfg.num_threads)
        X = torch.as_tensor(X_train, device=self.device)
        y = torch.as_tensor(y_train, device=self.device)
        has_val = X_val is not None and len(X_val) > 0
        if has_val:
            Xv = torch.as_tensor(X_val, device=self.device)
            yv = torch.as_tensor(y_val, device=self.device)
        n = len(X)
        if n == 0:
            raise TrainingError("There are no training rows.", hint="Lower the validation split.")
        if n < cfg.batch_size:
            raise TrainingError(f"The training split has {n} rows, fewer than one batch of {cfg.batch_size}.",
                                hint=f"Choose a batch size of at most {n}, or lower the validation split.")
        rank, world = _shard()
        generator = torch.Generator().manual_seed(cfg.seed + len(self.epochs))
        torch.manual_seed(cfg.seed + len(self.epochs))  # dropout masks repeat with the seed too
        bs = cfg.batch_size
        per_rank = n // world
        batches = math.ceil(per_rank / bs)
        self._stop.clear()
        self._stop_reason, self._stop_message = STOPPED, ""
        start_epoch = len(self.epochs)
        t_start = time.perf_counter()
        step = 0
        reason, message = COMPLETED, ""
        for cb in self.callbacks:
            cb.on_train_begin(self)
        self._snapshot_good()
        model, loss_fn, opt, clip = self.model, self.loss_fn, self.optimizer, cfg.grad_clip
        for epoch in range(start_epoch + 1, start_epoch + cfg.epochs + 1):
            model.train()
            t_epoch = time.perf_counter()
            perm = torch.randperm(n, generator=generator)[rank * per_rank:(rank + 1) * per_rank].to(self.device)
            Xp, yp = X[perm], y[perm]  # one gather per epoch, then contiguous slices (views)
            total, seen = 0.0, 0
            pending: list[float] = []
            next_emit = time.perf_counter() + self.batch_event_interval
            for b in range(batches):
                if self._stop.is_set():
                    break
                if not self._running.is_set():
                    self._running.wait()
                    if self._stop.is_set():
                        break
                xb, yb = Xp[b * bs:(b + 1) * bs], yp[b * bs:(b + 1) * bs]
                opt.zero_grad(set_to_none=True)
                loss = loss_fn(model(xb), yb)
                value = loss.item()
                if not math.isfinite(value):
                    reason, message = DIVERGED, self._diverged(epoch, b + 1, "loss", value)
                    break
                loss.backward()
                if clip:
                    norm = nn.utils.clip_grad_norm_(model.parameters(), clip)
                    if not torch.isfinite(norm):
                        reason, message = DIVERGED, self._diverged(epoch, b + 1, "gradient norm", float(norm))
                        break
                opt.step()
                step += 1
                total += value * len(xb)
                seen += len(xb)
                pending.append(value)
                now = time.perf_counter()
                if now >= next_emit:
                    next_emit = now + self.batch_event_interval
                    self._notify("on_batch_end", BatchEnd(epoch, b + 1, batches, step, value, tuple(pending),
                                                          seen / (now - t_epoch), now - t_start))
                    pending = []
            del Xp, yp
            if reason == DIVERGED:
                self._restore_good()
                break
            if seen == 0:  # stopped before the first batch of this epoch
                break
            if pending:
                now = time.perf_counter()
                self._notify("on_batch_end", BatchEnd(epoch, batches if not self._stop.is_set() else b,
                                                      batches, step, pending[-1], tuple(pending),
                                                      seen / max(now - t_epoch, 1e-9), now - t_start))
            stopped_mid_epoch = seen < per_rank
            train_loss = total / seen
            event = self._end_epoch(epoch, start_epoch + cfg.epochs, train_loss, Xv if has_val else X,
                                    yv if has_val else y, has_val, time.perf_counter() - t_epoch, seen)
            self._notify("on_epoch_end", event)
            if self._stop.is_set() or stopped_mid_epoch:
                reason, message = self._stop_reason, self._stop_message
                break
        else:
            reason = COMPLETED
        if reason == STOPPED and not message:
            message = f"Stopped by you after {step} batches; the model keeps the weights trained so far."
        if self._best_state is not None and cfg.early_stopping and reason in (COMPLETED, EARLY_STOPPED):
            self.model.load_state_dict(self._best_state)
        if reason == COMPLETED:
            message = f"Finished {len(self.epochs) - start_epoch} epoch(s)." + (
                f" Best epoch: {self.best_epoch}, whose weights are kept." if cfg.early_stopping else "")
        seconds = time.perf_counter() - t_start
        end = TrainEnd(reason, len(self.epochs), self.best_epoch, message, seconds)
        self._notify("on_train_end", end)
        return FitResult(reason, message, list(self.epochs), self.best_epoch, seconds)

    def _end_epoch(self, epoch, epochs, train_loss, Xe, ye, has_val, seconds, seen) -> EpochEnd:
        outputs, val_loss = self.predict_raw(Xe), None
        with torch.inference_mode():
            if has_val:
                val_loss = float(self.loss_fn(outputs, ye))
            metrics = evaluate(self.task, outputs, ye)
        monitored = val_loss if has_val else train_loss
        best = math.isfinite(monitored) and monitored < self.best_loss
        if best:
            self.best_loss, self.best_epoch = monitored, epoch
            if self.config.early_stopping:
                self._best_state = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
        lr = self.optimizer.param_groups[0]["lr"]
        if self.scheduler is not None:
            if isinstance(self.scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
                self.scheduler.step(monitored)
            else:
                self.scheduler.step()
        self._snapshot_good()
        event = EpochEnd(epoch, epochs, train_loss, val_loss, metrics, lr, seconds,
                         seen / max(seconds, 1e-9), best)
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

    def _snapshot_good(self) -> None:
        self._good_state = {k: v.detach().clone() for k, v in self.model.state_dict().items()}

    def _restore_good(self) -> None:
        if any(not torch.isfinite(p).all() for p in self.model.parameters()):
            self.model.load_state_dict(self._good_state)

    def _diverged(self, epoch: int, batch: int, what: str, value: float) -> str:
        return (f"Training stopped: the {what} became {value} at epoch {epoch}, batch {batch}. "
                f"The last finite weights are kept. Try a smaller learning rate (now {self.config.lr:g})"
                f"{' or turn on gradient clipping' if not self.config.grad_clip else ''}.")
