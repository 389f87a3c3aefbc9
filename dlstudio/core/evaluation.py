"""What the Results step plots: actual and predicted values in the person's units, for the validation
split of the last run or for a predicted CSV that still has its labels. Qt-free; no drawing here."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .bundle import ModelBundle
from .errors import DataError
from .losses import decode_outputs
from .preprocessing import Prepared
from .task import REGRESSION, encode_labels


@dataclass
class EvalData:
    """Pairs of (actual, predicted). Regression: float (N, k), one column per label. Classification:
    class indices (N,) into ``classes``. ``metrics`` is evaluate_bundle's dict when it was recomputed."""

    kind: str
    labels: tuple[str, ...]
    actual: np.ndarray
    predicted: np.ndarray
    classes: tuple = ()
    source: str = "validation"  # "validation", "training" (no validation split) or the predicted file's name
    metrics: dict | None = field(default=None)

    @property
    def rows(self) -> int:
        return len(self.actual)

    def residuals(self, j: int = 0) -> np.ndarray:
        return self.predicted[:, j] - self.actual[:, j]


def prepared_matches(bundle: ModelBundle | None, prepared: Prepared | None) -> bool:
    """True when ``prepared`` is the data ``bundle`` was trained on (same preprocessing and task), so
    its validation split can be shown for this model; a model opened from a file has none."""
    if bundle is None or prepared is None:
        return False
    if prepared.preprocessor is bundle.preprocessor:
        return True
    return (prepared.task == bundle.task and prepared.n_features == bundle.in_features
            and prepared.preprocessor.to_dict() == bundle.preprocessor.to_dict())


def validation_eval(bundle: ModelBundle, prepared: Prepared, recompute_metrics: bool = False) -> EvalData:
    """The model's validation predictions beside the true values (torch: call it off the GUI thread).
    With no validation split (0 %) the training rows are all there is; ``source`` then says so."""
    task = bundle.task
    source, X, y = "validation", prepared.X_val, prepared.y_val
    if len(X) == 0:
        source, X, y = "training", prepared.X_train, prepared.y_train
    outputs = bundle.predict_raw(X)
    values, _proba = decode_outputs(task, outputs)
    metrics = None
    if recompute_metrics:
        from .pipeline import evaluate_bundle
        metrics = evaluate_bundle(bundle, prepared)
    if task.kind == REGRESSION:
        actual = np.asarray(y, dtype=np.float64).reshape(len(values), -1)
        return EvalData(task.kind, task.labels, actual, np.asarray(values, dtype=np.float64), source=source,
                        metrics=metrics)
    index = {c: i for i, c in enumerate(task.classes)}
    predicted = np.array([index[v] for v in values], dtype=np.int64)
    actual = np.asarray(y).reshape(-1).astype(np.int64)
    return EvalData(task.kind, task.labels, actual, predicted, tuple(task.classes), source, metrics)


def prediction_eval(bundle: ModelBundle, frame, prediction_columns: list[str], source: str) -> EvalData | None:
    """Pairs from a predicted frame that still has the label column(s); None when it has none."""
    task = bundle.task
    if not all(label in frame.columns for label in task.labels):
        return None
    if task.kind == REGRESSION:
        actual = np.column_stack([pd.to_numeric(frame[label], errors="coerce").to_numpy(dtype=np.float64)
                                  for label in task.labels])
        predicted = np.column_stack([frame[c].to_numpy(dtype=np.float64)
                                     for c in prediction_columns[:len(task.labels)]])
        keep = np.isfinite(actual).all(axis=1)
        if not keep.any():
            return None
        return EvalData(task.kind, task.labels, actual[keep], predicted[keep], source=source)
    try:
        codes = np.asarray(encode_labels(task, frame), dtype=np.float64).reshape(-1)
    except DataError:  # an unseen label class: predict_frame has already said so in its notices
        return None
    keep = np.isfinite(codes)
    if not keep.any():
        return None
    index = {c: i for i, c in enumerate(task.classes)}
    predicted = np.array([index[v] for v in frame[prediction_columns[0]].to_numpy()], dtype=np.int64)
    return EvalData(task.kind, task.labels, codes[keep].astype(np.int64), predicted[keep],
                    tuple(task.classes), source=source)
