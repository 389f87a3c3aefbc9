"""Split first, then fit on the training part only: imputation, one-hot, standardisation.

The fitted state is a plain dict (JSON), never a pickle. Labels are never standardised.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import DataError, SpecError
from .profile import CATEGORICAL, ColumnProfile, profile_column
from .spec import DataConfig
from .task import MULTICLASS, REGRESSION, TaskInfo, analyse_task, class_key, encode_labels

MISSING_CATEGORY = "(missing)"


@dataclass
class Preprocessor:
    """Turns the feature columns of a DataFrame into a float32 matrix (N, F)."""

    numeric: list[str] = field(default_factory=list)
    shift: list[float] = field(default_factory=list)  # x' = (x - shift) / scale
    scale: list[float] = field(default_factory=list)
    impute: list[float] = field(default_factory=list)  # training mean, for missing numbers
    categorical: dict[str, list] = field(default_factory=dict)  # column -> training categories
    standardize: str = "zscore"

    @property
    def columns(self) -> list[str]:
        return self.numeric + list(self.categorical)

    @property
    def output_names(self) -> list[str]:
        return self.numeric + [f"{c}={v}" for c, cats in self.categorical.items() for v in cats]

    @property
    def width(self) -> int:
        return len(self.numeric) + sum(len(v) for v in self.categorical.values())

    @classmethod
    def fit(cls, train: pd.DataFrame, features: list[str], categorical: set[str], standardize: str,
            notices: list[str] | None = None) -> "Preprocessor":
        notices = notices if notices is not None else []
        numeric = [c for c in features if c not in categorical]
        pre = cls(numeric=numeric, standardize=standardize)
        if numeric:
            values = train[numeric].to_numpy(dtype=np.float64, na_value=np.nan)
            has_nan = np.isnan(values).any()
            with np.errstate(invalid="ignore"), _quiet_nan_warnings():
                mean = np.nanmean(values, axis=0) if has_nan else values.mean(axis=0)
                std = np.nanstd(values, axis=0) if has_nan else values.std(axis=0)
                low = np.nanmin(values, axis=0) if has_nan else values.min(axis=0)
                high = np.nanmax(values, axis=0) if has_nan else values.max(axis=0)
            all_missing = [c for c, m in zip(numeric, mean) if not math.isfinite(m)]
            if all_missing:
                raise DataError(f"Feature column(s) {', '.join(all_missing)} have no values in the "
                                f"training split.", hint="Remove them from the features.")
            pre.impute = [float(m) for m in mean]
            if standardize == "zscore":
                pre.shift, pre.scale = [float(m) for m in mean], [float(s) for s in std]
            elif standardize == "minmax":
                pre.shift, pre.scale = [float(v) for v in low], [float(h - lo) for h, lo in zip(high, low)]
            else:
                pre.shift, pre.scale = [0.0] * len(numeric), [1.0] * len(numeric)
            constant = [c for c, s in zip(numeric, pre.scale) if s == 0 or not math.isfinite(s)]
            pre.scale = [1.0 if (s == 0 or not math.isfinite(s)) else s for s in pre.scale]
            if constant and standardize != "none":
                notices.append(f"Constant in the training split, scaled by 1 instead of 0: "
                               f"{', '.join(constant)}.")
        for c in features:
            if c in categorical:
                keys = train[c].dropna().map(class_key).unique().tolist()
                cats = sorted(keys, key=lambda v: (str(type(v)), v))
                if train[c].isna().any():
                    cats.append(MISSING_CATEGORY)
                pre.categorical[c] = cats
        return pre

    def transform(self, frame: pd.DataFrame, notices: list[str] | None = None) -> np.ndarray:
        notices = notices if notices is not None else []
        missing = [c for c in self.columns if c not in frame.columns]
        if missing:
            raise DataError(f"The data lacks the feature column(s) the model needs: {', '.join(missing)}.",
                            hint="Use a CSV with the same column names as the training data.")
        n = len(frame)
        out = np.empty((n, self.width), dtype=np.float32)
        k = len(self.numeric)
        if k:
            block = frame[self.numeric]
            if any(block[c].dtype.kind not in "iufb" for c in self.numeric):
                block = block.apply(lambda s: _as_numbers(s, notices))
            out[:, :k] = block.to_numpy(dtype=np.float32, na_value=np.nan)
            numbers = out[:, :k]
            nan_mask = np.isnan(numbers)
            if nan_mask.any():
                rows, cols = np.nonzero(nan_mask)
                numbers[rows, cols] = np.asarray(self.impute, dtype=np.float32)[cols]
                notices.append(f"{int(nan_mask.any(axis=1).sum())} row(s) had missing numbers, filled with "
                               f"the training mean.")
            numbers -= np.asarray(self.shift, dtype=np.float32)
            numbers /= np.asarray(self.scale, dtype=np.float32)
        col = k
        for name, cats in self.categorical.items():
            width = len(cats)
            block = out[:, col:col + width]
            block[:] = 0.0
            lookup = {v: i for i, v in enumerate(cats)}
            values = frame[name]
            codes = values.map({v: lookup.get(class_key(v), -1) for v in pd.unique(values.dropna())})
            codes = codes.to_numpy(dtype=np.float64, na_value=np.nan, copy=True)  # pandas 3 views are read-only
            nan_rows = np.isnan(codes)
            if nan_rows.any():
                codes[nan_rows] = lookup.get(MISSING_CATEGORY, -1)
            codes = codes.astype(np.int64)
            unseen = codes < 0
            if unseen.any():
                names = pd.unique(values[unseen & ~nan_rows].astype(str))[:5].tolist()
                what = f"unseen value(s) {', '.join(map(repr, names))}" if names else "missing values"
                notices.append(f"Column '{name}': {what} in {int(unseen.sum())} row(s), not seen in "
                               f"training; encoded as all zeros.")
            ok = ~unseen
            block[np.nonzero(ok)[0], codes[ok]] = 1.0
            col += width
        return out

    def to_dict(self) -> dict:
        return {"numeric": self.numeric, "shift": self.shift, "scale": self.scale, "impute": self.impute,
                "categorical": self.categorical, "standardize": self.standardize}

    @classmethod
    def from_dict(cls, d: dict) -> "Preprocessor":
        try:
            pre = cls(list(d["numeric"]), [float(x) for x in d["shift"]], [float(x) for x in d["scale"]],
                      [float(x) for x in d["impute"]],
                      {str(k): [class_key(v) if v != MISSING_CATEGORY else v for v in cats]
                       for k, cats in d["categorical"].items()}, str(d["standardize"]))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SpecError(f"The preprocessing description is incomplete or malformed ({exc}).") from None
        k = len(pre.numeric)
        if not (len(pre.shift) == len(pre.scale) == len(pre.impute) == k):
            raise SpecError("The preprocessing description has lists of different lengths.")
        for name, s, sh, m in zip(pre.numeric, pre.scale, pre.shift, pre.impute):
            if not all(math.isfinite(v) for v in (s, sh, m)):
                raise SpecError(f"The preprocessing of column '{name}' holds a non-finite number.")
            if s <= 0:
                raise SpecError(f"The preprocessing of column '{name}' has scale {s}; it must be above 0.",
                                hint="The model file was edited or damaged; save the model again.")
        if any(not cats for cats in pre.categorical.values()):
            raise SpecError("A categorical column in the preprocessing description has no categories.")
        return pre


class _quiet_nan_warnings:
    def __enter__(self):
        import warnings
        self._ctx = warnings.catch_warnings()
        self._ctx.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


def _as_numbers(series: pd.Series, notices: list[str]) -> pd.Series:
    if series.dtype.kind in "iufb":
        return series
    converted = pd.to_numeric(series, errors="coerce")
    bad = converted.isna() & series.notna()
    if bad.any():
        row = int(np.argmax(bad.to_numpy()))
        raise DataError(f"Column '{series.name}' should hold numbers, but data row {row + 1} holds "
                        f"{series.iloc[row]!r}.", hint="Fix that cell or leave it empty (missing).")
    return converted


def split_indices(n: int, val_split: float, seed: int, strata: np.ndarray | None = None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """A seeded shuffle split; stratified by class so each split keeps the class balance."""
    rng = np.random.default_rng(seed)
    if val_split <= 0 or n < 2:
        return np.sort(rng.permutation(n)), np.empty(0, dtype=np.int64)
    if strata is None:
        perm = rng.permutation(n)
        n_val = max(1, int(round(n * val_split)))
        return np.sort(perm[n_val:]), np.sort(perm[:n_val])
    train, val = [], []
    for cls in np.unique(strata):
        members = rng.permutation(np.nonzero(strata == cls)[0])
        n_val = int(round(len(members) * val_split))
        n_val = min(max(n_val, 1), len(members) - 1)
        val.append(members[:n_val])
        train.append(members[n_val:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(val))


@dataclass
class Prepared:
    """Float32 tensors-to-be, the batch first: X (N, F); y (N, k) float32 or (N,) int64."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    preprocessor: Preprocessor
    task: TaskInfo
    train_rows: np.ndarray  # row positions in the original frame
    val_rows: np.ndarray
    notices: list[str] = field(default_factory=list)

    @property
    def n_features(self) -> int:
        return self.X_train.shape[1]

    def shape_text(self) -> str:
        n = len(self.X_train) + len(self.X_val)
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
    """Roles chosen → task → seeded split → preprocessing fitted on the training rows only."""
    problems = config.problems()
    if problems:
        raise DataError("The data choices are not complete.", details=problems)
    absent = [c for c in config.features + config.labels if c not in frame.columns]
    if absent:
        raise DataError(f"Column(s) not in the data: {', '.join(absent)}.")
    notices: list[str] = []
    rows = np.arange(len(frame))
    label_missing = frame[config.labels].isna().any(axis=1).to_numpy()
    if label_missing.any():
        notices.append(f"Dropped {int(label_missing.sum())} row(s) with no label value.")
    keep = ~label_missing
    if config.missing == "drop":
        feature_missing = frame[config.features].isna().any(axis=1).to_numpy() & keep
        if feature_missing.any():
            notices.append(f"Dropped {int(feature_missing.sum())} row(s) with missing feature values.")
        keep &= ~feature_missing
    if not keep.all():
        frame, rows = frame.iloc[np.nonzero(keep)[0]], rows[keep]
    if len(frame) < 2:
        raise DataError(f"Only {len(frame)} usable row(s) remain; training needs more.",
                        hint="Check the label column and the missing-value choice.")
    task = analyse_task(frame, config.labels, config.task)
    y = encode_labels(task, frame)
    strata = None
    if task.kind != REGRESSION:
        strata = y.reshape(-1).astype(np.int64)
        counts = np.bincount(strata, minlength=len(task.classes))
        lonely = [str(task.classes[i]) for i, c in enumerate(counts) if c < 2]
        if lonely and config.val_split > 0:
            raise DataError(f"Class(es) {', '.join(lonely)} of '{task.labels[0]}' have a single example; "
                            f"a split cannot put them in both training and validation.",
                            hint="Add examples, merge rare classes, or set the validation split to 0.")
    train_pos, val_pos = split_indices(len(frame), config.val_split, config.split_seed, strata)
    categorical = categorical_columns(frame, config.features, profiles)
    _refuse_text_inputs(frame, config.features, categorical, profiles)
    train_frame = frame.iloc[train_pos]
    pre = Preprocessor.fit(train_frame, config.features, categorical, config.standardize, notices)
    X = pre.transform(frame, notices)
    if task.kind == MULTICLASS:
        y = y.astype(np.int64)
    return Prepared(X[train_pos], y[train_pos], X[val_pos], y[val_pos], pre, task,
                    rows[train_pos], rows[val_pos], notices)
