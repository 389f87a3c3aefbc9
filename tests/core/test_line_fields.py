"""Short rows counted on the raw bytes: the rows, lines and field counts the csv module finds."""
from __future__ import annotations

import numpy as np
import pytest

from dlstudio.core import line_fields
from dlstudio.core.line_fields import short_lines
from dlstudio.core.short_rows import short_rows_parsed


def messy_lines(n: int, seed: int, width: int = 4, delimiter: str = ",") -> str:
    rng = np.random.default_rng(seed)
    lines = [delimiter.join(f"h{j}" for j in range(width))]
    for i in range(n):
        kind = rng.integers(0, 10)
        if kind == 0:
            lines.append("")  # blank: skipped, as pandas skips it
        elif kind == 1:
            lines.append(delimiter.join(str(i) for _ in range(rng.integers(1, width))))  # short
        elif kind == 2:
            lines.append(delimiter.join("" for _ in range(width)))  # every field empty: not short
        else:
            lines.append(delimiter.join(f"{i}.{j}" for j in range(width)))
    return "\n".join(lines)


@pytest.mark.parametrize("block", [7, 64, 1 << 20])
@pytest.mark.parametrize("ending", ["\n", "\r\n"])
@pytest.mark.parametrize("last_newline", [True, False])
def test_the_bytes_give_the_short_rows_the_csv_module_finds(write_csv, monkeypatch, block, ending, last_newline):
    monkeypatch.setattr(line_fields, "BLOCK_BYTES", block)  # lines cut by block ends, and lines longer than a block
    text = messy_lines(300, seed=block).replace("\n", ending) + (ending if last_newline else "")
    path = write_csv(text)
    expected = short_rows_parsed(path, "utf-8", ",", 4, None, limit=1_000)
    assert len(expected) > 20  # the file has short rows to find
    assert short_lines(path, "utf-8", ",", 4, limit=1_000, max_bytes=1 << 30) == expected
    assert short_lines(path, "utf-8", ",", 4, limit=5, max_bytes=1 << 30) == expected[:5]


def test_a_short_last_line_without_its_line_end_is_found(write_csv):
    path = write_csv("a;b;c\n1;2;3\n4;5")
    assert short_lines(path, "utf-8", ";", 3, limit=5, max_bytes=1 << 20) == [(3, 2)]


def test_only_whole_lines_within_the_byte_limit_are_looked_at(write_csv):
    path = write_csv("a,b\n" + "1,2\n" * 1_000 + "3\n")  # the short row starts at byte 4,004
    assert short_lines(path, "utf-8", ",", 2, limit=5, max_bytes=4_005) == []
    assert short_lines(path, "utf-8", ",", 2, limit=5, max_bytes=4_006) == [(1_002, 1)]


@pytest.mark.parametrize("text, encoding, delimiter", [
    ('a,b\n"x,y",1\n2\n', "utf-8", ","),  # a quote: a delimiter may be inside a field
    ("a,b\n1,2\n", "utf-16", ","),  # two bytes a character
    ("a,b\n1,2\n", "gb18030", ","),  # not looked at as bytes (a '|' byte can be half of a character)
])
def test_what_the_bytes_cannot_say_is_left_to_the_csv_module(write_csv, text, encoding, delimiter):
    assert short_lines(write_csv(text, encoding=encoding), encoding, delimiter, 2, 5, 1 << 20) is None
