"""What a CSV file is written in, guessed from its bytes before pandas parses it: the encoding
(UTF-8, with or without BOM, else Windows-1252, GB18030, Big5, Shift-JIS or EUC-KR; never decoded
with replacement), the delimiter, and how numbers are written (decimal commas, thousands separators)."""
from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import east_asian
from .errors import Cancelled, DataError
from .read_progress import CancelCheck

DELIMITERS = (",", ";", "\t", "|")
SNIFF_BYTES = 64 * 1024  # the start of a file that the guesses look at
_CHUNK = 1 << 20
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_DECIMAL_POINT = re.compile(r"^-?\d+\.\d+$")
# (a group of thousands never starts with 0: 0,125 and 0.125 are decimals)
_AMBIGUOUS = re.compile(r"^-?[1-9]\d{0,2}[.,]\d{3}$")  # 1,234 or 1.234: a thousand, or one and a bit
_NUMBER_LIKE = re.compile(r"^[-+]?[\d.,]*\d[\d.,]*([eE][-+]?\d+)?$")  # (2.1E-05 too)
_ROWS_LOOKED_AT = 200  # rows a look: the next ones are read only while no number has said how it is written
# 1.234,5 or 1.234.567: dots group thousands (a decimal point never appears twice), comma decimal
_EU_GROUPED = re.compile(r"^-?[1-9]\d{0,2}((\.\d{3})+,\d+|(\.\d{3}){2,})$")
_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$")


WESTERN = "cp1252"  # Windows' Western European code page: what Excel saves as "CSV" there (Latin-1 and more)
# what a person may choose when the guess is wrong (Python's names), and how they are called
CHOICES = ("utf-8", WESTERN, "gb18030", east_asian.BIG5, east_asian.JAPANESE, east_asian.KOREAN)
NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (with BOM)", "utf-16": "UTF-16",
         WESTERN: "Windows-1252 (Western European)", "gb18030": "GB18030 (Chinese)", **east_asian.NAMES}
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]+")
_LATIN_LETTERS = re.compile(r"[\xc0-\xd6\xd8-\xf6\xf8-\xff]{1,2}")  # À…ÿ but × and ÷, one or two of them
_QUOTE = re.compile(r"[\x85\x91-\x97]")  # Windows-1252's curly quotes, dashes and ellipsis (’ – …)


def detect_encoding(path: str | os.PathLike, cancel: CancelCheck | None = None) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, GB18030, Big5, Shift-JIS or EUC-KR, whichever the text
    looks like and decodes as, else refuse: never decode with replacement."""
    with open(path, "rb") as f:
        head = f.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return "utf-16"

        def chunks():
            f.seek(0)
            while chunk := f.read(_CHUNK):
                if cancel and cancel():
                    raise Cancelled("Loading was cancelled; nothing was changed.")
                yield chunk

        encoding, where, damaged = _choose(chunks, final=True)
    if encoding:
        return encoding
    what = f"UTF-8 text but holds a byte that is not, near position {where} (a damaged file, or text " \
        f"pasted from another encoding)" if damaged else \
        f"neither UTF-8, Windows-1252, GB18030, Big5, Shift-JIS nor EUC-KR text (undecodable byte near position {where})"
    raise DataError(f"{Path(path).name} is {what}.",
                    hint="Save it as 'CSV UTF-8' in your spreadsheet program and open it again.")


def _choose(chunks, final: bool) -> tuple[str | None, int, bool]:
    """(the encoding, or None, where the last one tried failed, and whether the bytes are UTF-8 but for
    a few) for the bytes ``chunks()`` yields; ``final``: they are the whole file (else a character
    cut at their end is no fault)."""
    utf8 = _decoding(chunks, "utf-8", final)
    if utf8.ok:
        return "utf-8", -1, False
    if utf8.good >= 4 * utf8.bad:  # mostly good UTF-8 with a bad byte: damaged, not another encoding
        return None, utf8.where, True
    tried = None
    for encoding in _candidates(chunks):
        tried = _decoding(chunks, encoding, final)
        if tried.ok:
            return encoding, -1, False
    return None, tried.where, False


def _candidates(chunks):
    """The encodings to try, the likeliest first (the East Asian guess only if Windows-1252 fails)."""
    western = _looks_western(chunks)
    if western:
        yield WESTERN
    yield from east_asian.east_asian(chunks)
    if not western:
        yield WESTERN


def _looks_western(chunks) -> bool:
    """Whether most runs of bytes past ASCII, read as Latin-1, are one or two accented letters beside
    an ASCII letter (Zürich, São, Größe, Évry): Chinese characters, two such bytes each, read so as
    symbols or as runs of several (张伟 as ÕÅÎ°); counted in the first SAMPLE_RUNS runs. Measured on
    Western and Chinese files: 1.0 for every Western file, at most 0.29 for a Chinese one. Or whether
    nearly all are such letters or a lone curly quote, dash or ellipsis after an ASCII letter (O’Brien,
    don’t): in Japanese and Chinese text a lone byte there starts a character whose second byte is
    ASCII (2023年度 is 2023”N“x), seldom nine runs in ten and seldom after a Latin letter."""
    runs = western = quotes = 0
    for chunk in chunks():
        if chunk.isascii():
            continue
        text = chunk.decode("latin-1")
        for run in _BEYOND_ASCII.finditer(text):
            a, b = run.span()
            runs += 1
            after_letter = a > 0 and text[a - 1].isascii() and text[a - 1].isalpha()
            western += bool(_LATIN_LETTERS.fullmatch(run.group())) and (
                after_letter or (b < len(text) and text[b].isascii() and text[b].isalpha()))
            quotes += after_letter and bool(_QUOTE.fullmatch(run.group()))
        if runs >= SAMPLE_RUNS:
            break
    return runs > 0 and (2 * western >= runs or western + quotes >= 0.9 * runs)


@dataclass
class _Decoding:
    ok: bool = True
    where: int = -1  # the position of the first undecodable byte
    good: int = 0  # UTF-8 only: the bytes of its characters past ASCII, beyond their first, before ``where``
    bad: int = 0  # UTF-8 only: the bytes it could not decode in the chunk that holds ``where``


SAMPLE_RUNS = 10_000  # enough to tell a Chinese text from a Western one


def _decoding(chunks, encoding: str, final: bool) -> _Decoding:
    """Decodes what ``chunks()`` yields; the ASCII chunks (most of a big file) are skipped, as every
    encoding here reads them alike."""
    out, decoder, offset = _Decoding(), codecs.getincrementaldecoder(encoding)(), 0
    try:
        for chunk in chunks():
            offset += len(chunk)
            if chunk.isascii() and not decoder.getstate()[0]:  # (no character begun in the last chunk)
                continue
            out.good += len(chunk) - len(decoder.decode(chunk))
        if final:
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        out.ok, out.where = False, offset - len(chunk) + max(exc.start, 0)
        if encoding == "utf-8":  # how much of that chunk is good UTF-8, how much not
            again = chunk.decode("utf-8", errors="replace")
            out.bad = again.count("\ufffd")
            out.good += len(chunk) - len(again)  # (a replaced byte is one character: no extra byte)
    return out


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
    """The encoding of the file's first SNIFF_BYTES, as ``detect_encoding`` chooses (UTF-8 if none)."""
    with open(path, "rb") as f:
        head = f.read(SNIFF_BYTES)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    return _choose(lambda: iter([head]), final=False)[0] or "utf-8"


