"""The headless read (path, pandas' low-memory mode) and the window's read (progress, Cancel) agree."""
import numpy as np
import pandas as pd
from pandas.testing import assert_frame_equal

from dlstudio.core.table import read_csv


def test_both_read_paths_give_the_same_frame_even_when_chunks_disagree_on_a_type(tmp_path):
    n = 300_000  # several of pandas' low-memory chunks
    b = np.arange(n).astype(str).astype(object)
    b[-1] = "abc"  # numbers for 299,999 rows, then text: chunk-wise inference would mix types
    path = tmp_path / "mixed.csv"
    pd.DataFrame({"a": np.arange(n) * 0.5, "b": b}).to_csv(path, index=False)
    seen = []
    headless = read_csv(path)
    windowed = read_csv(path, progress=seen.append, cancel=lambda: False)
    assert seen and seen[-1] == 1.0
    assert_frame_equal(headless.frame, windowed.frame)
    assert headless.frame["b"].iloc[-1] == "abc" and headless.frame["b"].iloc[0] == "0"
