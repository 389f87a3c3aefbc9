"""Profile each column (kind, missing, unique, statistics) and suggest the roles they play."""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from .factorize import factorize
from .task import MERGED_UP_TO, class_key
from .numeric_columns import numeric_block, numeric_groups
from .text_values import missing_rows
from .workers import workers

from .kinds import (CATEGORICAL, CONSTANT, DATETIME, EMPTY, IDENTIFIER, MIXED,  # noqa: F401 (re-exported)
                    NUMERIC, OVERSIZED, USABLE_AS_FEATURE)
MAX_CATEGORIES = 50  # more distinct text values than this is free text or an identifier
LOW_CARDINALITY_INT = 10  # integer columns with at most this many values are treated as categories
EXACT_UNIQUE_ROWS = 200_000  # above this, unique counts come from a seeded sample (said in the profile)
PROFILE_SAMPLE_ROWS = 50_000  # a frame longer than EXACT_UNIQUE_ROWS is profiled from a seeded sample this size


@dataclass(frozen=True)
class ColumnProfile:
    name: str
    kind: str
    dtype: str
    count: int
    missing: int
    unique: int
    unique_exact: bool = True
    minimum: float | None = None
    mean: float | None = None
    std: float | None = None
    maximum: float | None = None
    reason: str = ""  # why it is excluded from the features by default
    first_bad_value: str | None = None
    sample_rows: int = 0  # > 0: counts and statistics are estimated from a seeded sample of this many rows

    @property
    def usable(self) -> bool:
        return self.kind in USABLE_AS_FEATURE


@dataclass(frozen=True)
class Roles:
    features: list[str]
    label: str | None
    excluded: dict[str, str] = field(default_factory=dict)


def _unique(values: pd.Series) -> tuple[int, bool]:
    """(distinct values, missing left out; exact or from a seeded sample of a long column)."""
    if len(values) <= EXACT_UNIQUE_ROWS:
        return _distinct(values), True
    unique = _distinct(values.sample(EXACT_UNIQUE_ROWS, random_state=0))
    if unique <= 1:  # constant or empty in the sample: the kind hangs on it, so count the whole column
        return _distinct(values), True
    return unique, False


def _distinct(values: pd.Series) -> int:
    distinct = factorize(values)[1]  # (by object first for text: a few ms where nunique hashes each string)
    if values.dtype.kind in "iufb" or len(distinct) > MERGED_UP_TO:
        return len(distinct)
    return len({class_key(v) for v in distinct})  # 'yes' and 'yes ' are one category, as preprocessing takes them


def _show(value) -> str:
    """A value as a person writes it: 5, 2.5, 'red' (never numpy's np.int64(5))."""
    if isinstance(value, (np.generic,)):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return repr(value)


