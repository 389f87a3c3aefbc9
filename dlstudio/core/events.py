"""Small immutable records the engine sends up: plain data, picklable across threads and processes."""
from __future__ import annotations

from dataclasses import dataclass, field

COMPLETED, STOPPED, EARLY_STOPPED, DIVERGED, FAILED = (
    "completed", "stopped", "early_stopped", "diverged", "failed")


@dataclass(frozen=True)
class BatchEnd:
    epoch: int  # 1-based
    batch: int  # 1-based, within the epoch
    batches: int  # per epoch
    step: int  # batches done since the run started
    loss: float  # the last batch's loss
    losses: tuple[float, ...]  # every batch loss since the previous BatchEnd (events are rate-limited)
    samples_per_s: float
    elapsed: float


@dataclass(frozen=True)
class EpochEnd:
    epoch: int
    epochs: int
    train_loss: float
    val_loss: float | None
    metrics: dict = field(default_factory=dict)  # validation metrics (training ones when no validation)
    lr: float = 0.0
    seconds: float = 0.0
    samples_per_s: float = 0.0
    best: bool = False  # best monitored loss so far
    metrics_on: str = "validation"  # or "training", or "training sample of N rows" (no validation split)


@dataclass(frozen=True)
class TrainEnd:
    reason: str
    epochs_done: int
    best_epoch: int | None
    message: str
    seconds: float = 0.0
    kept_epoch: int | None = None  # the epoch whose weights the model holds (best one after early stopping)
