"""Split first, then fit on the training part only: imputation, one-hot, standardisation.

The fitted state is a plain dict (JSON), never a pickle. Labels are never standardised.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import DataError, SpecError
from .factorize import distinct_numbers_beyond, factorize
from .feature_matrix import FeatureScan, column_stats, rows_of, standardize
from .profile import CATEGORICAL, ColumnProfile, profile_column
from .spec import DataConfig
from .task import (MAX_CLASSES, MULTICLASS, REGRESSION, TaskInfo, analyse_task, class_key, encode_codes,
                   encode_labels, task_from_codes, task_from_count)
from .workers import workers

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
            notices: list[str] | None = None, *, numbers: np.ndarray | None = None,
            stats: tuple | None = None) -> "Preprocessor":
        """``numbers``: the training rows' numeric features as an array (rows, k), NaN where missing,
        when the caller has converted them already; or ``stats``, their (mean, std, min, max) as
        ``column_stats`` gives them (prepare computes them). ``train`` then needs only the
        categorical columns."""
        notices = notices if notices is not None else []
        numeric = [c for c in features if c not in categorical]
        pre = cls(numeric=numeric, standardize=standardize)
        if numeric:
            if stats is None:
                values = numbers if numbers is not None else \
                    train[numeric].to_numpy(dtype=np.float64, na_value=np.nan)
                stats = column_stats(values, extremes=standardize == "minmax")
            mean, std, low, high = stats
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
        out, imputed = self._encode(frame, _numbers(frame, self.numeric, notices), notices)
        _impute_notice(imputed, notices)
        return out

    def _encode(self, frame: pd.DataFrame, numbers: np.ndarray, notices: list[str]) -> tuple[np.ndarray, int]:
        """numbers (float32 (n, k), NaN where missing; changed in place when it is a writable C-ordered
        array) and the categorical columns of ``frame`` → (X float32 (n, width), rows with missing numbers).
        The numbers are imputed and standardized by the same code as in ``prepare``."""
        n, k = len(numbers), len(self.numeric)
        if self.width == k and numbers.flags.c_contiguous and numbers.flags.writeable:
            out = numbers  # numbers only, in an array of our own: standardised where they are, no copy
        else:
            out = np.zeros((n, self.width), dtype=np.float32)  # C order, as standardize needs
            out[:, :k] = numbers
        imputed = 0
        if k:
            with workers(out.size) as pool:
                imputed = standardize(out, k, self.shift, self.scale, self.impute, np.arange(k), pool)
        self._one_hot(frame, out, notices)
        return out, imputed

    def _one_hot(self, frame: pd.DataFrame, out: np.ndarray, notices: list[str],
                 at: np.ndarray | None = None) -> None:
        """The categorical columns of ``frame``, one-hot into ``out`` (n, width) after the numbers:
        row i of ``frame`` into row i of ``out``, or into row ``at[i]`` (the other rows stay zero)."""
        col = len(self.numeric)
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
            block[np.nonzero(ok)[0] if at is None else at[ok], codes[ok]] = 1.0
            col += width

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


def _numbers(frame: pd.DataFrame, numeric: list[str], notices: list[str]) -> np.ndarray:
    """The numeric feature columns as float32 (n, k), NaN where missing (maybe read-only, column-major)."""
    block = frame[numeric]
    if any(block[c].dtype.kind not in "iufb" for c in numeric):
        block = block.apply(lambda s: _as_numbers(s, notices))
    return block.to_numpy(dtype=np.float32, na_value=np.nan)


def _impute_notice(rows: int, notices: list[str]) -> None:
    if rows:
        notices.append(f"{rows} row(s) had missing numbers, filled with the training mean.")


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
    is_val = np.zeros(n, dtype=bool)  # both parts in row order, from a mask: no sort
    if strata is None:
        perm = rng.permutation(n)
        n_val = max(1, int(round(n * val_split)))
        is_val[perm[:n_val]] = True
        return np.flatnonzero(~is_val), np.flatnonzero(is_val)
    for cls in np.flatnonzero(np.bincount(strata)):  # the classes present, in order (no sort)
        members = np.flatnonzero(strata == cls)
        rng.shuffle(members)  # in place: the draws of rng.permutation(members), without its copy
        n_val = int(round(len(members) * val_split))
        n_val = min(max(n_val, 1), len(members) - 1)
        is_val[members[:n_val]] = True
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
    with workers(len(frame) * len(features)) as pool:
        # the labels and the split on one worker; when the profiles give every input's kind, the other
        # converts the numeric inputs meanwhile (and both take the statistics once the split is drawn)
        split = pool.submit(_split, frame, config, notices)
        categorical = categorical_columns(frame, features, profiles) if known else None
        scan = _scan(frame, features, categorical, pool) if known else None
        rows, task, y, train_pos, val_pos = split.result()
        view = frame if rows is None or known else frame[features].iloc[rows]  # kinds of the rows kept
        if categorical is None:
            categorical = categorical_columns(view, features, profiles)
        _refuse_text_inputs(view, features, categorical, profiles)
        scan = scan or _scan(frame, features, categorical, pool)
        train_rows, val_rows = (train_pos, val_pos) if rows is None else (rows[train_pos], rows[val_pos])
        stats = scan.statistics(train_rows, val_rows, extremes=config.standardize == "minmax")
        categories = frame[[c for c in features if c in categorical]]
        one_hot = len(categories.columns) > 0
        train_categories = categories.iloc[train_rows] if one_hot else categories
        pre = Preprocessor.fit(train_categories, features, categorical, config.standardize, notices, stats=stats)
        X, imputed = scan.standardized(pre.shift, pre.scale, pre.impute)
        X = _widen(X, pre.width)
        if one_hot:  # the rows kept, where they are in X
            pre._one_hot(categories if rows is None else categories.iloc[rows], X, notices, at=rows)
    _impute_notice(imputed, notices)
    if task.kind == MULTICLASS:
        y = y.astype(np.int64, copy=False)
    return Prepared(X, y[train_pos], y[val_pos], pre, task, train_rows, val_rows, notices)


def _split(frame: pd.DataFrame, config: DataConfig, notices: list[str]):
    """(rows kept or None, task, labels of the rows kept, training and validation positions among them)."""
    rows, task, y = _labels(frame, config, notices)
    strata = None
    if task.kind != REGRESSION:
        strata = y.reshape(-1).astype(np.int64, copy=False)
        counts = np.bincount(strata, minlength=len(task.classes))
        lonely = [str(task.classes[i]) for i, c in enumerate(counts) if c < 2]
        if lonely and config.val_split > 0:
            raise DataError(f"Class(es) {', '.join(lonely)} of '{task.labels[0]}' have a single example; "
                            f"a split cannot put them in both training and validation.",
                            hint="Add examples, merge rare classes, or set the validation split to 0.")
    return (rows, task, y) + split_indices(len(y), config.val_split, config.split_seed, strata)


def _scan(frame: pd.DataFrame, features: list[str], categorical: set[str], pool) -> FeatureScan | None:
    """Start on the numeric inputs; None if one of them is not numbers (a refusal follows)."""
    numeric = [c for c in features if c not in categorical]
    if any(frame[c].dtype.kind not in "iufb" for c in numeric):
        return None
    return FeatureScan(frame, numeric, pool)


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
            return rows, task, kept.to_numpy(dtype=np.float32, na_value=np.nan).reshape(-1, 1)
        codes, distinct = factorize(kept)  # the rows kept hold few values: maybe classes after all
        column = kept
    elif rows is not None:  # numbered again in order of first appearance among the rows kept (pd.factorize's)
        codes, order = pd.factorize(codes[rows])
        distinct, column = distinct[order], column.iloc[rows]
    task = task_from_codes(labels[0], column.dtype, codes, distinct, config.task)
    if task.kind == REGRESSION:
        return rows, task, column.to_numpy(dtype=np.float32, na_value=np.nan).reshape(-1, 1)
    return rows, task, encode_codes(task, codes, distinct, column, integers=True)
