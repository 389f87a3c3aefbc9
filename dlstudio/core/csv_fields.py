"""A frame's rows as the text fields ``DataFrame.to_csv`` writes (``na_rep=''``), for the dtypes a
prediction frame holds, formatted faster than pandas does.

pandas turns a float column into text with numpy's ``astype(str)`` and hands the rows to Python's
``csv.writer``; here float64 goes through Python's ``repr`` (the same shortest round-trip text, ~2×
faster), the rest as pandas formats it, and the same ``csv.writer`` writes the rows. A column of any
other dtype (dates, categories, nullable integers) gives None, and the caller lets pandas write.
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def rows_as_fields(frame: pd.DataFrame):
    """An iterable of rows of text fields, or None when a column is of a dtype left to pandas."""
    columns = [fields(frame.iloc[:, j]) for j in range(frame.shape[1])]
    return None if not columns or any(c is None for c in columns) else zip(*columns)


def fields(column: pd.Series) -> list[str] | None:
    dtype = column.dtype
    if dtype == np.float64 or dtype == np.float32:
        values = column.to_numpy()
        # (float32 keeps numpy's shortest float32 text: repr of the float64 it widens to would be longer)
        texts = list(map(repr, values.tolist())) if dtype == np.float64 else values.astype(str).tolist()
        for i in np.flatnonzero(np.isnan(values)).tolist():
            texts[i] = ""
        return texts
    if dtype.kind in "iub" and isinstance(dtype, np.dtype):
        return list(map(str, column.to_numpy().tolist()))
    if dtype == object or isinstance(dtype, pd.StringDtype):
        return [v if isinstance(v, str) else _other(v) for v in column.to_numpy(dtype=object).tolist()]
    return None


def _other(value) -> str:
    """A cell of an object column that is not text: empty when missing, else what csv.writer writes."""
    return "" if pd.api.types.is_scalar(value) and pd.isna(value) else str(value)  # (a list's isna is a list)
