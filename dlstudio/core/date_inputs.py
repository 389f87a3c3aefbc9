"""Dates as inputs: a date column the person chooses as a feature is read as days since 1970-01-01
(a fraction for the time of day), a number like any other: standardized, and held about a center so
that the network tells the days (and seconds) apart. The format is found once, from the training file's
first dates, and kept in the preprocessing, so that a file to predict on is read the same way."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from pandas.tseries.api import guess_datetime_format

from .errors import DataError

SAMPLE = 1000  # the first dates a format is chosen on
EPOCH = pd.Timestamp("1970-01-01", tz="UTC")
DAY = pd.Timedelta(days=1)


def date_format(column: pd.Series) -> str:
    """The strftime format the column's first dates are written in, the one that reads most of them
    (05/01/2024 is May 1st or January 5th: a 13 in the first or second place decides); ISO 8601
    for a column pandas already holds as dates."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return "ISO8601"
    sample = column.dropna().astype(str).str.strip().head(SAMPLE)
    if sample.empty:
        raise DataError(f"Column '{column.name}' has no dates to read.", hint="Leave it out of the features.")
    first = sample.iloc[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # (pandas remarks that a guess ignored dayfirst: both are tried)
        guesses = [g for g in dict.fromkeys((guess_datetime_format(first), guess_datetime_format(first, dayfirst=True)))
                   if g]
    if not guesses:
        return "mixed"
    read = [int(pd.to_datetime(sample, format=g, errors="coerce", utc=True).notna().sum()) for g in guesses]
    return guesses[int(np.argmax(read))]  # (ties: the first, month before day as pandas guesses)


def as_days(column: pd.Series, fmt: str) -> tuple[np.ndarray, int]:
    """(days since 1970-01-01 UTC as float64, NaN for a missing or unreadable cell; how many filled
    cells could not be read in ``fmt``). Times with a zone are taken to UTC; without one, as written."""
    try:
        stamps = pd.to_datetime(column, format=fmt, errors="coerce", utc=True)
    except (ValueError, TypeError) as exc:  # (an edited format in model.json)
        raise DataError(f"Column '{column.name}' cannot be read as dates in the format {fmt!r} ({exc}).") from None
    days = ((stamps - EPOCH) / DAY).to_numpy(dtype=np.float64, na_value=np.nan)
    unread = int(np.count_nonzero(np.isnan(days) & column.notna().to_numpy()))
    return days, unread


def with_days(frame: pd.DataFrame, formats: dict[str, str], notices: list[str]) -> pd.DataFrame:
    """``frame`` with each column of ``formats`` as days since 1970 (the others as they are, not
    copied); a notice for the cells that are not dates in the column's format (they count as missing)."""
    if not formats:
        return frame
    days = {}
    for name, fmt in formats.items():
        days[name], unread = as_days(frame[name], fmt)
        if unread:
            notices.append(f"Column '{name}': {unread:,} cell(s) are not dates written as {fmt}; taken as missing.")
    return frame.assign(**days)
