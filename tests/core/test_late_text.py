"""A column empty at a file's start that holds text at its end (``late_text``): the sign that pandas'
parallel read would give up, so a script's read goes to the parts reader at once."""
from __future__ import annotations

import pytest

from dlstudio.core.late_text import TAIL_BYTES, text_after_empty_start
from dlstudio.core.table import NA_VALUES


def check(write_csv, body: str, sample_bytes: int = 2000) -> bool:
    path = write_csv(body)
    with open(path, encoding="utf-8", newline="") as f:
        sample = f.read(sample_bytes)
    return text_after_empty_start(path, "utf-8", ",", sample, NA_VALUES)


def rows(n: int, last: str = "", at_end: int = 5) -> str:
    """n rows of a, b, note; the last ``at_end`` rows hold ``last`` in the notes column."""
    return "a,b,note\n" + "".join(f"{i},{i * 2},{last if i >= n - at_end else ''}\n" for i in range(n))


@pytest.mark.parametrize("value, expected", [
    ("see the invoice", True),  # text
    ("True", True),  # booleans: pandas types the column bool in that chunk
    ("12.5", False),  # numbers: every chunk's decimals agree
    ("-", False),  # a missing-value marker
])
def test_what_the_end_of_an_empty_column_holds(write_csv, value, expected):
    assert check(write_csv, rows(20_000, value)) is expected


def test_no_column_empty_at_the_start_is_not_looked_at_further(write_csv):
    body = "a,note\n" + "".join(f"{i},x\n" for i in range(20_000))
    assert check(write_csv, body) is False


def test_a_column_empty_throughout_is_not_a_sign(write_csv):
    assert check(write_csv, rows(20_000, "", at_end=0)) is False


def test_text_before_the_last_64_kib_is_not_seen(write_csv):
    body = rows(40_000, "")
    lines = body.splitlines(keepends=True)
    lines[1000] = lines[1000].rstrip("\n") + "text\n"  # past the sample, far from the end
    assert len("".join(lines[:1000])) > 2000 and len("".join(lines[1001:])) > TAIL_BYTES
    assert check(write_csv, "".join(lines)) is False


def test_a_sample_that_is_the_whole_file_needs_no_second_look(write_csv):
    assert check(write_csv, "a,note\n1,\n2,\n", sample_bytes=64 * 1024) is False


def test_a_cut_last_line_of_the_sample_is_not_counted(write_csv):
    # the sample ends inside a row's note ("te" of "text"): that row is left out, the note column is
    # empty in the rows the sample holds whole, and the text at the file's end decides
    start = "a,note\n" + "1,\n" * 3 + "2,text\n"
    body = start + "".join(f"{i},\n" for i in range(20_000)) + "3,late\n"
    assert check(write_csv, body, sample_bytes=len(start) - 3) is True
