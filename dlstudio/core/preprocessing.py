"""The rows to learn from: roles chosen → task → seeded (stratified) split → the preprocessing fitted
on the training rows only (``preprocessor``), X standardized in float32. Labels are never standardised.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from .date_inputs import date_format, with_days
from .errors import DataError
from .factorize import distinct_numbers_beyond, factorize
from .feature_matrix import FeatureScan, rows_of
from .preprocessor import IMPUTED, Preprocessor, impute_notice
from .profile import CATEGORICAL, DATETIME, ColumnProfile, profile_column
from .shapes import held_back
from .spec import DataConfig
from .task import (MAX_CLASSES, MULTICLASS, REGRESSION, TaskInfo, analyse_task, encode_codes, encode_labels,
                   regression_labels, task_from_codes, task_from_count)
from .workers import workers


def split_indices(n: int, val_split: float, seed: int, strata: np.ndarray | None = None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """A seeded shuffle split; stratified by class so each split keeps the class balance."""
    rng = np.random.default_rng(seed)
    if val_split <= 0 or n < 2:
        return np.sort(rng.permutation(n)), np.empty(0, dtype=np.int64)
    is_val = np.zeros(n, dtype=bool)  # both parts in row order, from a mask: no sort
    if strata is None:
        perm = rng.permutation(n)
        is_val[perm[:held_back(n, val_split, a_class=False)]] = True
        return np.flatnonzero(~is_val), np.flatnonzero(is_val)
    for cls in np.flatnonzero(np.bincount(strata)):  # the classes present, in order (no sort)
        members = np.flatnonzero(strata == cls)
        rng.shuffle(members)  # in place: the draws of rng.permutation(members), without its copy
        is_val[members[:held_back(len(members), val_split, a_class=True)]] = True
    return np.flatnonzero(~is_val), np.flatnonzero(is_val)


@dataclass
class Prepared:
    """Float32 tensors-to-be, the batch first: X (N, F), every row of the frame in file order; the
    training and validation rows are X[train_rows] and X[val_rows] (positions, ascending), and their
    labels y_train and y_val, (n, k) float32 or (n,) int64. Training draws its batches from X through
    ``train_rows``: the rows are never copied into a part of their own (``torch.utils.data.Subset``)."""

    X: np.ndarray
    y_train: np.ndarray
    y_val: np.ndarray
    preprocessor: Preprocessor
    task: TaskInfo
    train_rows: np.ndarray  # row positions in the original frame, and in X
    val_rows: np.ndarray
    notices: list[str] = field(default_factory=list)

    @property
    def X_train(self) -> np.ndarray:
        """The training rows (a copy, unless they are all of X)."""
        return rows_of(self.X, self.train_rows)

    @property
    def X_val(self) -> np.ndarray:
        return rows_of(self.X, self.val_rows)

    @property
    def training(self) -> tuple[np.ndarray, np.ndarray | None]:
        """(X, the training rows' positions in it, or None when they are all of X in order)."""
        return self.X, (None if len(self.train_rows) == len(self.X) else self.train_rows)

    @property
    def n_features(self) -> int:
        return self.X.shape[1]

    def shape_text(self) -> str:
        n = len(self.train_rows) + len(self.val_rows)
        y = f"({n},) int64" if self.task.kind == MULTICLASS else f"({n}, {self.task.output_width}) float32"
        return f"X ({n}, {self.n_features}) float32 · y {y}"


def categorical_columns(frame: pd.DataFrame, features: list[str],
                        profiles: dict[str, ColumnProfile] | None = None) -> set[str]:
    out = set()
    for c in features:
        p = profiles.get(c) if profiles else None
        kind = p.kind if p else profile_column(c, frame[c]).kind
        if kind == CATEGORICAL:
            out.add(c)
    return out


def date_columns(frame: pd.DataFrame, features: list[str], profiles: dict[str, ColumnProfile] | None) -> list[str]:
    """The features that are dates (read as days since 1970): text, or whole numbers written as
    YYYYMMDD as the profiles say (without them, numbers are numbers)."""
    def kind(c: str) -> str:
        given = (profiles or {}).get(c)
        if given is not None:
            return given.kind
        return profile_column(c, frame[c]).kind if frame[c].dtype.kind not in "iufb" else ""
    return [c for c in features if frame[c].dtype.kind != "b" and kind(c) == DATETIME]


def _refuse_text_inputs(frame: pd.DataFrame, features: list[str], categorical: set[str],
                       profiles: dict[str, ColumnProfile] | None) -> None:
    """A feature that is neither numbers nor a few categories (an ID, free text, dates, a mix):
    say which and why, rather than fail later on its first cell."""
    bad = []
    for c in features:
        if c in categorical or frame[c].dtype.kind in "iufb":
            continue
        p = (profiles or {}).get(c) or profile_column(c, frame[c])
        bad.append(f"'{c}': {p.reason or p.kind}")
    if bad:
        raise DataError(f"{len(bad)} feature column(s) cannot be used as inputs.", details=bad,
                        hint="Remove them from the features, or fix the column in the file and open it again.")


def prepare(frame: pd.DataFrame, config: DataConfig,
            profiles: dict[str, ColumnProfile] | None = None) -> Prepared:
    """Roles chosen → task → seeded split → preprocessing fitted on the training rows only.

    A big frame is worked on by two threads: one encodes the labels and draws the split while the
    other converts the numbers into X (when the profiles give every input's kind); then both finish
    the statistics and standardize X in place (``feature_matrix``)."""
    problems = config.problems()
    if problems:
        raise DataError("The data choices are not complete.", details=problems)
    absent = [c for c in config.features + config.labels if c not in frame.columns]
    if absent:
        raise DataError(f"Column(s) not in the data: {', '.join(absent)}.")
    features = config.features
    known = profiles is not None and all(c in profiles for c in features)
    notices: list[str] = []
    dates = {c: date_format(frame[c], notices) for c in date_columns(frame, features, profiles)}
    frame = with_days(frame, dates, notices)  # (numbers from here on, as in a file to predict on)
    with workers(len(frame) * len(features)) as pool:
        # the labels and the split on one worker; when the profiles give every input's kind, the other
        # converts the numeric inputs meanwhile (and both take the statistics once the split is drawn)
        split = pool.submit(_split, frame, config, notices)
        categorical = categorical_columns(frame, features, profiles) if known else None
        scan = _scan(frame, features, categorical, pool, config) if known else None
        rows, task, y, train_pos, val_pos = split.result()
        view = frame if rows is None or known else frame[features].iloc[rows]  # kinds of the rows kept
        if categorical is None:
            categorical = categorical_columns(view, features, profiles)
        _refuse_text_inputs(view, features, categorical, profiles)
        scan = scan or _scan(frame, features, categorical, pool, config)
        train_rows, val_rows = (train_pos, val_pos) if rows is None else (rows[train_pos], rows[val_pos])
        stats = scan.statistics(train_rows, val_rows, extremes=config.standardize == "minmax")
        categories = frame[[c for c in features if c in categorical]]
        one_hot = len(categories.columns) > 0
        train_categories = categories.iloc[train_rows] if one_hot else categories
        pre = Preprocessor.fit(train_categories, features, categorical, config.standardize, notices, stats=stats,
                               center=scan.center, dates=dates)
        X, imputed = scan.standardized(*pre.in_matrix())
        X = _widen(X, pre.width)
        if one_hot:  # the rows kept, where they are in X
            pre.one_hot(categories if rows is None else categories.iloc[rows], X, notices, at=rows)
    impute_notice(imputed, notices)
    if task.kind == MULTICLASS:
        y = y.astype(np.int64, copy=False)
    return Prepared(X, y[train_pos], y[val_pos], pre, task, train_rows, val_rows, notices)


def with_preprocessor(prepared: Prepared, frame: pd.DataFrame, pre: Preprocessor) -> Prepared:
    """``prepared`` (of ``frame``) with its inputs encoded by ``pre``, a continued model's, instead of
    the preprocessing fitted on these training rows: its weights learned on inputs scaled by ``pre``,
    and a scaling fitted again (other rows, another file) would change what they see."""
    if pre.to_dict() == prepared.preprocessor.to_dict():
        return prepared  # (the same rows as before: the same statistics)
    said: list[str] = []
    X = pre.transform(frame, said)
    kept = [n for n in said if not n.endswith(IMPUTED)]  # (prepare said how many, of the rows it kept)
    return replace(prepared, X=X, preprocessor=pre, notices=prepared.notices + kept + [
        "The model goes on with the input scaling it was trained with, not one fitted on these training "
        "rows: its weights learned on inputs scaled that way."])


def _split(frame: pd.DataFrame, config: DataConfig, notices: list[str]):
    """(rows kept or None, task, labels of the rows kept, training and validation positions among them)."""
    rows, task, y = _labels(frame, config, notices)
    strata = None
    if task.kind != REGRESSION:
        strata = y.reshape(-1).astype(np.int64, copy=False)
        counts = np.bincount(strata, minlength=len(task.classes))
        lonely = [str(task.classes[i]) for i, c in enumerate(counts) if c < 2]
        if lonely and config.val_split > 0:
            named = ", ".join(lonely[:5]) + (f" and {len(lonely) - 5} more" if len(lonely) > 5 else "")
            raise DataError(f"Class(es) {named} of '{task.labels[0]}' have a single example; "
                            f"a split cannot put them in both training and validation.",
                            hint="Add examples, merge rare classes, or set the validation split to 0.")
    return (rows, task, y) + split_indices(len(y), config.val_split, config.split_seed, strata)


def _scan(frame: pd.DataFrame, features: list[str], categorical: set[str], pool,
          config: DataConfig) -> FeatureScan | None:
    """Start on the numeric inputs; None if one of them is not numbers (a refusal follows). They are
    held about their centers unless the inputs stay as they are (no scaling)."""
    numeric = [c for c in features if c not in categorical]
    if any(frame[c].dtype.kind not in "iufb" for c in numeric):
        return None
    return FeatureScan(frame, numeric, pool, centered=config.standardize != "none")


def _widen(X: np.ndarray, width: int) -> np.ndarray:
    """X with zero columns after its own up to ``width`` (room for the one-hot columns)."""
    if X.shape[1] == width:
        return X
    wide = np.zeros((len(X), width), dtype=np.float32)
    wide[:, :X.shape[1]] = X
    return wide


def _labels(frame: pd.DataFrame, config: DataConfig, notices: list[str]):
    """(rows kept, None for all; the task; the labels of the rows kept, encoded). A single label
    column is factorized once: for the rows without a label, the task and the encoding; numbers with
    more distinct values than any classification takes are only counted (``distinct_numbers_beyond``)."""
    labels = config.labels
    single = len(labels) == 1
    many = None
    if single:
        column = frame[labels[0]]
        many = distinct_numbers_beyond(column, MAX_CLASSES)
        codes, distinct = factorize(column) if many is None else (None, None)
        label_missing = codes < 0 if many is None else column.isna().to_numpy()
    else:
        label_missing = frame[labels].isna().any(axis=1).to_numpy()
    if label_missing.any():
        notices.append(f"Dropped {int(label_missing.sum())} row(s) with no label value.")
    keep = ~label_missing
    if config.missing == "drop":
        feature_missing = frame[config.features].isna().any(axis=1).to_numpy() & keep
        if feature_missing.any():
            notices.append(f"Dropped {int(feature_missing.sum())} row(s) with missing feature values.")
        keep &= ~feature_missing
    rows = None if keep.all() else np.flatnonzero(keep)
    n = len(frame) if rows is None else len(rows)
    if n < 2:
        raise DataError(f"Only {n} usable row(s) remain; training needs more.",
                        hint="Check the label column and the missing-value choice.")
    if not single:
        kept = frame if rows is None else frame[labels].iloc[rows]
        task = analyse_task(kept, labels, config.task)
        return rows, task, encode_labels(task, kept)
    if many is not None:
        kept = column if rows is None else column.iloc[rows]
        many = many if rows is None else distinct_numbers_beyond(kept, MAX_CLASSES)
        if many is not None:
            task = task_from_count(labels[0], kept.dtype, many, config.task)
            return rows, task, regression_labels(kept, labels)
        codes, distinct = factorize(kept)  # the rows kept hold few values: maybe classes after all
        column = kept
    elif rows is not None:  # numbered again in order of first appearance among the rows kept (pd.factorize's)
        codes, order = pd.factorize(codes[rows])
        distinct, column = distinct[order], column.iloc[rows]
    task = task_from_codes(labels[0], column.dtype, codes, distinct, config.task)
    if task.kind == REGRESSION:
        return rows, task, regression_labels(column, labels)
    return rows, task, encode_codes(task, codes, distinct, column, integers=True)
