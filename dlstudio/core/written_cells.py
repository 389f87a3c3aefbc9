"""The cells of a CSV as its file writes them, for an export that repeats the person's columns: a
parsed number or flag is written back as pandas formats it (00501 → 501, or 501.0 once a cell is
missing; true → True), so the export reads the file again as text, nothing parsed, a chunk at a time
as it writes. Only the file as it was read will do: one saved since (sorted in a spreadsheet, say)
would put the predictions beside other rows, so its size and modification time must not have moved."""
from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class CsvSource:
    """Where a frame was read from, and how (what ``table.read_csv`` found)."""

    path: str
    encoding: str
    delimiter: str
    stamp: tuple = ()  # ``file_stamp`` when it was read
    decimal: str = "."  # the decimal mark of its numbers


class Misaligned(Exception):
    """The file's text cannot stand for the parsed frame (changed since, gone, or a shape the read
    tidied): the export then writes the parsed values."""


def column_names(columns) -> list[str]:
    """The names the read gives pandas' columns: stripped of spaces, and kept apart as pandas keeps a
    repeated name (a, a.1, a.2) where stripping makes two alike ('a' and 'a ')."""
    names: list[str] = []
    taken = {str(c).strip() for c in columns}
    seen: set[str] = set()
    for c in columns:
        name = str(c).strip()
        if name in seen:
            n = 1
            while f"{name}.{n}" in taken:
                n += 1
            name = f"{name}.{n}"
            taken.add(name)
        seen.add(name)
        names.append(name)
    return names


def file_stamp(file) -> tuple:
    """(size, modification time in ns) of a path or an open file's descriptor."""
    info = os.stat(file)
    return info.st_size, info.st_mtime_ns


def as_written(source: CsvSource, rows_a_chunk: int) -> Iterator[pd.DataFrame]:
    """The file's cells as text ('' where empty), ``rows_a_chunk`` rows at a time, named as the read
    names them (``column_names``). ``index_col=False``: a trailing delimiter's empty
    last field is dropped, as the read drops it, instead of the first column becoming the index.
    Raises Misaligned for a file that is not the one read, now or while it is read."""
    try:
        if not source.stamp or file_stamp(source.path) != source.stamp:
            raise Misaligned
        reader = pd.read_csv(source.path, sep=source.delimiter, encoding=source.encoding, dtype=str,
                             na_filter=False, index_col=False, skip_blank_lines=True, engine="c",
                             chunksize=rows_a_chunk)
        with reader:
            while True:
                with warnings.catch_warnings():  # (around the parse only, not across the yield)
                    warnings.simplefilter("ignore", pd.errors.ParserWarning)  # a trailing delimiter's field
                    chunk = next(reader, None)
                if chunk is None:
                    return
                chunk.columns = column_names(chunk.columns)
                yield chunk
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # (pandas' parser errors are ValueErrors)
        raise Misaligned from exc


def with_written(chunk: pd.DataFrame, written: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    """``chunk`` with its ``columns`` taken from ``written``, the same rows as text."""
    if written is None or len(written) != len(chunk) or chunk.columns.has_duplicates or \
            written.columns.has_duplicates or any(c not in written.columns for c in columns):
        raise Misaligned
    taken = set(columns)
    return pd.DataFrame({c: (written[c] if c in taken else chunk[c]).to_numpy() for c in chunk.columns})
