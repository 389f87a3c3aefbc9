"""The fitted preprocessing of the feature columns: imputation, one-hot, standardisation. ``fit`` on
the training rows (``preprocessing.prepare`` does the split and hands it the statistics); ``transform``
for new data (predictions). Its state is a plain dict (JSON), never a pickle."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import EDITED_MODEL_HINT, DataError, SpecError
from .centers import centered_into, source_values
from .date_inputs import with_days
from .feature_matrix import column_stats, standardize
from .float32_range import FLOAT32_MAX, refuse_beyond_float32
from .task import apart_but_for_spaces, class_key, key_among
from .workers import workers

MISSING_CATEGORY = "(missing)"
PREDICT_HINT = "Fix that cell: the model takes the column in the units it was trained on."


@dataclass
class Preprocessor:
    """Turns the feature columns of a DataFrame into a float32 matrix (N, F)."""

    numeric: list[str] = field(default_factory=list)
    shift: list[float] = field(default_factory=list)  # x' = (x - shift) / scale
    scale: list[float] = field(default_factory=list)
    impute: list[float] = field(default_factory=list)  # training mean, for missing numbers
    categorical: dict[str, list] = field(default_factory=dict)  # column -> training categories
    standardize: str = "zscore"
    center: list[float] = field(default_factory=list)  # subtracted in float64 before float32 (absent: 0)
    dates: dict[str, str] = field(default_factory=dict)  # numeric columns read as days since 1970: their format

    @property
    def columns(self) -> list[str]:
        return self.numeric + list(self.categorical)

    @property
    def output_names(self) -> list[str]:
        return self.numeric + [f"{c}={v}" for c, cats in self.categorical.items() for v in cats]

    @property
    def width(self) -> int:
        return len(self.numeric) + sum(len(v) for v in self.categorical.values())

    def centers(self) -> np.ndarray:
        return np.asarray(self.center, dtype=np.float64) if self.center else np.zeros(len(self.numeric))

    def in_matrix(self) -> tuple[np.ndarray, list[float], np.ndarray]:
        """(shift, scale, impute) as they apply to float32(x − center), the numbers' matrix."""
        c = self.centers()
        return np.asarray(self.shift) - c, self.scale, np.asarray(self.impute) - c

    @classmethod
    def fit(cls, train: pd.DataFrame, features: list[str], categorical: set[str], standardize: str,
            notices: list[str] | None = None, *, numbers: np.ndarray | None = None,
            stats: tuple | None = None, center: np.ndarray | None = None,
            dates: dict[str, str] | None = None) -> "Preprocessor":
        """``numbers``: the training rows' numeric features as an array (rows, k), NaN where missing,
        when the caller has converted them already; or ``stats``, their (mean, std, min, max) as
        ``column_stats`` gives them (prepare computes them, with the ``center`` its matrix holds the
        numbers about, and the ``dates`` it read as days). ``train`` then needs only the categorical columns."""
        notices = notices if notices is not None else []
        numeric = [c for c in features if c not in categorical]
        pre = cls(numeric=numeric, standardize=standardize, dates=dict(dates or {}))
        if center is not None and np.any(center):
            pre.center = [float(c) for c in center]
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
                if train[c].isna().any() and MISSING_CATEGORY not in cats:  # (a cell reading "(missing)": one input)
                    cats.append(MISSING_CATEGORY)
                pre.categorical[c] = cats
        return pre

    def transform(self, frame: pd.DataFrame, notices: list[str] | None = None) -> np.ndarray:
        notices = notices if notices is not None else []
        missing = [c for c in self.columns if c not in frame.columns]
        if missing:
            raise DataError(f"The data lacks the feature column(s) the model needs: {', '.join(missing)}.",
                            hint="Use a CSV with the same column names as the training data.")
        frame = with_days(frame, self.dates, notices)
        out, imputed = self._encode(frame, _numbers(frame, self.numeric, self.centers(), notices), notices)
        impute_notice(imputed, notices)
        return out

    def _encode(self, frame: pd.DataFrame, numbers: np.ndarray, notices: list[str]) -> tuple[np.ndarray, int]:
        """numbers (float32 (n, k) about the centers, NaN where missing; changed in place when it is a
        writable C-ordered array) and the categorical columns of ``frame`` → (X float32 (n, width), rows with missing numbers).
        The numbers are imputed and standardized by the same code as in ``prepare``."""
        n, k = len(numbers), len(self.numeric)
        if self.width == k and numbers.flags.c_contiguous and numbers.flags.writeable:
            out = numbers  # numbers only, in an array of our own: standardised where they are, no copy
        else:
            out = np.zeros((n, self.width), dtype=np.float32)  # C order, as standardize needs
            out[:, :k] = numbers
        imputed = 0
        if k:
            shift, scale, impute = self.in_matrix()
            with workers(out.size) as pool:
                imputed, finite = standardize(out, k, shift, scale, impute, np.arange(k), pool)
            if not finite:
                refuse_beyond_float32(out[:, :k], frame, self.numeric, "Feature", hint=PREDICT_HINT,
                                      scaled=(self.shift, self.scale))
        self.one_hot(frame, out, notices)
        return out, imputed

    def one_hot(self, frame: pd.DataFrame, out: np.ndarray, notices: list[str],
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
            codes = values.map({v: lookup.get(key_among(v, lookup), -1) for v in pd.unique(values.dropna())})
            codes = codes.to_numpy(dtype=np.float64, na_value=np.nan, copy=True)  # pandas 3 views are read-only
            nan_rows = np.isnan(codes)
            if nan_rows.any():
                codes[nan_rows] = lookup.get(MISSING_CATEGORY, -1)
            codes = codes.astype(np.int64)
            unseen = codes < 0
            if unseen.any():
                new = unseen & ~nan_rows
                names = list(dict.fromkeys(str(class_key(v)) for v in values[new]))[:5]  # (7, not 7.0)
                what = [f"unseen value(s) {', '.join(map(repr, names))} in {int(new.sum())} row(s)"] if names else []
                if (gaps := int((unseen & nan_rows).sum())):
                    what.append(f"missing values in {gaps} row(s)")
                notices.append(f"Column '{name}': {' and '.join(what)}, not seen in training; encoded as all zeros.")
            ok = ~unseen
            block[np.nonzero(ok)[0] if at is None else at[ok], codes[ok]] = 1.0
            col += width

    def to_dict(self) -> dict:
        centered = {"center": self.center} if self.center else {}  # (files without them read as before)
        dates = {"dates": self.dates} if self.dates else {}
        return {"numeric": self.numeric, **centered, **dates, "shift": self.shift, "scale": self.scale,
                "impute": self.impute, "categorical": self.categorical, "standardize": self.standardize}

    @classmethod
    def from_dict(cls, d: dict) -> "Preprocessor":
        try:
            pre = cls(list(d["numeric"]), [float(x) for x in d["shift"]], [float(x) for x in d["scale"]],
                      [float(x) for x in d["impute"]],
                      {str(k): [class_key(v) if v != MISSING_CATEGORY else v for v in cats]
                       for k, cats in d["categorical"].items()}, str(d["standardize"]),
                      [float(x) for x in d.get("center", [])],
                      {str(k): str(v) for k, v in d.get("dates", {}).items()})
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SpecError(f"The preprocessing description is incomplete or malformed ({exc}).") from None
        names = pre.numeric + list(pre.categorical)
        if not isinstance(d["numeric"], list) or not all(isinstance(c, str) for c in pre.numeric) or \
                len(set(names)) != len(names):
            raise SpecError("The preprocessing description must name each input column once, as text.",
                            hint=EDITED_MODEL_HINT)
        k = len(pre.numeric)
        if not (len(pre.shift) == len(pre.scale) == len(pre.impute) == k) or len(pre.center) not in (0, k):
            raise SpecError("The preprocessing description has lists of different lengths.")
        for name, s, sh, m, c in zip(pre.numeric, pre.scale, pre.shift, pre.impute, pre.centers()):
            if not all(math.isfinite(v) for v in (s, sh, m)) or not abs(c) <= FLOAT32_MAX:
                raise SpecError(f"The preprocessing of column '{name}' holds a non-finite number (or a center past ±3.4e38).",
                                hint=EDITED_MODEL_HINT)
            if s <= 0:
                raise SpecError(f"The preprocessing of column '{name}' has scale {s}; it must be above 0.",
                                hint=EDITED_MODEL_HINT)
        if not set(pre.dates) <= set(pre.numeric):
            raise SpecError("The preprocessing reads as dates a column that is not among its numeric inputs.",
                            hint=EDITED_MODEL_HINT)
        if any(not cats for cats in pre.categorical.values()):
            raise SpecError("A categorical column in the preprocessing description has no categories.")
        for name, cats in pre.categorical.items():
            if len(set(cats)) < len(cats) and apart_but_for_spaces(d["categorical"][name]):
                raise SpecError(f"The preprocessing lists categories of column '{name}' that differ only by "
                                f"spaces around them ('red' and 'red '), as versions of DL Studio before "
                                f"2026-11-29 kept them apart.",
                                hint="Train the model again: they are one category now.")
        return pre


def _numbers(frame: pd.DataFrame, numeric: list[str], center: np.ndarray, notices: list[str]) -> np.ndarray:
    """The numeric feature columns as float32 (n, k), each less its ``center`` (subtracted in float64,
    as ``FeatureScan`` converts them), NaN where missing (maybe read-only, column-major)."""
    block = frame[numeric]
    if any(block[c].dtype.kind not in "iufb" for c in numeric):
        block = block.apply(lambda s: _as_numbers(s, notices))
    with np.errstate(over="ignore"):  # a number beyond float32 becomes inf, refused below
        numbers = block.to_numpy(dtype=np.float32, na_value=np.nan)  # (pandas' one conversion, as before centers)
        for j in np.flatnonzero(center):
            if not numbers.flags.writeable:
                numbers = numbers.copy()
            centered_into(numbers[:, j], source_values(block.iloc[:, j], wide=True), center[j])
    refuse_beyond_float32(numbers, block, numeric, "Feature", hint=PREDICT_HINT, center=center)
    return numbers


IMPUTED = "row(s) had missing numbers, filled with the training mean."


def impute_notice(rows: int, notices: list[str]) -> None:
    if rows:
        notices.append(f"{rows} {IMPUTED}")


def _as_numbers(series: pd.Series, notices: list[str]) -> pd.Series:
    if series.dtype.kind in "iufb":
        return series
    converted = pd.to_numeric(series, errors="coerce")
    bad = converted.isna() & series.notna()
    if bad.any():
        row = int(np.argmax(bad.to_numpy()))
        raise DataError(f"Column '{series.name}' should hold numbers, but data row {row + 1} holds "
                        f"{series.iloc[row]!r}.", hint="Fix that cell or leave it empty (missing).", row=row)
    return converted
