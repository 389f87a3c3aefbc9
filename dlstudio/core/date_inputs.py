"""Dates as inputs: a date column the person chooses as a feature is read as days since 1970-01-01
(a fraction for the time of day), a number like any other: standardized, and held about a center so
that the network tells the days (and seconds) apart. One format is found for the column, from dates
taken all through it, and kept in the preprocessing, so that a file to predict on is read the same way;
a column most of whose cells are not in that format is refused, naming one, rather than left mostly
empty."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from pandas.tseries.api import guess_datetime_format

from .errors import DataError

SAMPLE = 1000  # dates from the start, and as many spread through the column, that a format is chosen on
GUESSED_FROM = 20  # distinct dates pandas is asked to guess a format from
MOSTLY = 0.5  # more of a column's filled cells than this must read as dates in its format
EPOCH = pd.Timestamp("1970-01-01", tz="UTC")
DAY = pd.Timedelta(days=1)
# what pandas cannot guess (two-digit years) or guesses one way only; ISO 8601 takes dates with and without times
_COMMON = ("ISO8601", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y", "%m-%d-%Y", "%Y/%m/%d",
           "%d/%m/%y", "%m/%d/%y", "%d.%m.%y", "%d-%m-%y", "%m-%d-%y", "%y-%m-%d")
HINT = "Write the dates in one format, e.g. 2024-01-31 or 2024-01-31 13:45, or leave the column out."


def texts(column: pd.Series) -> pd.Series:
    """The cells as text without the spaces around them (a CSV written 'a, b'), missing ones kept."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return column
    if column.dtype.kind == "f":  # dates written as YYYYMMDD, read as decimals for a gap: 20240105, not 20240105.0
        try:
            column = column.astype("Int64")
        except (TypeError, ValueError):
            pass
    return column.astype("string").str.strip().replace("", pd.NA)


def _sample(column: pd.Series) -> pd.Series:
    """The first SAMPLE cells and SAMPLE more spread through the column (a minute log's first thousand
    all fall on one day, where 01/02 reads either way), the missing ones left out."""
    n = len(column)
    rows = np.unique(np.r_[np.arange(min(n, SAMPLE)), np.linspace(0, n - 1, min(n, SAMPLE)).astype(np.int64)])
    return texts(column.iloc[rows]).dropna()


def _swapped(fmt: str) -> str:
    return fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")


def date_format(column: pd.Series, notices: list[str] | None = None) -> str:
    """The format that reads most of the column's dates (05/01/2024 is May 1st or January 5th: a 13
    in the first or second place decides; where none does, month first, with a notice); ISO 8601 for
    a column pandas already holds as dates. A column no one format reads mostly is refused."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return "ISO8601"
    sample = _sample(column)
    if sample.empty:
        raise DataError(f"Column '{column.name}' has no dates to read.", hint="Leave it out of the features.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # (pandas remarks that a guess ignored dayfirst: both are tried)
        guessed = [guess_datetime_format(v, dayfirst=first) for v in pd.unique(sample)[:GUESSED_FROM]
                   for first in (False, True)]
    candidates = list(dict.fromkeys([_COMMON[0], *(g for g in guessed if g), *_COMMON[1:]]))
    read = {fmt: int(pd.to_datetime(sample, format=fmt, errors="coerce", utc=True).notna().sum()) for fmt in candidates}
    best = max(candidates, key=lambda fmt: read[fmt])  # (ties: the first, month before day as pandas guesses)
    if read[best] <= MOSTLY * len(sample):
        raise DataError(f"Column '{column.name}' holds dates in no one format that reads most of them "
                        f"(e.g. {sample.iloc[0]!r}).", hint=HINT)
    twin = _swapped(best)
    if notices is not None and twin != best and read.get(twin, 0) == read[best] and "%d" in best:
        notices.append(f"Column '{column.name}': its dates read alike day first and month first (such as "
                       f"{sample.iloc[0]!r}); they are read month first ({best}). If they are day first, "
                       f"write them as 2024-01-31.")
    return best


def as_days(column: pd.Series, fmt: str) -> tuple[np.ndarray, np.ndarray]:
    """(days since 1970-01-01 UTC as float64, NaN for a missing or unreadable cell; where a filled cell
    could not be read in ``fmt``). Times with a zone are taken to UTC; without one, as written."""
    cells = texts(column)
    # each distinct date once: daily data repeats its days (pandas' strptime takes ~3 s a million cells)
    codes, distinct = pd.factorize(cells)
    try:
        stamps = pd.to_datetime(pd.Series(distinct), format=fmt, errors="coerce", utc=True)
    except (ValueError, TypeError) as exc:  # (an edited format in model.json)
        raise DataError(f"Column '{column.name}' cannot be read as dates in the format {fmt!r} ({exc}).") from None
    days_of = np.append(((stamps - EPOCH) / DAY).to_numpy(dtype=np.float64, na_value=np.nan), np.nan)
    days = days_of[codes]  # (code -1, a missing cell: the NaN appended)
    return days, np.isnan(days) & (codes >= 0)


def with_days(frame: pd.DataFrame, formats: dict[str, str], notices: list[str]) -> pd.DataFrame:
    """``frame`` with each column of ``formats`` as days since 1970 (the others as they are, not
    copied); a notice for the cells that are not dates in the column's format (they count as missing),
    a refusal where they are most of its filled cells (another file's way of writing dates)."""
    if not formats:
        return frame
    days = {}
    for name, fmt in formats.items():
        days[name], wrong = as_days(frame[name], fmt)
        unread = int(np.count_nonzero(wrong))
        if not unread:
            continue
        filled = int(np.count_nonzero(~np.isnan(days[name]))) + unread  # (read, and not read)
        example = str(frame[name].iloc[int(np.argmax(wrong))]).strip()
        if unread > MOSTLY * filled:
            raise DataError(f"Column '{name}': {unread:,} of its {filled:,} dates are not written as {fmt} "
                            f"(e.g. {example!r}), the format the model reads them in.",
                            hint="Write them in that format, or use a file with the dates as the training file has them.")
        notices.append(f"Column '{name}': {unread:,} cell(s) are not dates written as {fmt} (e.g. {example!r}); "
                       f"taken as missing.")
    return frame.assign(**days)
