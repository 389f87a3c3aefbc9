"""Read a CSV into a DataFrame with pandas' C engine (the encoding, delimiter and number format
guessed first: ``sniff``), refusing what it cannot read right and saying what it noticed."""
from __future__ import annotations

import csv
import io
import os
import re
import warnings
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

import numpy as np
import pandas as pd

from . import east_asian, sniff, split_read
from .column_facts import has_missing
from .errors import Cancelled, DataError
from .file_lines import located, records
from .infinities import look_for_infinities, refuse_infinities
from .late_text import text_after_empty_start
from .read_progress import CancelCheck, Continued, Progress, ProgressReader
from .short_rows import short_rows_notice
from .split_read import read_parts
from .stray_text import stray_text_as_missing
from .totals_row import without_totals_row
from .workers import workers
from .written_cells import CsvSource, column_names, file_stamp

# Blank cells: a spreadsheet often writes an emptied cell as a space or two. pandas matches NA strings
# exactly, so the likely ones are listed (runs of spaces, and short mixes of spaces and tabs); a field
# is looked up only when its first character starts an NA string, so numbers cost nothing more.
_BLANKS = [" " * n for n in range(1, 33)] + ["".join(p) for n in (1, 2, 3) for p in product(" \t", repeat=n)
                                            if "\t" in p]
NA_VALUES = ["", "NA", "N/A", "n/a", "na", "NaN", "nan", "null", "NULL", "Null", "None", "none",
             "#N/A", "-", "?", ".", *_BLANKS]  # (a lone dot: Stata's and SAS's missing value)


@dataclass
class Table:
    """A parsed CSV and what was noticed while reading it."""

    frame: pd.DataFrame
    path: str = ""
    encoding: str = "utf-8"
    delimiter: str = ","
    decimal: str = "."
    notices: list[str] = field(default_factory=list)
    stamp: tuple = ()  # the file's (size, modification time) when it was read
    chosen: bool = False  # the encoding is the person's choice, not a guess

    @property
    def name(self) -> str:
        return Path(self.path).name if self.path else "data"

    @property
    def source(self) -> CsvSource:
        return CsvSource(self.path, self.encoding, self.delimiter, self.stamp, self.decimal)


def read_csv(path: str | os.PathLike, *, encoding: str | None = None, nrows: int | None = None,
             progress: Progress | None = None, cancel: CancelCheck | None = None,
             infinities_refused: bool = True) -> Table:
    """Parse ``path`` with pandas' C engine after detecting its encoding (unless the person chose it:
    ``encoding``, one of ``sniff.CHOICES``; NotInEncoding if the file is not) and its delimiter.
    ``infinities_refused=False``: a file to predict on, whose columns the model does not read may hold
    'inf' (the model's preprocessing refuses it in those it reads)."""
    path = str(path)
    name = Path(path).name
    if not os.path.isfile(path):
        raise DataError(f"{path} does not exist or is not a file.")
    if os.path.getsize(path) == 0:
        raise DataError(f"{name} is empty.", hint="Choose a CSV file with a header row and data rows.")
    if encoding is not None:
        return _read_as_chosen(path, name, encoding, nrows, progress, cancel, infinities_refused)
    if nrows is not None:
        return _read(path, name, sniff.quick_encoding(path), nrows, progress, cancel, infinities_refused)
    encoding, scanned = sniff.head_encoding(path), False
    if encoding is None:
        encoding, scanned = sniff.detect_encoding(path, cancel), True
    report = Continued(progress) if progress else None
    try:
        return _read(path, name, encoding, nrows, report, cancel, infinities_refused)
    except _NotUTF8:
        if scanned or encoding != "utf-8":
            raise
    # The start was UTF-8 but a later byte is not: the whole file decides, as if it had been scanned first.
    # The progress bar goes on from where the first parse stopped, rather than back to zero.
    return _read(path, name, sniff.detect_encoding(path, cancel), nrows, report and report.again(), cancel,
                 infinities_refused)


class _NotUTF8(DataError):
    """A byte the decoder refuses, met while reading (the message is the one shown if no retry helps)."""


class NotInEncoding(DataError):
    """The file is not in the encoding the person chose."""


