"""What a CSV file is written in, guessed from its bytes before pandas parses it: the encoding
(UTF-8, with or without BOM, else GB18030 or Windows-1252; never decoded with replacement), the
delimiter, and how numbers are written (decimal commas, thousands separators)."""
from __future__ import annotations

import codecs
import csv
import io
import os
import re
from pathlib import Path

import numpy as np

from .errors import Cancelled, DataError
from .read_progress import CancelCheck

DELIMITERS = (",", ";", "\t", "|")
SNIFF_BYTES = 64 * 1024  # the start of a file that the guesses look at
_CHUNK = 1 << 20
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
# 1.234,5 or 1.234.567: dots group thousands (a decimal point never appears twice), comma decimal
_EU_GROUPED = re.compile(r"^-?\d{1,3}((\.\d{3})+,\d+|(\.\d{3}){2,})$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


WESTERN = "cp1252"  # Windows' Western European code page: what Excel saves as "CSV" there (Latin-1 and more)


def detect_encoding(path: str | os.PathLike, cancel: CancelCheck | None = None) -> str:
    """UTF-8 (with or without BOM), else GB18030 or Windows-1252, whichever the bytes look like and
    decode as, else refuse: never decode with replacement."""
    with open(path, "rb") as f:
        head = f.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return "utf-16"
        f.seek(0)
        utf8 = codecs.getincrementaldecoder("utf-8")()
        ok_utf8 = True
        while chunk := f.read(_CHUNK):
            if cancel and cancel():
                raise Cancelled("Loading was cancelled; nothing was changed.")
            if chunk.isascii():
                continue  # the common case: ASCII is valid in every encoding we accept
            try:
                utf8.decode(chunk)
            except UnicodeDecodeError:
                ok_utf8 = False
                break
        if ok_utf8:
            try:
                utf8.decode(b"", final=True)
                return "utf-8"
            except UnicodeDecodeError:
                pass
        f.seek(0)
        tally = np.zeros(2, dtype=np.int64)
        while chunk := f.read(_CHUNK):
            tally += _high_bytes(chunk)
        for encoding in _candidates(*tally):
            f.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)()
            try:
                while chunk := f.read(_CHUNK):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
                return encoding
            except UnicodeDecodeError as exc:
                where = exc.start
    raise DataError(f"{Path(path).name} is neither UTF-8, GB18030 nor Windows-1252 text "
                    f"(undecodable byte near position {where}).",
                    hint="Save it as 'CSV UTF-8' in your spreadsheet program and open it again.")


def _high_bytes(data: bytes) -> np.ndarray:
    """[bytes ≥ 0x80 with an ASCII byte on each side, runs of bytes ≥ 0x80]. A Chinese character is
    two bytes ≥ 0x80 in GB18030 (the common ones); an accented letter of Windows-1252 is one, most
    often between ASCII letters (Zürich: 0xFC between 'Z' and 'r', which GB18030 reads as 黵)."""
    high = np.frombuffer(data, dtype=np.uint8) >= 0x80
    before, after = np.empty_like(high), np.empty_like(high)
    before[0], before[1:] = False, high[:-1]
    after[-1], after[:-1] = False, high[1:]
    starts = high & ~before
    return np.array([np.count_nonzero(starts & ~after), np.count_nonzero(starts)])


def _candidates(lone: int, runs: int) -> tuple[str, str]:
    """The two encodings to try after UTF-8, the likelier first: mostly lone bytes ≥ 0x80 → Windows-1252."""
    return (WESTERN, "gb18030") if 2 * lone > runs else ("gb18030", WESTERN)


def detect_delimiter(sample: str) -> str:
    """The delimiter giving the most lines with the same, largest number of fields."""
    lines = [ln for ln in sample.splitlines()[:50] if ln.strip()]
    if len(lines) > 1 and not sample.endswith("\n"):
        lines = lines[:-1]  # the sample may cut the last line short
    best, best_score = ",", (0, 0)
    for delim in DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delim)]
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        score = (counts.count(common) if common > 1 else 0, common)
        if score > best_score:
            best, best_score = delim, score
    return best


def head_encoding(path) -> str | None:
    """The encoding a BOM names, or UTF-8 when the file's start decodes as UTF-8: pandas then decodes
    every field strictly, so a later byte that is not UTF-8 raises (``_NotUTF8``) and the whole file is
    scanned only then, instead of before every read (a second pass over a big file). None: not UTF-8."""
    with open(path, "rb") as f:
        head = f.read(SNIFF_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start <= len(head) - 4:  # (a character cut by the sample's end is no fault)
            return None
    return "utf-8"


def quick_encoding(path) -> str:
    with open(path, "rb") as f:
        head = f.read(SNIFF_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for enc in ("utf-8",) + _candidates(*_high_bytes(head)) if head else ("utf-8",):
        try:
            head.decode(enc)
            return enc
        except UnicodeDecodeError as exc:
            if exc.start > len(head) - 4:  # a character cut by the sample's end
                return enc
    return "utf-8"


def number_format(sample: str, delimiter: str) -> tuple[str, str | None]:
    """(decimal, thousands) from the sample's cells: '1,5' or '1.234,5' in a non-comma file means
    decimal commas; '1,234,567' (quoted, in a comma file) means thousands separators."""
    rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))[1:50]
    cells = [c.strip() for row in rows for c in row]
    if delimiter != ",":
        european = sum(bool(_EU_GROUPED.match(c)) for c in cells)
        decimal_commas = european + sum(bool(_DECIMAL_COMMA.match(c)) for c in cells)
        if decimal_commas >= max(1, len(rows) // 2):
            return ",", ("." if european else None)
    if any(_THOUSANDS.match(c) for c in cells):
        return ".", ","
    return ".", None


def delimiter_name(d: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}[d]
