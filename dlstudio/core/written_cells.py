"""The cells of a CSV as its file writes them, for an export that repeats the person's columns: a
parsed number or flag is written back as pandas formats it (00501 → 501, or 501.0 once a cell is
missing; true → True), so the export reads the file again as text, nothing parsed, a chunk at a time
as it writes."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class CsvSource:
    """Where a frame was read from, and how (what ``table.read_csv`` found)."""

    path: str
    encoding: str
    delimiter: str


class Misaligned(Exception):
    """The text read again does not line up with the parsed frame (a file changed since, or a shape
    the read tidied): the export then writes the parsed values."""


def as_written(source: CsvSource, rows_a_chunk: int) -> Iterator[pd.DataFrame]:
    """The file's cells as text ('' where empty), ``rows_a_chunk`` rows at a time, with the column names
    pandas gave the parsed frame (a repeated name gets '.1'). ``index_col=False``: a trailing delimiter's
    empty last field is dropped, as the read drops it, instead of the first column becoming the index."""
    return pd.read_csv(source.path, sep=source.delimiter, encoding=source.encoding, dtype=str, na_filter=False,
                       index_col=False, skip_blank_lines=True, engine="c", chunksize=rows_a_chunk)


def with_written(chunk: pd.DataFrame, written: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    """``chunk`` with its ``columns`` taken from ``written``, the same rows as text."""
    if written is None or len(written) != len(chunk) or any(c not in written.columns for c in columns):
        raise Misaligned
    taken = set(columns)
    return pd.DataFrame({c: (written[c] if c in taken else chunk[c]).to_numpy() for c in chunk.columns})
