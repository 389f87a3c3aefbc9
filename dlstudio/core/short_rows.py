"""Rows with too few fields: pandas fills them with missing values and says nothing; say it. The
raw bytes are counted where the file has no quotes (``line_fields``), else the csv module reads it."""
from __future__ import annotations


from .errors import Cancelled
from .file_lines import records
from .line_fields import short_lines
from .read_progress import CancelCheck

RAGGED_SCAN_BYTES = 64 * 1024 * 1024  # look for short rows in at most this much of a file


def short_rows_notice(path, encoding: str, delimiter: str, width: int, cancel: CancelCheck | None,
                limit: int = 5) -> list[str]:
    """pandas fills a row with too few fields with missing values and says nothing; say it here.
    Only called when the last column has missing values, so a clean file is never scanned. A file
    without quotes is scanned as bytes (``line_fields``), one with quotes by the csv module."""
    short = short_lines(path, encoding, delimiter, width, limit, RAGGED_SCAN_BYTES, cancel)
    if short is None:
        short = short_rows_parsed(path, encoding, delimiter, width, cancel, limit)
    if not short:
        return []
    where = ", ".join(f"line {line} has {n} field{'s' if n != 1 else ''}" for line, n in short)
    more = " (and maybe more)" if len(short) >= limit else ""
    return [f"Short rows: {where}{more}, but the header has {width}; their missing fields were read "
            f"as empty. Check those lines for a lost delimiter."]


def short_rows_parsed(path, encoding: str, delimiter: str, width: int, cancel: CancelCheck | None,
                       limit: int) -> list[tuple[int, int]]:
    """(line, fields) of the first ``limit`` short rows, the file parsed by the csv module."""
    short: list[tuple[int, int]] = []
    read, scanned = 0, [0]

    def counted(lines):  # (a text file iterated over cannot tell its position: count what it gave)
        for line in lines:
            scanned[0] += len(line)
            yield line

    with open(path, encoding=encoding, newline="") as f:
        rows = records(counted(f), delimiter)  # (blank lines and lines of spaces skipped, as pandas does)
        next(rows, None)  # the header
        for row, start in rows:
            if len(row) < width:
                short.append((start, len(row)))
                if len(short) >= limit:
                    break
            read += 1
            if read % 100_000 == 0:
                if cancel and cancel():
                    raise Cancelled("Loading was cancelled; nothing was changed.")
                if scanned[0] > RAGGED_SCAN_BYTES:
                    break
    return short
