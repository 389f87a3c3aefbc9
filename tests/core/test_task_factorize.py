"""The label column is factorized once (issue 7 item 3), by object identity for text: the result must
be pd.factorize's, code for code, whatever the column holds."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from dlstudio.core import factorize as factorize_module
from dlstudio.core import task as task_module
from dlstudio.core.factorize import distinct_numbers_beyond, factorize
from dlstudio.core.task import MAX_CLASSES, analyse_task, encode_labels

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


def many_numbers(n: int = 20_000) -> pd.Series:
    values = np.round(rng.normal(size=n) * 100, 1)  # ~5,000 distinct decimals, repeats among them
    values[rng.random(n) < 0.01] = np.nan
    return pd.Series(values)


@pytest.mark.parametrize("column, counted", [
    (many_numbers(), True),
    (pd.Series(rng.integers(-(2 ** 62), 2 ** 62, 5000)), True),  # past float64's 2**53: sorted as integers
    (pd.Series(np.r_[np.zeros(100_000), np.arange(200.0)]), False),  # many values, but the sample sees few
], ids=["decimals with NaN", "huge integers", "few values in the sample"])
def test_distinct_numbers_beyond_counts_what_factorize_counts(column, counted):
    got = distinct_numbers_beyond(column, MAX_CLASSES)
    assert got == (len(pd.factorize(column)[1]) if counted else None)


def test_distinct_numbers_beyond_leaves_few_values_and_text_to_factorize():
    assert distinct_numbers_beyond(pd.Series(rng.integers(0, 7, 50_000)), MAX_CLASSES) is None
    assert distinct_numbers_beyond(pd.Series(rng.integers(0, 7, 50_000).astype(float)), 6) == 7
    assert distinct_numbers_beyond(pd.Series(TEXT), MAX_CLASSES) is None
    assert distinct_numbers_beyond(pd.Series([True, False] * 500), 1) is None


@pytest.mark.parametrize("override", ["auto", "regression", "binary", "multiclass"])
def test_a_label_of_many_numbers_is_counted_not_factorized(monkeypatch, override):
    frame = pd.DataFrame({"y": many_numbers()})
    want = None
    try:
        want = analyse_task(frame, ["y"], override)  # (before the patch below: the count's path)
    except Exception as exc:  # noqa: BLE001 - compared below
        want = exc
    monkeypatch.setattr(task_module, "distinct_numbers_beyond", lambda *a: None)  # factorize it instead
    try:
        by_codes = analyse_task(frame, ["y"], override)
    except Exception as exc:  # noqa: BLE001
        by_codes = exc
    if isinstance(by_codes, Exception):
        assert type(want) is type(by_codes) and str(want) == str(by_codes)  # the same refusal, same count
    else:
        assert want == by_codes and want.kind == "regression" and want.reason == by_codes.reason
    monkeypatch.undo()
    monkeypatch.setattr(task_module, "factorize", lambda *a: pytest.fail("factorized a column of many numbers"))
    if not isinstance(want, Exception):
        analyse_task(frame, ["y"], override)
