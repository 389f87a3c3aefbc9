"""The headless read (path, pandas' low-memory mode) and the window's read (progress, Cancel) agree."""
import numpy as np
import pandas as pd
from pandas.testing import assert_frame_equal

from dlstudio.core.table import read_csv


def test_both_read_paths_give_the_same_frame_even_when_chunks_disagree_on_a_type(tmp_path):
    n = 300_000  # several of pandas' low-memory chunks
    b = np.arange(n).astype(str).astype(object)
    b[-4:] = ["abc", "abd", "abe", "abf"]  # numbers, then text: chunk-wise inference would mix types
    # (four spellings: more than stray_text takes as missing, so 'b' stays text)
    path = tmp_path / "mixed.csv"
    pd.DataFrame({"a": np.arange(n) * 0.5, "b": b}).to_csv(path, index=False)
    seen = []
    headless = read_csv(path)
    windowed = read_csv(path, progress=seen.append, cancel=lambda: False)
    assert seen and seen[-1] == 1.0
    assert_frame_equal(headless.frame, windowed.frame)
    assert headless.frame["b"].iloc[-1] == "abf" and headless.frame["b"].iloc[0] == "0"
