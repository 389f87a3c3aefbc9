"""Whether the training rows can make the batches: known before any torch is imported, so the window
can say so (and keep Start disabled) while the person chooses the batch size."""
from __future__ import annotations

from .errors import TrainingError
from .shapes import split_sizes


def batch_problem(rows: int, batch_size: int, batchnorm: bool, world: int = 1) -> TrainingError | None:
    """Fewer training rows than one batch, than the processes sharing them (under torchrun), or a batch
    of one row for BatchNorm: the refusal, else None."""
    if rows < batch_size:
        return TrainingError(f"The training split has {rows} rows, fewer than one batch of {batch_size}.",
                             hint=f"Choose a batch size of at most {rows}, or lower the validation split.")
    if rows < world:
        return TrainingError(f"The training split has {rows} row(s), fewer than the {world} processes sharing it.",
                             hint="Start fewer processes (torchrun --nproc-per-node), or use more rows.")
    if batchnorm and min(batch_size, rows // world) < 2:
        few = f"each of the {world} processes gets {rows // world} row(s) an epoch" if batch_size > 1 \
            else "the batch size is 1"
        return TrainingError(f"BatchNorm needs at least 2 rows in every batch, to normalize them by their "
                             f"mean and spread; {few}.",
                             hint="Choose a batch size of 2 or more (with fewer processes, or more rows), "
                                  "or remove the BatchNorm layers.")
    return None


def most_training_rows(planned: int, class_counts, val_split: float) -> int:
    """The most training rows the split can leave: ``planned`` (``shapes.plan_shapes``: exact when the
    class counts are of the rows used), or, where rows dropped for a missing feature made it plan the
    split as a whole, the classes' own split of every labelled row, which can leave more. A bound: a
    refusal under it is never wrong."""
    if not class_counts or val_split <= 0:
        return planned
    return max(planned, split_sizes(sum(class_counts), val_split, class_counts)[0])
