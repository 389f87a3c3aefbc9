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
                          suspects=None, hint: str = TRAINING_HINT, ignore=None, scaled=None, center=None) -> None:
    """``converted``: float32 (n, k), row i from row i of ``frame`` and column j from its column
    ``names[j]``; ``suspects``: the columns that may hold an infinity (every column when None);
    ``ignore``: rows that are not used (dropped for a missing label, say); ``scaled``: (shift, scale)
    when ``converted`` holds (x − shift) / scale, where an overflow can also be NaN (∞ − ∞); ``center``
    when it holds x − center."""
    with np.errstate(invalid="ignore"):
        bad_of = np.isinf if scaled is None else (lambda v: ~np.isfinite(v))  # (unscaled, NaN is a missing value)
        if suspects is None:
            suspects = np.flatnonzero(bad_of(converted).any(axis=0)) if converted.size else ()
        for j in suspects:
            bad = bad_of(converted[:, j])
            if ignore is not None and len(ignore):
                bad[ignore] = False
            if not bad.any():
                continue
            i = int(np.argmax(bad))
            column = frame if isinstance(frame, pd.Series) else frame[names[j]]
            row = int(column.index[i]) if column.index.dtype.kind in "iu" else i  # the file's row after a subset
            why = "the network computes in float32, whose numbers stop at ±3.4e38"
            if scaled is not None:
                why = f"scaled by the training statistics, (x − {scaled[0][j]:.6g}) / {scaled[1][j]:.6g}, in float32, " \
                      f"it or the difference on the way goes past ±3.4e38, the largest float32 number"
            elif center is not None and abs(float(column.iloc[i])) <= FLOAT32_MAX:
                why = f"less the column's center {center[j]:.6g} (a typical value of it), it goes past ±3.4e38, the " \
                      f"largest number of float32, in which the network computes"
            raise DataError(f"{role} column '{names[j]}' holds {_shown(column.iloc[i])} on data row {row + 1}: "
                            f"{why}.", hint=hint, row=row)


def _shown(value) -> str:
    if isinstance(value, (float, np.floating)):
        return "an infinite value" if np.isinf(value) else repr(float(value))  # (all the digits that tell it)
    return repr(value)
