"""The window's questions about a table's columns, answered from what was counted once."""
import pickle

import numpy as np
import pandas as pd
import pytest

from dlstudio.core import column_facts, task, text_values
from dlstudio.core.column_facts import ColumnFacts
from dlstudio.core.profile import profile_column
from dlstudio.core.spec import DataConfig
from dlstudio.core.task import analyse_task


def _frame(n: int = 5000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "a": rng.normal(size=n),
        "b": rng.normal(size=n),
        "kind": pd.Series(np.asarray(["x", "y", "z"])[rng.integers(0, 3, n)], dtype="str"),
        "count": pd.array(rng.integers(0, 5, n), dtype="Int64"),
        "full": rng.normal(size=n),
        "many": rng.normal(size=n).round(3),
    })
    for name, share in (("a", 0.05), ("b", 0.2), ("kind", 0.1), ("count", 0.02)):
        frame.loc[rng.random(n) < share, name] = None
    return frame


@pytest.mark.parametrize("columns", [["a"], ["a", "b"], ["kind", "count"], ["full"], ["a", "b", "kind", "count",
                                                                                      "full"], []])
def test_rows_missing_any_counts_what_pandas_counts(columns):
    frame = _frame()
    expected = int(frame[columns].isna().any(axis=1).sum()) if columns else 0
    assert ColumnFacts(frame).rows_missing_any(columns) == expected
    assert ColumnFacts(frame).warm().rows_missing_any(columns + columns[:1]) == expected  # repeats, warm


def test_columns_not_in_the_frame_are_left_out():
    frame = _frame()
    assert ColumnFacts(frame).rows_missing_any(["a", "gone"]) == int(frame["a"].isna().sum()) > 0


@pytest.mark.parametrize("missing", ["impute", "drop"])
def test_usable_rows_need_a_label_and_with_drop_every_feature(missing):
    frame = _frame()
    config = DataConfig(features=["a", "b", "full"], labels=["kind"], missing=missing)
    needed = ["kind"] + (["a", "b", "full"] if missing == "drop" else [])
    assert ColumnFacts(frame).usable_rows(config) == len(frame) - int(frame[needed].isna().any(axis=1).sum())


@pytest.mark.parametrize("labels, override", [(["kind"], "auto"), (["kind"], "binary"), (["kind"], "regression"),
                                              (["count"], "auto"), (["many"], "auto"), (["many"], "multiclass"),
                                              (["a", "b"], "auto"), (["a", "kind"], "auto"), (["gone"], "auto")])
def test_the_task_or_its_refusal_is_what_analyse_task_gives(labels, override):
    frame = _frame()
    task_, error = ColumnFacts(frame).task_or_reason(labels, override)
    try:
        expected, expected_error = analyse_task(frame, labels, override), ""
    except Exception as exc:  # noqa: BLE001 - the refusal, compared as text
        expected, expected_error = None, exc.text
    assert (task_, error) == (expected, expected_error)
    assert (task_ is None) == bool(error)


def test_a_label_is_counted_once_whatever_the_override(monkeypatch):
    frame = _frame()
    counted, real = [], task.label_values
    monkeypatch.setattr(column_facts, "label_values", lambda f, name: counted.append(name) or real(f, name))
    facts = ColumnFacts(frame).warm(labels=["kind"])
    assert counted == ["kind"]
    for override in ("auto", "multiclass", "binary", "auto"):
        facts.task_or_reason(["kind"], override)
    facts.task_or_reason(["count"])
    assert counted == ["kind", "count"]
    assert facts.task_or_reason(["kind"])[0].classes == ("x", "y", "z")


def test_warm_counts_every_columns_missing_rows_once(monkeypatch):
    frame = _frame()
    facts = ColumnFacts(frame).warm()
    monkeypatch.setattr(pd.Series, "isna", lambda self: pytest.fail("counted again"))
    assert facts.rows_missing_any(list(frame.columns)) == int(frame.isna().any(axis=1).sum())


def test_a_text_column_of_strings_only_has_no_missing_rows_and_is_not_scanned(monkeypatch):
    frame = pd.DataFrame({"t": pd.Series(["p", "q"] * 1000, dtype="str"), "o": ["p", None] * 1000})
    monkeypatch.setattr(pd.Series, "isna", lambda self: pytest.fail("scanned") if self.name == "t" else
                        pd.isna(self))
    facts = ColumnFacts(frame)
    assert facts.rows_missing_any(["t"]) == 0
    assert facts.rows_missing_any(["t", "o"]) == 1000


@pytest.mark.parametrize("dtype", ["str", pd.StringDtype("python"), object])
def test_missing_rows_of_text_are_the_rows_pandas_calls_missing(dtype):
    """pandas' python-backed text is checked by address (its one missing-value object); every other
    text by looking at the values. Missing given as None, NaN, pd.NA and set after construction."""
    values = ["x", None, "y", float("nan"), "x", pd.NA, "z", "nan", ""]
    column = pd.Series(values, dtype=dtype)
    column[6] = None
    expected = column.isna().to_numpy()
    assert expected.sum() == 4  # ("nan" and "" are strings)
    missing = text_values.missing_rows(column)
    np.testing.assert_array_equal(missing, expected)
    assert column_facts.has_missing(column) and not column_facts.has_missing(column.dropna())
    assert not column_facts.has_missing(column.iloc[[0, 2, 4]])


def test_missing_rows_of_a_parsed_text_column(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\nx,1\n,2\nNA,3\ny,4\n")
    column = pd.read_csv(path)["a"]
    np.testing.assert_array_equal(text_values.missing_rows(column), [False, True, True, False])


def test_missing_rows_of_text_that_went_through_pickle(tmp_path):
    """Unpickled text holds its missing values as new NaN objects, not the dtype's own (the frame the
    training process gets, or one a script loads with read_pickle): they are still missing."""
    path = tmp_path / "t.csv"
    path.write_text("a,b\nx,1\n,2\nNA,3\ny,4\n")
    column = pickle.loads(pickle.dumps(pd.read_csv(path)))["a"]
    np.testing.assert_array_equal(text_values.missing_rows(column), [False, True, True, False])
    assert column_facts.has_missing(column)
    assert ColumnFacts(column.to_frame()).rows_missing_any(["a"]) == 2
    assert profile_column("a", column) == profile_column("a", pd.read_csv(path)["a"])
    assert profile_column("a", column).missing == 2
