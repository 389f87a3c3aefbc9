"""The window's read of a big file in parts on two threads: the same frame as one parse of the whole
file, with progress and Cancel; where parts cannot give that frame, the whole file is parsed."""
from __future__ import annotations

import threading

import numpy as np
import pandas as pd
import pytest

from dlstudio.core import split_read, workers
from dlstudio.core.errors import Cancelled, DataError
from dlstudio.core.table import NA_VALUES, read_csv

OPTIONS = dict(engine="c", na_values=NA_VALUES, keep_default_na=True, skip_blank_lines=True, sep=",",
               encoding="utf-8", decimal=".", thousands=None)


@pytest.fixture(autouse=True)
def small_files_in_parts(monkeypatch):
    monkeypatch.setattr(split_read, "MIN_BYTES", 0)
    monkeypatch.setattr(workers, "PARALLEL_CELLS", 0)  # two threads, whatever the size


def window_read(path):
    """table.read_csv as the window calls it, and the progress it reported."""
    seen: list[float] = []
    return read_csv(path, progress=seen.append, cancel=lambda: False), seen


def mixed_rows(n: int) -> str:
    rng = np.random.default_rng(0)
    lines = []
    for i in range(n):
        price = "" if i % 97 == 0 else f"{rng.normal(50, 20):.4f}"
        note = '"says ""hi"", then\nleaves"' if i % 13 == 0 else ("NA" if i % 17 == 0 else f"note {i % 5}")
        lines.append(f"{i},{price},{['red', 'green', 'blue'][i % 3]},{note},{i % 2 == 0}\n")
    return "".join(lines)


def test_a_file_read_in_parts_is_the_whole_file_parse(write_csv):
    path = write_csv("\ufeffid,price,colour,note,even\n" + mixed_rows(6_000), encoding="utf-8")
    options = dict(OPTIONS, encoding="utf-8-sig")
    seen: list[float] = []
    frame = split_read.read_parts(str(path), options, seen.append, None)
    assert frame is not None  # read in parts, not handed back
    whole = pd.read_csv(path, **options)
    pd.testing.assert_frame_equal(frame, whole, check_exact=True)
    assert list(frame.columns) == ["id", "price", "colour", "note", "even"]
    assert frame["note"].iloc[13] == 'says "hi", then\nleaves' and np.isnan(frame["price"].iloc[97])
    assert len(seen) >= split_read.PARTS and seen == sorted(seen) and seen[-1] == 1.0


def test_the_window_and_a_script_read_the_same_frame(write_csv):
    path = write_csv("id,price,colour,note,even\n" + mixed_rows(6_000))
    table, seen = window_read(path)
    pd.testing.assert_frame_equal(table.frame, read_csv(path).frame, check_exact=True)
    assert seen[-1] == 1.0


def test_a_cut_inside_a_quoted_field_makes_the_whole_file_parse(write_csv):
    cell = "".join(f"line {j} of the cell\n" for j in range(400))
    body = "".join(f'{i},"{cell}"\n' for i in range(8))
    path = write_csv("n,text\n" + body)  # nearly every line end is inside a quoted field
    assert split_read.read_parts(str(path), OPTIONS, None, None) is None
    table, _ = window_read(path)
    assert len(table.frame) == 8 and table.frame["text"].iloc[3].count("\n") == 400


def test_parts_that_read_a_column_differently_make_the_whole_file_parse(write_csv):
    rows = [f"{i},{i}\n" for i in range(4_000)] + [f"{i},code {i}\n" for i in range(4_000, 4_100)]
    path = write_csv("n,v\n" + "".join(rows))  # 'v' is numbers in the first parts, text in the last
    assert split_read.read_parts(str(path), OPTIONS, None, None) is None
    table, _ = window_read(path)
    assert table.frame["v"].iloc[0] == "0" and table.frame["v"].iloc[-1] == "code 4099"  # text throughout


def test_integers_in_one_part_and_decimals_in_another_join_as_decimals(write_csv):
    rows = [f"{i},{i}\n" for i in range(4_000)] + [f"{i},{i}.5\n" for i in range(4_000, 4_100)]
    path = write_csv("n,v\n" + "".join(rows))
    frame = split_read.read_parts(str(path), OPTIONS, None, None)
    assert frame is not None and frame["v"].dtype == np.float64
    pd.testing.assert_frame_equal(frame, pd.read_csv(path, **OPTIONS), check_exact=True)


def test_a_bad_row_in_a_later_part_is_named_by_its_line_in_the_file(write_csv):
    rows = [f"{i},{i}\n" for i in range(8_000)]
    rows[7_000] = "7000,1,2\n"  # line 7002 of the file, in the last part
    path = write_csv("a,b\n" + "".join(rows))
    with pytest.raises(DataError) as info:
        window_read(path)
    assert "line 7002 has 3 fields, but the header has 2" in str(info.value)


