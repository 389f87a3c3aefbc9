"""A refusal that names a data row says on which line of the file it is, counted in the file: pandas
skips blank lines, and a quoted field may hold line breaks."""
from __future__ import annotations

import os
import pickle

import pytest

from dlstudio.cli import main
from dlstudio.core.errors import DataError
from dlstudio.core.file_lines import line_of_row, located
from dlstudio.core.preprocessing import prepare
from dlstudio.core.spec import DataConfig
from dlstudio.core.table import read_csv
from dlstudio.core.written_cells import CsvSource

# blank lines before the header and between rows, a line of spaces, a note over three lines
TEXT = ('\n\nx,y,note\n1,2,a\n\n3,4,"two\nlines"\n   \n5,6,"three\n\nlines"\n7,8,b\n9,10,c\n')
STARTS = [4, 6, 9, 12, 13]  # the line each data row begins on


def test_each_data_row_is_found_on_its_line(write_csv):
    table = read_csv(write_csv(TEXT))
    assert list(table.frame.columns) == ["x", "y", "note"] and len(table.frame) == len(STARTS)
    assert [line_of_row(table.source, row) for row in range(len(STARTS))] == STARTS
    lines = TEXT.split("\n")
    assert all(lines[n - 1].startswith(str(v)) for n, v in zip(STARTS, table.frame["x"]))
    assert line_of_row(table.source, len(STARTS)) is None  # past the end


def test_an_infinity_is_refused_with_its_line(write_csv):
    with pytest.raises(DataError) as info:
        read_csv(write_csv(TEXT.replace("7,8,b", "inf,8,b")))
    assert "holds an infinite value (inf) on data row 4 (line 12 of the file)." in str(info.value)


def test_a_file_changed_since_it_was_read_gets_no_line(write_csv):
    path = write_csv(TEXT)
    source = read_csv(path).source
    path.write_text(TEXT + "11,12,d\n")
    error = located(DataError("Column 'x' holds 1e+39 on data row 4: too big.", row=3), source)
    assert line_of_row(source, 3) is None and "line" not in str(error) and "data row 4: too big" in str(error)
    os.remove(path)
    assert line_of_row(CsvSource(str(path), "utf-8", ","), 0) is None


def test_beyond_float32_in_training_names_the_line_in_the_cli(write_csv, capsys, tmp_path):
    path = write_csv(TEXT.replace("7,8,b", "1e39,8,b"))
    code = main(["train", str(path), "--label", "y", "--features", "x", "--epochs", "1", "--val-split", "0",
                 "--out", str(tmp_path / "out")])
    assert code == 2
    assert "holds 1e+39 on data row 4 (line 12 of the file): the network computes in float32" in \
        capsys.readouterr().err


def test_prepare_without_a_source_names_the_data_row_only(write_csv):
    table = read_csv(write_csv(TEXT.replace("7,8,b", "1e39,8,b")))
    with pytest.raises(DataError) as info:
        prepare(table.frame, DataConfig(["x"], ["y"], val_split=0))
    assert info.value.row == 3 and "data row 4:" in str(info.value) and "line" not in str(info.value)


def test_an_error_keeps_its_parts_through_pickling():
    """(From the training process to the window.)"""
    error = pickle.loads(pickle.dumps(DataError("on data row 2", hint="Fix it.", details=["a"], row=1)))
    assert (type(error), error.message, error.hint, error.details, error.row) == \
        (DataError, "on data row 2", "Fix it.", ["a"], 1)
    assert str(error) == "on data row 2\n  • a\nFix it."


def test_a_line_holding_only_empty_quotes_is_a_row_as_pandas_reads_it(write_csv):
    table = read_csv(write_csv('x\n1\n""\n"2"\nabc\n'))
    assert len(table.frame) == 4
    assert [line_of_row(table.source, row) for row in range(4)] == [2, 3, 4, 5]


def test_an_error_is_located_once(write_csv):
    source = read_csv(write_csv(TEXT)).source
    error = located(located(DataError("Bad on data row 2.", row=1), source), source)
    assert str(error) == "Bad on data row 2 (line 6 of the file)."


@pytest.mark.parametrize("quoted", [False, True])  # the bytes counted, or the csv module
def test_a_line_of_spaces_is_no_short_row(write_csv, quoted):
    first = '"r0"' if quoted else "r0"
    table = read_csv(write_csv(f"id,x,y\n{first},1,\n   \nr1,2,3\n\t\nr2,4\n"))
    assert len(table.frame) == 3
    assert [n for n in table.notices if n.startswith("Short rows")] == [
        "Short rows: line 6 has 2 fields, but the header has 3; their missing fields were read as empty. "
        "Check those lines for a lost delimiter."]


def test_a_line_of_tabs_is_a_row_of_a_tab_separated_file(write_csv):
    """pandas skips lines of spaces, but the delimiter is no space: a line of tabs is a row."""
    table = read_csv(write_csv("id\tb\tc\nr0\t1\t2\n\t\nr1\t3\t4\nr2\t5\n"))
    assert len(table.frame) == 4
    assert [line_of_row(table.source, row) for row in range(4)] == [2, 3, 4, 5]
    assert any(n.startswith("Short rows: line 3 has 2 fields") for n in table.notices)
    with pytest.raises(DataError) as info:  # a first row longer than the header: no blank line to skip
        read_csv(write_csv("a\tb\n\t\t\t\n1\t2\n3\t4\n", "wide.tsv"))
    assert "line 2 has 4 fields, but the header has 2" in str(info.value)


def test_short_rows_in_a_file_whose_lines_end_in_a_lone_carriage_return(write_csv):
    table = read_csv(write_csv("a,b,c\r1,2,3\r4,5\r6,7,8\r"))
    assert any(n.startswith("Short rows: line 3 has 2 fields") for n in table.notices)
