"""The label column is factorized once (issue 7 item 3), by object identity for text: the result must
be pd.factorize's, code for code, whatever the column holds."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from dlstudio.core import factorize as factorize_module
from dlstudio.core.factorize import factorize
from dlstudio.core.task import analyse_task, encode_labels

rng = np.random.default_rng(3)
TEXT = np.asarray(["alpha", "beta", "gamma", None, np.nan], dtype=object)[rng.integers(0, 5, 5000)]


def columns():
    parsed = pd.read_csv(io.StringIO("k\n" + "\n".join(["b", "a", "", "a", "c", "b"] * 300)))["k"]
    yield "parsed text (str)", parsed
    yield "str with NaN", pd.Series(TEXT, dtype="str")
    yield "object with None and NaN", pd.Series(TEXT)
    yield "copies of equal strings", pd.Series(["x" + str(i % 3) for i in range(3000)], dtype="str")
    yield "mixed object: 1, 1.0, True, 'a', pd.NA", pd.Series([1, "a", 1.0, True, pd.NA, 2, "a", None] * 50)
    yield "all missing", pd.Series([None, np.nan, None], dtype=object)
    yield "a slice with a step", pd.Series(TEXT, dtype="str").iloc[::3]
    yield "floats", pd.Series(rng.integers(0, 4, 2000).astype(float))
    yield "ints", pd.Series(rng.integers(0, 4, 2000))
    yield "categorical", pd.Series(pd.Categorical(["b", "a", None, "b"]))
    yield "empty text", pd.Series([], dtype="str")


@pytest.mark.parametrize("many", [False, True])
def test_factorize_is_pandas_factorize(monkeypatch, many):
    if many:  # every column takes the by-value path as well
        monkeypatch.setattr(factorize_module, "_MANY_OBJECTS", 1)
    for what, column in columns():
        codes, distinct = factorize(column)
        want_codes, want_distinct = pd.factorize(column)
        assert codes.tolist() == want_codes.tolist(), what
        assert [repr(v) for v in distinct] == [repr(v) for v in np.asarray(want_distinct)], what


def test_analyse_and_encode_agree_with_the_reference_on_parsed_text():
    frame = pd.read_csv(io.StringIO("y\n" + "\n".join(["dog", "cat", "", "bird", "cat"] * 400)))
    task = analyse_task(frame, ["y"])
    assert task.classes == ("bird", "cat", "dog") and task.class_counts == (400, 800, 400)
    y = encode_labels(task, frame)
    reference = frame["y"].map({"bird": 0, "cat": 1, "dog": 2}).to_numpy(dtype=float, na_value=np.nan)
    np.testing.assert_array_equal(y, reference)
