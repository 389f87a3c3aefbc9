"""Small immutable records the engine sends up: plain data, picklable across threads and processes."""
from __future__ import annotations

import math
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
    batches_done: int = 0  # of ``batches``: fewer when Stop cut the epoch short (0: not counted)
    batches: int = 0

    @property
    def cut_short(self) -> bool:
        return 0 < self.batches_done < self.batches


def epoch_x(epoch: float, batches_done: int = 0, batches: int = 0) -> float:
    """Where an epoch sits on the plots' epoch axis: at its end, or where Stop cut it short (5.1)."""
    return epoch - 1 + batches_done / batches if 0 < batches_done < batches else epoch


def epochs_trained(history: list[dict]) -> str:
    """How many epochs a model's history holds, as a person reads it: '6', or '5.1' when Stop cut
    the last one short after 9 of its 89 batches. Rounded down, so that a cut epoch never reads as
    whole (5.99 is '5.9'; 0.01 is '0.01')."""
    total = sum(h["batches_done"] / h["batches"] if h.get("batches") else 1 for h in history)
    if abs(total - round(total)) < 1e-9:
        return str(round(total))
    for places in (1, 2, 3):  # rounded down: never a whole number that the epochs did not reach
        text = f"{math.floor(total * 10 ** places + 1e-9) / 10 ** places:.{places}f}"
        if not text.endswith("0"):
            break
    return text


@dataclass(frozen=True)
class TrainEnd:
    reason: str
    epochs_done: int
    best_epoch: int | None
    message: str
    seconds: float = 0.0
    kept_epoch: int | None = None  # the epoch whose weights the model holds (best one after early stopping)
