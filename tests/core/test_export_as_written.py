"""An export repeats the person's columns as their file writes them (00501 stays 00501, true stays
true), a chunk at a time, and falls back to the parsed values when the file no longer lines up."""
from __future__ import annotations

import os
import warnings

import pandas as pd
import pytest

from dlstudio.core import export
from dlstudio.core.predict import predict_frame
from dlstudio.core.table import read_csv

ROWS = ["00501,0.9,-1,true,NA,1.50", '02134,0.10,2,false,"a, b",2.0', ",1e-5,0.5,,x,",
        "07001,1.0,1E3,TRUE,,4"] * 25  # 100 rows


def _predict(bundle, path, frame=None):
    table = read_csv(path)
    result = predict_frame(bundle, table.frame if frame is None else frame)
    result.source = table.source
    return result


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(export, "CHUNK_ROWS", 7)  # many chunks, the last one short


def test_the_files_own_columns_are_written_as_the_file_writes_them(regression_run, write_csv, tmp_path,
                                                                    small_chunks):
    path = write_csv("zip,x1,x2,flag,note,y\n" + "\n".join(ROWS) + "\n")
    result = _predict(regression_run[0], path)
    target = tmp_path / "out.csv"
    export.write_csv(result.frame, target, encoding="utf-8", written=result.as_written)
    lines = target.read_text().splitlines()
    assert lines[0] == "zip,x1,x2,flag,note,y,y_predicted"
    assert [line.rsplit(",", 1)[0] for line in lines[1:]] == ROWS
    predicted = [float(line.rsplit(",", 1)[1]) for line in lines[1:]]
    assert predicted == pytest.approx(result.frame["y_predicted"].tolist(), rel=1e-6)


def test_a_semicolon_windows_1252_file_keeps_its_text(regression_run, write_csv, tmp_path):
    text = "ville;x1;x2\nZürich;1,5;2\nKöln;-0,25;1\n"
    path = write_csv(text, encoding="cp1252")
    result = _predict(regression_run[0], path)
    target = tmp_path / "out.csv"
    export.write_csv(result.frame, target, written=result.as_written)  # UTF-8 with a BOM, as the file: ; and 1,5
    back = pd.read_csv(target, dtype=str, encoding="utf-8-sig", sep=";")
    assert back["ville"].tolist() == ["Zürich", "Köln"] and back["x1"].tolist() == ["1,5", "-0,25"]
    predicted = float(back["y_predicted"][0].replace(",", "."))
    assert predicted == pytest.approx(3 * 1.5 - 2 * 2 + 1, abs=0.3)  # read as 1.5


def test_a_column_named_like_a_prediction_is_replaced_with_a_notice(regression_run, write_csv, tmp_path):
    path = write_csv("x1,x2,y_predicted\n1,2,old\n0,0,old\n")
    result = _predict(regression_run[0], path)
    assert any("already has column(s) y_predicted" in n for n in result.notices)
    target = tmp_path / "out.csv"
    export.write_csv(result.frame, target, written=result.as_written)
    assert "old" not in target.read_text(encoding="utf-8-sig")


def _rewrite(path, change):
    """The source file changed as a person might change it after predicting."""
    if change == "sorted":  # the same size: only its modification time tells
        lines = path.read_text().splitlines()
        path.write_text("\n".join(lines[:1] + sorted(lines[1:], reverse=True)) + "\n")
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))
    elif change == "rows":
        path.write_text("\n".join(path.read_text().splitlines()[:-1]) + "\n")
    elif change == "columns":
        path.write_text("a,b\n" + "1,2\n" * 20)
    elif change == "undecodable":
        path.write_bytes(b"zip,x1,x2\n\x81\x00,1,1\n")
    elif change == "emptied":
        path.write_text("")
    else:
        path.unlink()


@pytest.mark.parametrize("change", ["sorted", "rows", "columns", "undecodable", "emptied", "deleted"])
def test_a_file_changed_since_the_prediction_gives_the_parsed_values_and_says_so(regression_run, write_csv,
                                                                                 tmp_path, small_chunks, change):
    path = write_csv("zip,x1,x2\n" + "".join(f"0{i},{i},{i % 3}\n" for i in range(20)))
    result = _predict(regression_run[0], path)
    _rewrite(path, change)
    target, parsed = tmp_path / "out.csv", tmp_path / "parsed.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        note = export.write_csv(result.frame, target, written=result.as_written)
    result.frame.to_csv(parsed, index=False, encoding="utf-8-sig")
    assert target.read_bytes() == parsed.read_bytes()  # zip as parsed: 0, 1, …, each beside its prediction
    assert note and "columns of data.csv were written as they were read" in note and "changed" in note


def test_an_unchanged_file_gives_no_notice(regression_run, write_csv, tmp_path):
    path = write_csv("x1,x2\n1,2\n")
    result = _predict(regression_run[0], path)
    assert export.write_csv(result.frame, tmp_path / "out.csv", written=result.as_written) is None


@pytest.mark.parametrize("text", ["id,x1, id,x2\n1,2,X,3\n4,5,Y,6\n",  # two 'id' once stripped
                                  "x1,x2\n1,2,\n3,4,\n"])  # a trailing delimiter on the rows
def test_headers_the_read_tidies_keep_every_column_and_warn_nothing(regression_run, write_csv, tmp_path, text):
    path = write_csv(text)
    result = _predict(regression_run[0], path)
    target = tmp_path / "out.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        export.write_csv(result.frame, target, written=result.as_written)
    back = target.read_text(encoding="utf-8-sig").splitlines()
    assert back[0].split(",") == [str(c) for c in result.frame.columns]
    assert len(back[1].split(",")) == len(result.frame.columns)
