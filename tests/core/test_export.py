"""Predictions to CSV in chunks: the same bytes as one to_csv, progress, and Cancel leaving the old file."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dlstudio.core import export
from dlstudio.core.errors import Cancelled


@pytest.fixture
def frame():
    n = 1_000
    rng = np.random.default_rng(0)
    x = rng.normal(size=n) * 1e3
    x[::37] = np.nan
    return pd.DataFrame({"x": x, "n": np.arange(n), "flag": np.arange(n) % 3 == 0,
                         "text": [["plain", 'say "hi", then go', "two\nlines", "北京", None][i % 5] for i in range(n)],
                         "p": rng.random(n).astype(np.float32)})


def test_chunks_write_the_bytes_of_one_to_csv(frame, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "CHUNK_ROWS", 64)  # many chunks
    seen: list[float] = []
    target = tmp_path / "predictions.csv"
    export.write_csv(frame, target, progress=seen.append)
    whole = tmp_path / "whole.csv"
    frame.to_csv(whole, index=False, encoding="utf-8-sig")
    assert target.read_bytes() == whole.read_bytes()
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # one BOM, at the start
    assert len(seen) == 16 and seen == sorted(seen) and seen[-1] == 1.0


def test_every_kind_of_cell_is_written_as_to_csv_writes_it(tmp_path):
    """The fields formatted here, not by pandas: the edge values of each dtype; a date column is
    left to pandas, and a one-column frame's empty cell is still quoted ("")."""
    edge = [0.0, -0.0, 1e16, 1e15, 1e-4, 1e-5, 5e-324, 1.7976931348623157e308, np.inf, -np.inf, np.nan, 0.1, 123.0]
    k = len(edge)
    with np.errstate(over="ignore"):
        f32 = np.array(edge).astype(np.float32)  # (the largest float64 is inf in float32)
    frames = [
        pd.DataFrame({"f64": edge, "f32": f32, "i": np.arange(k) - 3,
                      "u8": np.arange(k, dtype=np.uint8), "b": np.arange(k) % 2 == 0,
                      "obj": ["a,b", 'q"q', "x\ry", None, np.nan, 1.5, 7, "", " pad ", "é", "-", "nan", "None"],
                      "s": pd.array(["t", None] * 6 + ["u"], dtype="string")}),
        pd.DataFrame({"when": pd.date_range("2026-01-01", periods=k, freq="h"), "x": edge}),  # pandas writes
        pd.DataFrame({"only": [1.0, np.nan, 2.0]}),
        pd.DataFrame({"dup": [1.5, 2.5], "dup ": ["a", "b"]}).rename(columns={"dup ": "dup"}),
        pd.DataFrame({"cells": [[1, 2], [], [np.nan], [None], (3,)]}),  # list-likes: their text, never missing
        pd.DataFrame({"x": edge, "word": ["a", "", None, "b c", "é", np.nan, "'", ";", "\t", "x", "", "-", "z"]}),
        pd.DataFrame({"a": ["", None], "b": [None, ""]}),  # rows of empty fields: "," (only one column quotes)
        pd.DataFrame(index=range(3)),  # rows without columns: empty lines
    ]
    for i, frame in enumerate(frames):
        target, whole = tmp_path / f"export{i}.csv", tmp_path / f"whole{i}.csv"
        export.write_csv(frame, target)
        frame.to_csv(whole, index=False, encoding="utf-8-sig")
        assert target.read_bytes() == whole.read_bytes(), target.read_text()


def test_an_empty_frame_writes_its_header(tmp_path):
    target = tmp_path / "empty.csv"
    export.write_csv(pd.DataFrame({"a": [], "b": []}), target, encoding="utf-8")
    assert target.read_text().splitlines() == ["a,b"]


def test_cancel_leaves_the_previous_file_and_no_temporary(frame, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "CHUNK_ROWS", 64)
    target = tmp_path / "predictions.csv"
    target.write_text("the previous export\n")
    seen: list[float] = []
    with pytest.raises(Cancelled):
        export.write_csv(frame, target, progress=seen.append, cancel=lambda: len(seen) >= 3)
    assert target.read_text() == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["predictions.csv"]


def test_a_file_with_decimal_commas_is_answered_in_its_own_convention(tmp_path):
    """(its columns came back as written, "5,8", in a comma-separated file whose predictions had decimal
    points: one file, two conventions, which DL Studio itself could not read back)"""
    from dlstudio.core.table import read_csv
    source = tmp_path / "flowers.csv"
    source.write_text("length;kind\n5,8;setosa\n5,1;versicolor\n", encoding="utf-8")
    table = read_csv(source)
    frame = table.frame.assign(score=np.array([0.25, 1.5], dtype=np.float32))
    out = tmp_path / "predictions.csv"
    export.write_csv(frame, out, written=(table.source, ["length", "kind"]))
    assert out.read_text(encoding="utf-8-sig").splitlines() == ["length;kind;score", "5,8;setosa;0,25",
                                                                "5,1;versicolor;1,5"]
    again = read_csv(out).frame
    assert again["length"].tolist() == [5.8, 5.1] and again["score"].tolist() == [0.25, 1.5]
