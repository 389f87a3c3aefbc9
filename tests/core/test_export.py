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
