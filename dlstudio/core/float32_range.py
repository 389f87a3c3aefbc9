"""Numbers the network cannot hold. It computes in float32, whose numbers stop at ±3.4e38: a bigger
one in the file (1e39 is a fine float64) becomes infinity on the way in, and every output it reaches
NaN, or a made-up class. The read refuses infinities already, so an infinity after the conversion to
float32 is such a number: the refusal names the column, the row and the value."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import DataError

FLOAT32_MAX = float(np.finfo(np.float32).max)


TRAINING_HINT = "Write the column in other units (divide it by a power of ten) or leave it out."


def refuse_beyond_float32(converted: np.ndarray, frame: pd.DataFrame | pd.Series, names: list[str], role: str,
                          suspects=None, hint: str = TRAINING_HINT) -> None:
    """``converted``: float32 (n, k), row i from row i of ``frame`` and column j from its column
    ``names[j]``; ``suspects``: the columns that may hold an infinity (every column when None)."""
    if suspects is None:
        suspects = np.flatnonzero(np.isinf(converted).any(axis=0)) if converted.size else ()
    for j in suspects:
        bad = np.isinf(converted[:, j])
        if not bad.any():
            continue
        i = int(np.argmax(bad))
        column = frame if isinstance(frame, pd.Series) else frame[names[j]]
        row = int(column.index[i]) if column.index.dtype.kind in "iu" else i  # the file's row after a subset
        value = column.iloc[i]
        raise DataError(f"{role} column '{names[j]}' holds {_shown(value)} on data row {row + 1} (line {row + 2} "
                        f"of the file): the network computes in float32, whose numbers stop at ±3.4e38.",
                        hint=hint)


def _shown(value) -> str:
    if isinstance(value, (float, np.floating)):
        return "an infinite value" if np.isinf(value) else f"{float(value):g}"
    return repr(value)
