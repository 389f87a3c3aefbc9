"""A new CSV → the saved preprocessing → the model in eval mode → predictions in the person's units."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import torch

from .bundle import ModelBundle
from .errors import DataError
from .losses import decode_outputs
from .metrics import evaluate
from .preprocessor import MISSING_CATEGORY
from .task import REGRESSION, encode_labels
from .written_cells import CsvSource, Misaligned, as_written

_TEXT_ROWS = 50_000  # rows a chunk, reading a category column again as text


@dataclass
class Prediction:
    frame: pd.DataFrame  # the input columns plus the prediction columns
    notices: list[str] = field(default_factory=list)
    metrics: dict | None = None  # when the file still has the label column(s)
    prediction_columns: list[str] = field(default_factory=list)
    source: CsvSource | None = None  # the file the input columns were read from, if any

    @property
    def as_written(self) -> tuple[CsvSource, list[str]] | None:
        """For ``export.write_csv``: the input columns are written as the source file writes them."""
        if self.source is None or not self.source.path:
            return None
        return self.source, [c for c in self.frame.columns if c not in self.prediction_columns]


def prediction_columns(bundle: ModelBundle) -> list[str]:
    task = bundle.task
    if task.kind == REGRESSION:
        return [f"{label}_predicted" for label in task.labels]
    label = task.labels[0]
    return [f"{label}_predicted"] + [f"{label}_proba_{task.shown(c)}" for c in task.classes]


def _refuse_overflow(outputs: torch.Tensor) -> None:
    """Inputs within float32 can still drive the network's outputs past it (x = 3e38 times a weight of
    2): no prediction, then, rather than an infinity or a class chosen among NaNs."""
    finite = torch.isfinite(outputs.reshape(len(outputs), -1)).all(dim=1)
    if not bool(finite.all()):
        bad = np.flatnonzero(~finite.numpy())
        raise DataError(f"The network's output is not a finite number for {len(bad)} row(s), the first on data "
                        f"row {bad[0] + 1}: their inputs lie so far outside the training data that the computation "
                        f"went past float32's ±3.4e38.", row=int(bad[0]),
                        hint="Check those rows' values (their units, a typo); the model cannot predict for them.")


def _categories_as_written(pre, frame: pd.DataFrame, source: CsvSource | None) -> pd.DataFrame:
    """``frame`` with each category column that the read made numbers of, but that the model knows as
    text, taken as the file writes it: a training column of 00501, 00502 and A stayed text, while a
    file of codes alone reads 501, which would match no category (one-hot all zeros, another answer
    for the same row)."""
    names = [name for name, cats in pre.categorical.items()
             if frame[name].dtype.kind in "iufb" and any(isinstance(c, str) and c != MISSING_CATEGORY for c in cats)]
    if not names or source is None or not source.path:
        return frame
    try:
        text = pd.concat([chunk[names] for chunk in as_written(source, _TEXT_ROWS)], ignore_index=True)
    except Misaligned:
        return frame
    if len(text) != len(frame):
        return frame
    frame = frame.copy(deep=False)
    for name in names:
        frame[name] = text[name].where(frame[name].notna().to_numpy()).to_numpy()  # (missing where the read found it: NA, ?, .)
    return frame


def predict_frame(bundle: ModelBundle, frame: pd.DataFrame, source: CsvSource | None = None) -> Prediction:
    """``source``: the file ``frame`` was read from (``Table.source``), where a category cell's text
    matters (00501 read as 501)."""
    pre, task = bundle.preprocessor, bundle.task
    notices: list[str] = []
    missing = [c for c in pre.columns if c not in frame.columns]
    if missing:
        raise DataError(f"The file lacks {len(missing)} column(s) the model was trained on: "
                        f"{', '.join(missing)}.",
                        hint="Add those columns (same names as in the training data); their order does not matter.")
    frame = _categories_as_written(pre, frame, source)
    extra = [c for c in frame.columns if c not in pre.columns and c not in task.labels]
    if extra:
        notices.append(f"Ignored {len(extra)} column(s) the model does not use: {', '.join(map(str, extra[:10]))}"
                       f"{'…' if len(extra) > 10 else ''}.")
    X = pre.transform(frame, notices)
    outputs = bundle.predict_raw(X)
    _refuse_overflow(outputs)
    values, proba = decode_outputs(task, outputs)
    out = frame.copy()
    names = prediction_columns(bundle)
    replaced = [c for c in names if c in frame.columns]
    if replaced:
        notices.append(f"The file already has column(s) {', '.join(replaced)}; the new predictions replace "
                       f"them in the results (the file itself is unchanged).")
    if task.kind == REGRESSION:
        for j, name in enumerate(names):
            out[name] = values[:, j]
    else:
        out[names[0]] = values if not task.written else \
            pd.Series(values).map(dict(zip(task.classes, task.written))).to_numpy()
        for j, name in enumerate(names[1:]):
            out[name] = proba[:, j]
    metrics = None
    if all(label in frame.columns for label in task.labels):
        metrics = _metrics_for_labels(bundle, frame, outputs, notices)
    return Prediction(out, notices, metrics, names)


def _metrics_for_labels(bundle: ModelBundle, frame: pd.DataFrame, outputs: torch.Tensor,
                        notices: list[str]) -> dict | None:
    task = bundle.task
    has_label = frame[list(task.labels)].notna().all(axis=1).to_numpy()
    if not has_label.any():
        return None
    try:
        y = encode_labels(task, frame[has_label])
    except DataError as exc:
        notices.append(f"No metrics: {exc.message}")
        return None
    if task.kind != REGRESSION:
        y = y.astype(np.int64) if task.kind != "binary" else y
    if not has_label.all():
        notices.append(f"Metrics use the {int(has_label.sum())} row(s) that have a label value.")
    keep = torch.as_tensor(np.array(has_label, dtype=bool))
    return evaluate(task, outputs[keep], torch.as_tensor(np.array(y)), with_matrix=True)
