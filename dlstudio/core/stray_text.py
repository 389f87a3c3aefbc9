"""A column of numbers with a few cells of text ('ERR' from a sensor, '#DIV/0!' from a spreadsheet) is
read as text by pandas, and so it was left out of the model: four sensor columns went for 12 'ERR'
cells each, and the model fell to the baseline. A no-code app cannot ask the person to edit the file,
so the read takes such cells as missing, and says which and how many, where they are rare: at most
2 % of the column's filled cells, in at most three spellings. Anything more is text, as before."""
from __future__ import annotations

import pandas as pd

RARE = 0.02  # the largest share of a column's filled cells that may be stray text
SPELLINGS = 3  # the most distinct stray texts ('ERR', 'n/v', '#DIV/0!')
_SAMPLE = 2_000  # the first cells looked at before a whole column is parsed (most stop after a few)


def stray_text_as_missing(frame: pd.DataFrame, decimal: str, thousands: str | None, notices: list[str],
                          keep=()) -> pd.DataFrame:
    """``frame`` with each column of numbers but for a few text cells read as numbers, those cells
    missing (a notice for each such column). ``keep``: columns read as text on purpose (08.06.2023)."""
    for name in frame.columns:
        column = frame[name]
        if name in keep:
            continue
        if column.dtype != object and not isinstance(column.dtype, pd.StringDtype):
            continue
        if not _mostly_numbers(column.to_numpy()[:_SAMPLE], decimal, thousands):
            continue  # text, as a glance at its first cells shows (the usual case: microseconds)
        numbers = _numbers(column, decimal, thousands)
        stray = numbers.isna() & column.notna()
        filled = int(column.notna().sum())
        count = int(stray.sum())
        spellings = pd.unique(column[stray].astype(str).str.strip())
        if count == 0 or count > RARE * filled or len(spellings) > SPELLINGS:
            continue
        frame[name] = numbers
        written = ", ".join(f"'{s}'" for s in spellings)
        notices.append(f"Column '{name}' holds numbers but for {count:,} cell(s) reading {written}; they were "
                       f"read as missing values (the other {filled - count:,} are numbers).")
    return frame


def _mostly_numbers(cells, decimal: str, thousands: str | None) -> bool:
    """Whether at least 90 % of the first filled cells are numbers; it stops at the eleventh in a
    hundred that is not (pandas' to_numeric took 2 ms for 2,000 words)."""
    seen = misses = 0
    for cell in cells:
        if not isinstance(cell, str):
            continue  # missing
        seen += 1
        text = cell.strip()
        if thousands:
            text = text.replace(thousands, "")
        if decimal != ".":
            text = text.replace(decimal, ".")
        try:
            float(text)
        except ValueError:
            misses += 1
            if misses > max(10, seen // 10):
                return False
    return seen > 0 and misses <= seen // 10


def _numbers(cells: pd.Series, decimal: str, thousands: str | None) -> pd.Series:
    text = cells.astype(str).str.strip()
    if thousands:
        text = text.str.replace(thousands, "", regex=False)
    if decimal != ".":
        text = text.str.replace(decimal, ".", regex=False)
    return pd.to_numeric(text, errors="coerce").where(cells.notna())