def test_cancel_stops_every_part(write_csv):
    path = write_csv("a,b\n" + "".join(f"{i},{i * 2}\n" for i in range(200_000)))
    before = threading.active_count()
    reports = []
    with pytest.raises(Cancelled):
        read_csv(path, progress=reports.append, cancel=lambda: len(reports) >= 2)
    assert threading.active_count() == before  # no part is still reading
    assert reports[-1] < 0.5


def test_a_late_gb18030_byte_in_a_part_reads_the_file_as_gb18030(write_csv):
    text = "name,n\n" + "".join(f"row{i},{i}\n" for i in range(100_000)) + "张三,7\n"
    table, seen = window_read(write_csv(text, encoding="gb18030"))
    assert table.encoding == "gb18030" and table.frame["name"].iloc[-1] == "张三"
    assert len(table.frame) == 100_001 and seen == sorted(seen) and seen[-1] == 1.0



def test_a_column_whose_chunks_disagree_inside_a_part_makes_the_whole_file_parse(write_csv):
    # pandas parses a part 8,192 rows at a time at this width: each part's second chunk has text in
    # 'c0' where its first has numbers (so every part joins to the same mixed column)
    header = ",".join(f"c{j}" for j in range(64))
    rows = [",".join([f"code {i}" if (j == 0 and 9_000 <= i % 10_000 < 9_010) else str(i + j) for j in range(64)])
            for i in range(40_000)]
    path = write_csv(header + "\n" + "\n".join(rows) + "\n")
    assert split_read.read_parts(str(path), OPTIONS, None, None) is None
    table, _ = window_read(path)  # the whole file parsed at once: 'c0' is text throughout, as a script reads it
    pd.testing.assert_frame_equal(table.frame, read_csv(path).frame, check_exact=True)
    assert table.frame["c0"].iloc[9_000] == "code 9000" and table.frame["c0"].iloc[0] == "0"


def test_the_decimal_columns_are_joined_into_one_block_as_pandas_lays_out_a_file_read_by_path(write_csv):
    rng = np.random.default_rng(0)
    values = rng.normal(size=(6_000, 3))
    path = write_csv("a,b,kind,c\n" + "".join(f"{x:.6f},{y:.6f},{'pq'[i % 2]},{z:.6f}\n"
                                                for i, (x, y, z) in enumerate(values)))
    frame = split_read.read_parts(str(path), OPTIONS, None, None)
    assert frame is not None
    pd.testing.assert_frame_equal(frame, pd.read_csv(path, **OPTIONS), check_exact=True)
    # one 2-D array: the three columns as a matrix without a copy (what prepare gathers rows from)
    assert np.shares_memory(frame[["a", "b", "c"]].to_numpy(), frame["a"].to_numpy())


def test_true_false_with_missing_values_is_read_in_parts(write_csv):
    rows = "".join(f"{i},{'' if i % 7 == 0 else ('True' if i % 2 else 'False')}\n" for i in range(8_000))
    path = write_csv("n,flag\n" + rows)
    frame = split_read.read_parts(str(path), OPTIONS, None, None)
    assert frame is not None  # objects, but all booleans: the parts agree with the whole parse
    pd.testing.assert_frame_equal(frame, pd.read_csv(path, **OPTIONS), check_exact=True)
    assert frame["flag"].dtype == object and pd.isna(frame["flag"].iloc[0]) and bool(frame["flag"].iloc[1])


def test_without_pandas_3s_block_constructor_the_parts_are_joined_by_concat(write_csv, monkeypatch):
    monkeypatch.setattr(split_read, "_from_blocks", None)  # pandas 2
    path = write_csv("id,price,colour,note,even\n" + mixed_rows(6_000))
    frame = split_read.read_parts(str(path), OPTIONS, None, None)
    assert frame is not None
    pd.testing.assert_frame_equal(frame, pd.read_csv(path, **OPTIONS), check_exact=True)


def test_columns_empty_in_some_parts_or_chunks_are_typed_by_the_others(write_csv):
    # 'note' is text only in the last rows: the other parts have no value in it (nor the last part's
    # first chunk, which pandas settles itself); 'flag' has missing values in the first part only
    header = "note,flag," + ",".join(f"c{j}" for j in range(62))
    rows = [",".join(["late" if i >= 39_990 else "", "" if 100 <= i < 106 else ("True" if i % 2 else "False")]
                     + [str(i + j) for j in range(62)]) for i in range(40_000)]
    path = write_csv(header + "\n" + "\n".join(rows) + "\n")
    frame = split_read.read_parts(str(path), OPTIONS, None, None)
    assert frame is not None  # read in parts, not handed back for a whole-file parse
    whole = pd.read_csv(path, low_memory=False, **OPTIONS)
    pd.testing.assert_frame_equal(frame, whole, check_exact=True)
    assert frame["note"].iloc[-1] == "late" and pd.isna(frame["note"].iloc[0]) and frame["flag"].dtype == object