def _read_as_chosen(path: str, name: str, encoding: str, nrows: int | None, progress: Progress | None,
                    cancel: CancelCheck | None, infinities_refused: bool) -> Table:
    if encoding == "utf-8" and sniff.head_encoding(path) == "utf-8-sig":
        encoding = "utf-8-sig"  # (its byte-order mark is no character of the header)
    try:
        return _read(path, name, encoding, nrows, progress, cancel, infinities_refused, chosen=True)
    except _NotUTF8:
        raise NotInEncoding(f"{name} is not {sniff.NAMES.get(encoding, encoding)} text: it holds bytes that "
                            f"encoding does not have.", hint="Choose the encoding the file was saved in, or let "
                                                             "DL Studio detect it.") from None


def _read(path: str, name: str, encoding: str, nrows: int | None, progress: Progress | None,
          cancel: CancelCheck | None, infinities_refused: bool, chosen: bool = False) -> Table:
    try:
        with open(path, encoding=encoding, newline="") as f:
            stamp = file_stamp(f.fileno())
            sample = f.read(sniff.SNIFF_BYTES)
    except UnicodeError as exc:  # (UTF-16 without its byte-order mark is a UnicodeError, no position)
        raise _NotUTF8(f"{name} is not consistently {encoding} text (undecodable byte near position "
                        f"{getattr(exc, 'start', 0)} of its start).",
                        hint="Save it as 'CSV UTF-8' in your spreadsheet program and open it again.") from None
    if not sample.strip():
        raise DataError(f"{name} holds only blank lines.", hint="Choose a CSV file with data rows.")
    if "\x00" in sample:
        head = sample[:200]
        if head.count("\x00") >= len(head) // 2 - 1:  # every other byte zero: letters of two bytes each
            raise DataError(f"{name} looks like UTF-16 text without the byte-order mark that says so.",
                            hint="Save it again as 'CSV UTF-8' (or as Unicode text with its byte-order mark).")
        raise DataError(f"{name} looks like a binary file, not a CSV text file.")
    if (hint_line := re.match(r"sep=(.)\r?\n", sample)):  # Excel writes it to name the delimiter
        raise DataError(f"The first line of {name} is 'sep={hint_line.group(1)}', Excel's note of the delimiter, "
                        f"not the header.", hint="Delete that line (the column names must come first) and open "
                                                 "the file again.")
    delimiter = sniff.detect_delimiter(sample)
    try:
        decimal, thousands = sniff.number_format(sample, delimiter)
        header = next(records(io.StringIO(sample, newline=""), delimiter), ([], 0))[0]
    except csv.Error as exc:
        raise DataError(f"{name} could not be parsed: {exc}.",
                        hint="Check the file's quotes and line endings, or save it again as CSV UTF-8.") from None
    source = CsvSource(path, encoding, delimiter, stamp)
    try:
        frame, notices = _parsed(source, name, sample, header, decimal, thousands, nrows, progress, cancel, chosen,
                                 infinities_refused)
    except DataError as exc:
        raise located(exc, source)  # a refusal naming a data row says on which line of the file it is
    return Table(frame, path, encoding, delimiter, decimal, notices, stamp, chosen)