def profile_column(name: str, series: pd.Series) -> ColumnProfile:
    n = len(series)
    if series.dtype.kind in "iuf":
        values = series.to_numpy(dtype=np.float64, na_value=np.nan).reshape(n, 1)
        unique = None if n <= EXACT_UNIQUE_ROWS else _unique(series)
        return _numeric_profiles([name], [series.dtype], values, unique)[0]
    gaps = missing_rows(series)
    missing = int(np.count_nonzero(gaps)) if gaps is not None else 0
    count = n - missing
    dtype = str(series.dtype)
    base = dict(name=name, dtype=dtype, count=count, missing=missing)
    if count == 0:
        return ColumnProfile(kind=EMPTY, unique=0, reason="every value is missing", **base)
    unique, exact = _unique(series)
    base.update(unique=unique, unique_exact=exact)
    if unique == 1:
        return ColumnProfile(kind=CONSTANT, reason=f"one value only ({_show(series.dropna().iloc[0])})", **base)
    if series.dtype.kind == "b":
        return ColumnProfile(kind=CATEGORICAL, **base)
    if pd.api.types.is_datetime64_any_dtype(series):
        return ColumnProfile(kind=DATETIME, reason=DATES_REASON, **base)
    codes, distinct = factorize(series)
    texts = pd.Series([str(v) for v in distinct], dtype=object)  # (in the order they first appear)
    parsed = _count_numbers(codes, texts)
    first = texts[:200]  # (a look at a few distinct values, once each, spares a column of words the whole try)
    if parsed < 0.8 * count and _count_numbers(np.arange(len(first)), first, decorated=True) >= 0.8 * len(first) \
            and _count_numbers(codes, texts, decorated=True) >= 0.8 * count:
        value = next(v for v in texts if pd.isna(pd.to_numeric(v, errors="coerce")))
        return ColumnProfile(kind=MIXED, first_bad_value=value,
                             reason=f"numbers written with signs around them ('{value}'), read as text; write "
                                    f"them as plain numbers (12 for 12%) to use them", **base)
    if parsed and parsed >= 0.8 * count:
        text = series.dropna().astype(str)
        bad = text[pd.to_numeric(text, errors="coerce").isna()]
        if bad.empty:  # every value a number, yet kept as objects: whole numbers past 64 bits
            return ColumnProfile(kind=IDENTIFIER, reason="whole numbers longer than 64 bits (an ID?)", **base)
        row = int(bad.index[0])
        value = str(bad.iloc[0])
        return ColumnProfile(kind=MIXED, first_bad_value=value,
                             reason=f"mostly numbers, but '{value}' (data row {row + 1}) is not a number; "
                                    f"fix or blank such cells to use it", **base)
    first = np.flatnonzero(~gaps)[:50] if gaps is not None else np.arange(min(n, 50))
    text = series.iloc[first].astype(str)  # the first values present
    if _looks_like_dates(text):
        return ColumnProfile(kind=DATETIME, reason=DATES_REASON, **base)
    if unique == count and count > 20:
        return ColumnProfile(kind=IDENTIFIER, reason="every value is different (an ID or free text)", **base)
    if unique > MAX_CATEGORIES and unique > 0.5 * count:
        return ColumnProfile(kind=IDENTIFIER, reason=f"{unique} different text values (an ID or free text)",
                             **base)
    if unique > MAX_CATEGORIES:
        return ColumnProfile(kind=IDENTIFIER, reason=f"{unique} categories is too many to one-hot encode",
                             **base)
    return ColumnProfile(kind=CATEGORICAL, **base)


def _count_numbers(codes: np.ndarray, texts: pd.Series, decorated: bool = False) -> int:
    """How many values read as numbers, of a column factorized (``factorize``) into ``codes`` and its
    distinct values as ``texts``: each distinct value is tried once (pandas' to_numeric is slow on text
    that is not a number, ~2 µs a value, and a text column repeats). ``decorated``: once a percent sign,
    a currency sign, thousands commas or an accountant's parentheses are taken off (12%, $1,200, (8))."""
    if not len(texts):
        return 0
    if decorated:
        texts = texts.str.replace(_DECORATION, "", regex=True)
    numbers = pd.to_numeric(texts, errors="coerce").notna().to_numpy()
    if not numbers.any():
        return 0
    return int(np.bincount(codes[codes >= 0], minlength=len(texts))[numbers].sum())


_DECORATION = r"^\s*\(|\)\s*$|[%$€£¥,\s]"  # what spreadsheets write around numbers


def _looks_like_index(values: np.ndarray, name: str) -> bool:
    lowered = name.lower()
    if lowered in ("id", "index", "row", "no", "#") or lowered.endswith(("_id", " id", "-id")) or \
            re.search(r"[a-z](ID|Id)$", name):  # CustomerID, orderId (not 'paid' or 'valid')
        return True
    diffs = np.diff(values)
    return bool(len(diffs) and (np.all(diffs == 1) or np.all(diffs == -1)))


