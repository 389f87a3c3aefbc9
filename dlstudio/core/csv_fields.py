"""A frame's rows as the text fields ``DataFrame.to_csv`` writes (``na_rep=''``), for the dtypes a
prediction frame holds, formatted faster than pandas does.

pandas turns a float column into text with numpy's ``astype(str)`` and hands the rows to Python's
``csv.writer``; here float64 goes through Python's ``repr`` (the same shortest round-trip text, ~2×
faster), the rest as pandas formats it; the rows are joined as the same ``csv.writer`` would write
them. A column of any other dtype (dates, categories, nullable integers) gives None, and the caller
lets pandas write.
"""
from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd


QUOTED = ',"\r\n'  # a field holding one of these is quoted (csv.QUOTE_MINIMAL, to_csv's default)


def body(frame: pd.DataFrame, line_end: str) -> str | None:
    """The rows of ``frame`` as ``to_csv(index=False, header=False)`` writes them, or None when a
    column is of a dtype left to pandas. Where no text field needs quotes, the fields are joined
    directly (a quarter of ``csv.writer``'s time); else, and for one column (whose empty field
    csv.writer writes as ""), ``csv.writer`` writes them."""
    columns = [fields(frame.iloc[:, j]) for j in range(frame.shape[1])]
    if not columns or any(c is None for c in columns):
        return None
    text = ["\0".join(c) for c, dtype in zip(columns, frame.dtypes) if _is_text(dtype)]  # (searched at C speed)
    if len(columns) > 1 and not any(mark in t for t in text for mark in QUOTED):
        return "".join(line + line_end for line in map(",".join, zip(*columns)))
    out = io.StringIO()
    csv.writer(out, lineterminator=line_end).writerows(zip(*columns))
    return out.getvalue()


def _is_text(dtype) -> bool:
    return dtype == object or isinstance(dtype, pd.StringDtype)


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
    if _is_text(dtype):
        return [v if isinstance(v, str) else _other(v) for v in column.to_numpy(dtype=object).tolist()]
    return None


def _other(value) -> str:
    """A cell of an object column that is not text: empty when missing, else what csv.writer writes."""
    return "" if pd.api.types.is_scalar(value) and pd.isna(value) else str(value)  # (a list's isna is a list)
