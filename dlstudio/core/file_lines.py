"""Where a data row is in its file, for a message that names the row: "data row 6 (line 9 of the
file)". Pandas numbers the rows it parsed, skipping blank lines (and lines of spaces), and a quoted
field may hold line breaks, so the line is counted in the file itself, and only when a message asks
(a refusal; reading the file again costs about a second a million rows)."""
from __future__ import annotations

import csv
from contextlib import contextmanager

from .errors import DLStudioError
from .written_cells import CsvSource, file_stamp


def line_of_row(source: CsvSource, row: int) -> int | None:
    """The line (from 1) on which data row ``row`` (from 0, as pandas numbers them) begins; None when
    the file is not the one read any more, or ends first."""
    try:
        if source.stamp and file_stamp(source.path) != tuple(source.stamp):
            return None
        with open(source.path, encoding=source.encoding, newline="") as f:
            for seen, (_, line) in enumerate(records(f, source.delimiter)):  # (the header first)
                if seen == row + 1:
                    return line
    except (OSError, UnicodeError, csv.Error):  # (csv.Error: a field past the csv module's 128 KiB, say)
        return None
    return None


def records(lines, delimiter: str):
    """(fields, the line it begins on) of each record of the text ``lines`` yields, as pandas takes
    them: a line of nothing but spaces and tabs (a byte-order mark aside; the delimiter is no space) is
    skipped, before the header too; a line holding "" is a record (of one missing value)."""
    last = [""]

    def remembered(lines):
        for line in lines:
            last[0] = line
            yield line

    spaces = " \t\r\n\ufeff".replace(delimiter, "")  # (a line of tabs is a row in a tab-separated file)
    reader = csv.reader(remembered(lines), delimiter=delimiter)
    before = 0  # the lines read before the current record
    for record in reader:
        if not (reader.line_num == before + 1 and not last[0].strip(spaces)):
            yield record, before + 1
        before = reader.line_num


def located(error: BaseException, source: CsvSource | None) -> BaseException:
    """``error`` with the line of the data row it names added ("data row 6" → "data row 6 (line 9 of
    the file)"), when it names one (``DLStudioError.row``) and ``source`` is its file, still as read."""
    row = getattr(error, "row", None)
    if not isinstance(error, DLStudioError) or row is None or source is None:
        return error
    named = f"data row {row + 1}"
    line = line_of_row(source, row) if named in error.message else None
    if line is not None:
        error.message = error.message.replace(named, f"{named} (line {line} of the file)", 1)
        error.args, error.row = (error.text,), None  # (located once)
    return error


@contextmanager
def locating(source: CsvSource | None):
    """Within: a refusal that names a data row of ``source``'s file says on which line it is."""
    try:
        yield
    except DLStudioError as exc:
        raise located(exc, source)