def _numeric_profiles(names: list[str], dtypes: list, block: np.ndarray,
                      unique: tuple[int, bool] | None = None) -> list[ColumnProfile]:
    """Profiles of numeric columns (block: rows × columns, float64 with NaN), all at once: a frame
    of 10,000 columns is profiled in one pass of numpy instead of 10,000 pandas calls."""
    n = block.shape[0]
    block = np.asfortranarray(block)  # each column contiguous: the same sums whatever the grouping
    nan = np.isnan(block)
    missing = nan.sum(axis=0)
    if unique is None:
        ordered = np.sort(block, axis=0)  # NaN sorts last
        valid = ~np.isnan(ordered)
        uniques = valid[:1].sum(axis=0) + ((ordered[1:] != ordered[:-1]) & valid[1:]).sum(axis=0)
        first = ordered[0] if n else np.full(block.shape[1], np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        low, high = np.nanmin(block, axis=0), np.nanmax(block, axis=0)
        mean, std = _mean_std(block, nan, n - missing)
    integral = np.all(nan | (block == np.round(block)), axis=0)
    with np.errstate(over="ignore"):
        beyond = np.isinf(np.maximum(np.abs(low), np.abs(high)).astype(np.float32))
    out = []
    for j, name in enumerate(names):
        count = n - int(missing[j])
        base = dict(name=name, dtype=str(dtypes[j]), count=count, missing=int(missing[j]))
        if count == 0:
            out.append(ColumnProfile(kind=EMPTY, unique=0, reason="every value is missing", **base))
            continue
        n_unique, exact = (int(uniques[j]), True) if unique is None else unique
        base.update(unique=n_unique, unique_exact=exact)
        stats = dict(minimum=float(low[j]), mean=float(mean[j]), std=float(std[j]) if count > 1 else 0.0,
                     maximum=float(high[j]))
        if beyond[j]:  # (of a sample, on a long frame: training refuses what the sample missed)
            value = float(high[j] if abs(high[j]) >= abs(low[j]) else low[j])
            out.append(ColumnProfile(kind=OVERSIZED, reason=f"holds {value:.6g}, past float32's ±3.4e38 (the "
                                     f"network's numbers)", **base, **stats))
            continue
        if n_unique == 1:
            value = first[j] if unique is None else low[j]
            out.append(ColumnProfile(kind=CONSTANT, reason=f"one value only ({_show(float(value))})",
                                     **base, **stats))
            continue
        is_int = dtypes[j].kind in "iu" or bool(integral[j])  # (pandas' nullable Int64 has a kind too)
        if is_int and 19000101 <= low[j] and high[j] <= 21001231 and _yyyymmdd(block[:, j][~nan[:, j]]):
            out.append(ColumnProfile(kind=DATETIME, reason=DATES_REASON, **base, **stats))
        elif is_int and exact and n_unique == count and count > 20 and \
                _looks_like_index(block[:, j][~nan[:, j]], name):
            out.append(ColumnProfile(kind=IDENTIFIER, reason="every value is different (a row number or ID)",
                                     **base, **stats))
        elif is_int and n_unique <= LOW_CARDINALITY_INT and n_unique < count / 2:
            out.append(ColumnProfile(kind=CATEGORICAL, **base, **stats))
        else:
            out.append(ColumnProfile(kind=NUMERIC, **base, **stats))
    return out


def _mean_std(block: np.ndarray, nan: np.ndarray, count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each column's mean and sample standard deviation (ddof 1), missing values left out: nanmean's
    and nanstd's figures without their copies of the block (a third of their time)."""
    gaps = bool(nan.any())
    filled = np.where(nan, 0.0, block) if gaps else block
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.add.reduce(filled, axis=0) / count
        dev = np.subtract(filled, mean, order="F")
        if gaps:
            dev[nan] = 0.0
        squares = np.einsum("ij,ij->j", dev, dev)  # (BLAS's dot would wake its threads for 50,000 rows)
        return mean, np.sqrt(squares / (count - 1))


# 2024-01-05, 05/01/2024, 5.1.24; Jan 5, 2024; 5 January 2024
_DATE_LIKE = (r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|^\s*[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|"
              r"^\s*\d{1,2} [A-Za-z]{3,9}\.?,? \d{4}")
DATES_REASON = "dates: days since 1970-01-01 when chosen as a feature"


def _yyyymmdd(values: np.ndarray) -> bool:
    """Whole numbers that are dates written as YYYYMMDD (20240105): a month and a day in each of the first
    thousand (an 8-digit ID soon has a 13th month)."""
    sample = values[:1000]
    month, day = (sample // 100) % 100, sample % 100
    return bool(len(sample)) and bool(np.all((month >= 1) & (month <= 12) & (day >= 1) & (day <= 31)))


def _looks_like_dates(text: pd.Series) -> bool:
    """Nine in ten of the first values read as dates (a stray 'soon' leaves the column dates)."""
    sample = text.head(50)
    if not len(sample) or sample.str.contains(_DATE_LIKE, regex=True).mean() < 0.9:
        return False
    parsed = pd.to_datetime(sample, errors="coerce", format="mixed", utc=True)  # (offsets of summer and winter)
    return bool(parsed.notna().mean() >= 0.9)


def profile_frame(frame: pd.DataFrame) -> list[ColumnProfile]:
    if len(frame) > EXACT_UNIQUE_ROWS:
        return _profile_sample(frame)
    return _profile_rows(frame)


def _profile_rows(frame: pd.DataFrame, rows: np.ndarray | None = None) -> list[ColumnProfile]:
    """Exact profiles of the frame's columns (of its ``rows`` only, when given): the numeric columns
    taken and profiled on worker threads, the others here meanwhile."""
    names = [str(c) for c in frame.columns]
    dtypes = list(frame.dtypes)
    n = len(frame) if rows is None else len(rows)
    out: list[ColumnProfile | None] = [None] * len(names)

    def numeric(positions: list[int]) -> list[ColumnProfile]:
        return _numeric_profiles([names[i] for i in positions], [dtypes[i] for i in positions],
                                 numeric_block(frame, positions, rows))

    # (a sample's rows are scattered over the whole frame: taking them costs by the frame's size)
    with workers(len(frame) * len(names)) as pool:
        jobs = [(pos, pool.submit(numeric, pos)) for pos in numeric_groups(frame, parts=2, rows=n)]
        for i, dtype in enumerate(dtypes):
            if dtype.kind not in "iuf":
                out[i] = profile_column(names[i], frame.iloc[:, i] if rows is None else frame.iloc[rows, i])
        for pos, job in jobs:
            for i, p in zip(pos, job.result()):
                out[i] = p
    return out


def _profile_sample(frame: pd.DataFrame) -> list[ColumnProfile]:
    """A long frame is profiled from a seeded sample of its rows (``sample_rows`` says so; counts are
    scaled to the whole frame). The kinds a sample can get wrong in a way that matters — empty,
    constant, a row number — are checked again on the whole column."""
    n = len(frame)
    rows = _sample_rows(n, PROFILE_SAMPLE_ROWS)
    out = []
    for i, p in enumerate(_profile_rows(frame, rows)):
        integral_all_unique = (p.kind == NUMERIC and p.unique == p.count > 20
                               and frame.dtypes.iloc[i].kind in "iu")
        if p.kind in (EMPTY, CONSTANT) or integral_all_unique:
            series = frame.iloc[:, i]
            if series.dtype.kind in "iuf":  # exact, unique count included
                values = series.to_numpy(dtype=np.float64, na_value=np.nan).reshape(n, 1)
                out.append(_numeric_profiles([p.name], [series.dtype], values)[0])
            else:
                out.append(profile_column(p.name, series))
            continue
        missing = round(p.missing * n / len(rows))
        out.append(replace(p, count=n - missing, missing=missing, unique_exact=False, sample_rows=len(rows)))
    return out


def _sample_rows(n: int, size: int) -> np.ndarray:
    """About ``size`` distinct rows of ``n`` (size < n), seeded, in order: draws with replacement, as
    many as give ``size`` distinct rows on average, the repeats kept once (a uniform sample). A third
    of the cost of choice(replace=False), which shuffles an array of all n positions (~7 ms a million)."""
    if size >= n:
        return np.arange(n)
    draws = int(np.ceil(-n * np.log1p(-size / n)))  # E[distinct rows of d draws] = n (1 − e^(−d/n))
    drawn = np.zeros(n, dtype=bool)
    drawn[np.random.default_rng(0).integers(0, n, draws)] = True
    return np.flatnonzero(drawn)


def suggest_roles(profiles: list[ColumnProfile]) -> Roles:
    """Label: the last column that could be one. Features: every other usable column."""
    excluded = {p.name: p.reason for p in profiles if not p.usable}
    candidates = [p for p in profiles if p.usable]
    label = candidates[-1].name if candidates else None
    features = [p.name for p in candidates if p.name != label]
    return Roles(features, label, excluded)
