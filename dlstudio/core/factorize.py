"""``pd.factorize`` of a column as numpy arrays, fast for a text column that repeats a few values."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .text_values import object_addresses, python_strings

_MANY_OBJECTS = 4096  # more distinct objects than this: factorize the values directly


def factorize(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, distinct) exactly as ``pd.factorize(column)`` gives them: codes -1 where missing, the
    distinct values in order of first appearance (as a numpy array).

    A text column is factorized by object identity first. pandas' parser gives a repeated string one
    object per chunk, so hashing a million addresses (~8 ms) finds a few dozen objects, and only those
    are factorized by value; hashing a million strings costs 45–90 ms."""
    if not _holds_objects(column) or len(column) == 0:
        codes, distinct = pd.factorize(column)
        return codes, np.asarray(distinct)
    objects, addresses = object_addresses(column)
    by_object, distinct_objects = pd.factorize(addresses)
    if len(distinct_objects) > _MANY_OBJECTS:
        codes, distinct = pd.factorize(objects)
        return codes, np.asarray(distinct)
    # codes are numbered in order of first appearance, so each new maximum marks one object's first row
    running = np.maximum.accumulate(by_object)
    first = np.empty(len(running), dtype=bool)
    first[0] = True
    np.greater(running[1:], running[:-1], out=first[1:])
    object_codes, distinct = pd.factorize(objects[np.flatnonzero(first)])
    # (into running's memory, free again; mode 'clip' writes straight into it where 'raise' goes through
    # a buffer: the codes are in range by construction)
    codes = np.take(object_codes, by_object, out=running, mode="clip")
    return codes, np.asarray(distinct)


def _holds_objects(column: pd.Series) -> bool:
    """An object column, or text stored as Python strings."""
    return column.dtype == object or python_strings(column)


def distinct_numbers_beyond(column: pd.Series, limit: int, sample: int = 4096) -> int | None:
    """How many distinct values a numeric column holds (missing left out) when that is more than
    ``limit``; None when it may be ``limit`` or fewer (``factorize`` it then). A sample spread over the
    column tells first: at most ``limit`` distinct values in it, and the column is left to factorize.
    Else the column is sorted and its changes counted: 25 ms for a million decimals, where factorize's
    hash table, grown past the cache, takes 180."""
    dtype = column.dtype
    if not isinstance(dtype, np.dtype) or dtype.kind not in "iuf" or len(column) <= limit:
        return None
    values = column.to_numpy()
    spread = values[::max(1, len(values) // sample)]
    if dtype.kind == "f":
        spread = spread[~np.isnan(spread)]
    if len(pd.unique(spread)) <= limit:
        return None
    ordered = np.sort(values)  # NaN sorts last
    if dtype.kind == "f":
        ordered = ordered[:len(ordered) - int(np.count_nonzero(np.isnan(ordered)))]
    return 1 + int(np.count_nonzero(ordered[1:] != ordered[:-1]))