def _parsed(source: CsvSource, name: str, sample: str, header: list[str], decimal: str, thousands: str | None,
            nrows: int | None, progress: Progress | None, cancel: CancelCheck | None,
            chosen: bool, infinities_refused: bool = True) -> tuple[pd.DataFrame, list]:
    """The frame pandas parses, checked, and the notices of how it was read (``chosen``: the encoding
    is the person's choice, not a guess)."""
    path, encoding, delimiter = source.path, source.encoding, source.delimiter
    notices: list[str] = []
    options = dict(sep=delimiter, encoding=encoding, decimal=decimal, thousands=thousands, nrows=nrows)
    as_text = sniff.ungrouped_columns(sample, delimiter, decimal, thousands, len(sample) < sniff.SNIFF_BYTES) \
        if thousands else {}
    if as_text:  # read as text, lest pandas take the separator out of 08.06.2023 (see ungrouped_columns)
        options["dtype"] = {j: str for j in as_text}
    # text late in a column empty at the start: pandas' own parallel read would give up on the file
    in_parts = nrows is None and progress is None and cancel is None and os.path.getsize(path) >= \
        split_read.MIN_BYTES and text_after_empty_start(path, encoding, delimiter, sample, NA_VALUES)
    if _first_row_longer(sample, delimiter, header, name):
        frame = _parse_trailing_delimiter(path, name, options, progress, cancel, in_parts)
        notices.append("The data rows end with one more (empty) field than the header has; that empty "
                       "last field was ignored (a trailing delimiter?).")
    else:
        frame = _parse(path, name, options, progress, cancel, in_parts)
    if decimal == ",":
        notices.append("Decimal commas detected (1,5 = 1.5); numbers were read accordingly.")
    if thousands:
        notices.append(f"Thousands separators ('{thousands}') detected and removed from numbers.")
    for j, cell in as_text.items():
        column = header[j].strip() if j < len(header) else f"number {j + 1}"
        notices.append(f"Column '{column}' was read as text, not numbers: it holds {cell}, where "
                       f"'{thousands}' does not separate groups of three digits (a date or a version?).")
    if delimiter != ",":
        notices.append(f"Delimiter detected: {sniff.delimiter_name(delimiter)}.")
    notices += _encoding_notice(encoding, chosen)
    frame = _tidy(frame, header, name, notices)
    frame = stray_text_as_missing(frame, decimal, thousands, notices, keep=[frame.columns[j] for j in as_text
                                                                            if j < len(frame.columns)])
    if nrows is None:  # (a preview's last row is not the file's)
        frame = without_totals_row(frame, notices)
    with workers(frame.size) as pool:
        # on the worker threads while the checks below run
        infinities = look_for_infinities(frame, pool) if infinities_refused else []
        if len(frame.columns) > 1 and has_missing(frame.iloc[:, -1]):
            notices += short_rows_notice(path, encoding, delimiter, len(header), cancel)
        if frame.shape[1] == 1 and nrows is None:
            notices.append("The file parsed to a single column. If it should have more, check its delimiter "
                           "(comma, semicolon, tab or pipe are recognised).")
        if len(frame) == 0:
            raise DataError(f"{name} has a header but no data rows.", hint="Add rows of data below the header.")
        refuse_infinities(frame, name, infinities)
    return frame, notices


def _parse(path: str, name: str, options: dict, progress: Progress | None, cancel: CancelCheck | None,
           in_parts: bool = False) -> pd.DataFrame:
    common = dict(engine="c", na_values=NA_VALUES, keep_default_na=True, skip_blank_lines=True, **options)
    headless = progress is None and cancel is None
    # Headless (CLI, scripts), pandas gets the path and its low-memory mode, which parses a big file on
    # a thread per core (0.8 s against 1.9 s for 1M rows here); if its chunks disagree on a column's
    # type, the file is parsed again in parts (where a part empty in a column is all they disagree
    # on) or whole; ``in_parts`` (``late_text`` expects that) goes to the parts at once. With progress or
    # Cancel asked for (the window), the file is read through file objects that report each chunk: in
    # parts on two threads for a big file (``split_read``), else whole.
    reader = None
    try:
        if headless and in_parts:
            frame = read_parts(path, common, None, None)
            return frame if frame is not None else pd.read_csv(path, low_memory=False, **common)
        if headless:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", pd.errors.DtypeWarning)
                frame = pd.read_csv(path, low_memory=True, **common)
            if any(issubclass(w.category, pd.errors.DtypeWarning) for w in caught):
                frame = read_parts(path, common, None, None)
                if frame is None:
                    frame = pd.read_csv(path, low_memory=False, **common)
            return frame
        frame = read_parts(path, common, progress, cancel)
        if frame is not None:
            return frame
        reader = ProgressReader(path, progress, cancel)
        return pd.read_csv(io.BufferedReader(reader, 1 << 18), low_memory=False, **common)
    except Cancelled:
        raise
    except pd.errors.EmptyDataError:
        raise DataError(f"{name} has no columns.", hint="The first line must name the columns.") from None
    except pd.errors.ParserError as exc:
        raise DataError(f"{name} could not be parsed: {_parser_message(str(exc))}",
                        hint="Each row must have as many fields as the header. Fix that line "
                             "(a missing quote or an extra delimiter) and open the file again.") from None
    except UnicodeError as exc:
        raise _NotUTF8(f"{name} could not be read: {exc}") from None
    except ValueError as exc:
        raise DataError(f"{name} could not be read: {exc}") from None
    except OSError as exc:
        raise DataError(f"{name} could not be read: {exc.strerror or exc}.",
                        hint="Check that the file is still there and that you may read it.") from None
    finally:
        if reader is not None:
            reader.close()


