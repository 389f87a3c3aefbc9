"""Callbacks: a no-op base the engine notifies, and the small ones every run uses."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .events import EARLY_STOPPED, BatchEnd, EpochEnd, TrainEnd

if TYPE_CHECKING:
    from .engine import Trainer


class Callback:
    """Override what you need; the engine calls each hook in order, in its own thread."""

    def on_train_begin(self, trainer: "Trainer") -> None: ...

    def on_batch_end(self, trainer: "Trainer", event: BatchEnd) -> None: ...

    def on_epoch_end(self, trainer: "Trainer", event: EpochEnd) -> None: ...

    def on_train_end(self, trainer: "Trainer", event: TrainEnd) -> None: ...


class History(Callback):
    """Every epoch record and every batch loss, in order."""

    def __init__(self):
        self.epochs: list[EpochEnd] = []
        self.batch_losses: list[float] = []
        self.end: TrainEnd | None = None

    def on_batch_end(self, trainer, event):
        self.batch_losses.extend(event.losses)

    def on_epoch_end(self, trainer, event):
        self.epochs.append(event)

    def on_train_end(self, trainer, event):
        self.end = event

    def column(self, name: str) -> list[float | None]:
        return [getattr(e, name, None) if hasattr(e, name) else e.metrics.get(name) for e in self.epochs]


class EarlyStopping(Callback):
    """Stops after `patience` epochs without a better monitored loss; keeps the best weights.

    The engine restores the weights it remembered at the best epoch when the run ends.
    """

    def __init__(self, patience: int):
        self.patience = patience
        self.waited = 0

    def on_train_begin(self, trainer):
        self.waited = 0

    def on_epoch_end(self, trainer, event):
        self.waited = 0 if event.best else self.waited + 1
        if self.patience and self.waited >= self.patience:
            trainer.request_stop(EARLY_STOPPED, f"No better validation loss for {self.patience} epochs; "
                                                f"{trainer.kept_words()}.")


class Recorder(Callback):
    """Calls one function with every event; handy for listeners (threads, pipes, tests)."""

    def __init__(self, emit):
        self.emit = emit

    def on_batch_end(self, trainer, event):
        self.emit(event)

    def on_epoch_end(self, trainer, event):
        self.emit(event)

    def on_train_end(self, trainer, event):
        self.emit(event)
