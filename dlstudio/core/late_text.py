"""Whether a column empty at the start of a file holds text further on: pandas' parallel read gives
up on such a file.

pandas parses a big file in chunks of a few megabytes on several threads. A chunk in which a column
has no value types it as decimals (all NaN); a chunk with text in it, as text. The chunks then
disagree, and pandas parses the whole file again on one thread (2 s for a million rows here) before
anyone can read it in parts. A notes column filled only in the last rows is the common case. Looking
at the file's end first lets the read go to the parts reader at once (``split_read``).
"""
from __future__ import annotations

import csv
import io
import os

TAIL_BYTES = 64 * 1024


def text_after_empty_start(path: str, encoding: str, delimiter: str, sample: str, na_values) -> bool:
    """True when a column with no value in ``sample`` (the file's start, header first) holds a value
    that is not a number in the file's last ``TAIL_BYTES``. A wrong guess costs time only: the parts
    reader gives the whole-file frame either way."""
    missing = set(na_values)
    try:
        return _late_text(path, encoding, delimiter, sample, missing)
    except (csv.Error, OSError):
        return False  # the read itself will say what is wrong


def _late_text(path: str, encoding: str, delimiter: str, sample: str, missing: set) -> bool:
    start = _rows(sample, delimiter, whole_last_line=sample.endswith("\n"))[1:]
    if not start:
        return False
    width = max(len(row) for row in start)
    empty = [j for j in range(width) if all(j >= len(row) or row[j].strip() in missing for row in start)]
    if not empty:
        return False
    size = os.path.getsize(path)
    if size <= len(sample.encode(encoding, errors="replace")):
        return False  # the sample was the whole file
    with open(path, "rb") as f:
        f.seek(max(0, size - TAIL_BYTES))
        tail = f.read().decode(encoding, errors="replace")
    lines = tail.split("\n", 1)[1] if "\n" in tail else ""  # the first line may be cut
    for row in _rows(lines, delimiter, whole_last_line=True):
        for j in empty:
            if j < len(row) and row[j].strip() not in missing and not _number(row[j]):
                return True
    return False


def _rows(text: str, delimiter: str, whole_last_line: bool) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    return rows if whole_last_line else rows[:-1]


def _number(cell: str) -> bool:
    try:
        float(cell.replace(",", "."))
    except ValueError:
        return False
    return True