_EXTRA = "\x00extra"  # the name given to a trailing delimiter's empty field while it is checked


def _encoding_notice(encoding: str, chosen: bool) -> list[str]:
    """How the text was read, when it is not UTF-8 (a guess the person may correct)."""
    named = sniff.NAMES.get(encoding, encoding)
    if chosen:
        return [] if encoding.startswith("utf-8") else [f"Read as {named} text, as chosen."]
    if encoding.startswith("utf") or encoding not in sniff.NAMES:
        return []
    why = "its accented letters are not Chinese characters" if encoding == sniff.WESTERN else \
        "its letters read as that language" if encoding in east_asian.NAMES else "its characters read as Chinese"
    return [f"Read as {named} text: the file is not UTF-8, and {why}. If its text looks wrong, choose the "
            f"encoding it was saved in."]


def _first_row_longer(sample: str, delimiter: str, header: list[str], name: str) -> bool:
    """A first data row longer than the header makes pandas take the first column for an index and
    shift every column by one, silently. True when the extra field is empty (a trailing delimiter, to
    be dropped); a refusal naming the line when it holds data."""
    rows = records(io.StringIO(sample, newline=""), delimiter)
    next(rows, None)
    for row, line in rows:
        if len(row) <= len(header):
            return False
        if len(row) == len(header) + 1 and not row[-1].strip():
            return True
        raise DataError(f"{name} could not be parsed: line {line} has {len(row)} fields, but the "
                        f"header has {len(header)}.", hint="Name every column in the header (the first "
                                                           "line), or remove the extra delimiters.")
    return False


def _parse_trailing_delimiter(path, name, options, progress, cancel, in_parts: bool) -> pd.DataFrame:
    names = list(_parse(path, name, dict(options, nrows=0), None, None).columns) + [_EXTRA]
    frame = _parse(path, name, dict(options, names=names, header=0), progress, cancel, in_parts)
    filled = frame[_EXTRA].notna().to_numpy()
    if filled.any():
        row = int(filled.argmax())
        raise DataError(f"{name} could not be parsed: data row {row + 1} has {len(names)} fields, but the "
                        f"header has {len(names) - 1}.", row=row, hint="Each row must have as many fields as "
                                                              "the header. Fix that row and open the file again.")
    return frame.drop(columns=_EXTRA)


def _parser_message(text: str) -> str:
    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
    if m:
        return f"line {m.group(2)} has {m.group(3)} fields, but the header has {m.group(1)}."
    return text.replace("Error tokenizing data. C error: ", "")


def _tidy(frame: pd.DataFrame, header: list[str], name: str, notices: list[str]) -> pd.DataFrame:
    seen: dict[str, int] = {}
    for h in header:
        seen[h.strip()] = seen.get(h.strip(), 0) + 1
    dupes = [h for h, n in seen.items() if n > 1]
    if dupes:
        notices.append(f"Duplicate column names: {', '.join(dupes)}. They were kept apart as "
                       f"'{dupes[0]}', '{dupes[0]}.1', …; rename them in the file if that matters.")
    frame.columns = column_names(frame.columns)
    unnamed = [c for c in frame.columns if c.startswith("Unnamed: ")]
    unnamed_empty = [c for c in unnamed if frame[c].isna().all()] if len(unnamed) < 100 else \
        [c for c in _empty_columns(frame) if c in set(unnamed)]
    if unnamed_empty:
        frame = frame.drop(columns=unnamed_empty)
        notices.append(f"Dropped {len(unnamed_empty)} empty unnamed column(s) (a trailing delimiter?).")
    empty = _empty_columns(frame)
    if empty:
        notices.append(f"Column(s) {', '.join(map(repr, empty))} hold no values.")  # (what that means: its use's)
    return frame


def _empty_columns(frame: pd.DataFrame) -> list[str]:
    """Columns holding no value. A column whose first cell holds one is not empty, so only the others
    are scanned (a text column's isna costs ~20 ms a million rows; most files have no empty column)."""
    if not len(frame):
        return []
    candidates = np.flatnonzero(pd.isna(frame.iloc[0].to_numpy()))
    if not len(candidates):
        return []
    empty = frame.iloc[:, candidates].isna().all().to_numpy()
    return [frame.columns[i] for i in candidates[empty]]