def number_format(sample: str, delimiter: str) -> tuple[str, str | None]:
    """(decimal, thousands) from the sample's cells. In a non-comma file, numbers written 1,5 or 1.234,5
    and none more written 1.5 mean decimal commas (prices mostly whole, 12 and now and then 8,2, have
    few), and dots then group thousands where a number is written 1.234; in a comma file, '1,234,567'
    (quoted) means thousands separators. A lone 1,234 or 1.234 is a thousand or one and a bit: it counts
    for neither, but in a semicolon file, which Excel writes where the decimal mark is a comma, 1,234
    counts as a decimal comma. The rows are read 200 at a time until a number has said it."""
    if delimiter == "," and '"' not in sample:
        return ".", None  # (in a comma file a number holding a comma is quoted: none is)
    rows = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    next(rows, None)  # (the header)
    cells: list[str] = []
    while True:
        batch = list(itertools.islice(rows, _ROWS_LOOKED_AT))
        cells += [c.strip() for row in batch for c in row if "," in c or "." in c]
        found = _written(cells, delimiter)
        if found is not None or not batch:
            return found or (".", None)


def _written(cells: list[str], delimiter: str) -> tuple[str, str | None] | None:
    """``number_format`` of these cells, or None while none of them says."""
    if delimiter != ",":
        lean = delimiter == ";"
        european = sum(bool(_EU_GROUPED.match(c)) for c in cells)
        commas = european + sum(1 for c in cells if _DECIMAL_COMMA.match(c) and (lean or not _AMBIGUOUS.match(c)))
        points = sum(1 for c in cells if _DECIMAL_POINT.match(c) and not _AMBIGUOUS.match(c))
        if commas and commas >= points:
            dotted = european or any("." in c and _AMBIGUOUS.match(c) for c in cells)
            return ",", ("." if dotted else None)
        if points:
            return ".", ("," if any("," in c and _THOUSANDS.match(c) for c in cells) else None)
    if any("," in c and _THOUSANDS.match(c) for c in cells):
        return ".", ","
    return None


def ungrouped_columns(sample: str, delimiter: str, decimal: str, thousands: str, whole: bool) -> dict[int, str]:
    """The columns where a number-like cell of the sample (digits, dots and commas) holds the thousands
    separator other than in a number grouped in threes (08.06.2023, 1.14.7, or 3,5 in a file of 1,200s),
    each with its first such cell: pandas would remove the separator from every number-like cell and
    read 8062023, so these columns are read as text. ``whole``: the sample is the whole file (else its
    last line may be cut)."""
    fraction = rf"{re.escape(decimal)}\d+"
    grouped = re.compile(rf"^[-+]?[1-9]\d{{0,2}}({re.escape(thousands)}\d{{3}})+({fraction})?$")
    rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))[1:]
    found: dict[int, str] = {}
    for row in rows if whole else rows[:-1]:
        for j, cell in enumerate(row):
            cell = cell.strip()
            if j not in found and thousands in cell and _NUMBER_LIKE.match(cell) and not grouped.match(cell):
                found[j] = cell
    return found


def delimiter_name(d: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}[d]
