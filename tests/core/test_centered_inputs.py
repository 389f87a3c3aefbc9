"""Inputs far from 0 keep their digits: X holds float32(x − center), the center subtracted in float64
(a timestamp of 1.7e9 + seconds kept only steps of 128 as float32(x)), and predicting converts a
file exactly as training did."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from dlstudio.core.errors import SpecError
from dlstudio.core.preprocessing import prepare
from dlstudio.core.preprocessor import Preprocessor
from dlstudio.core.spec import DataConfig


def timestamp_frame(n: int = 1000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    seconds = rng.permutation(n * 30)[:n]  # distinct seconds over about 8 hours
    return pd.DataFrame({
        "stamp": 1_700_000_000 + seconds,  # int64
        "stamp_float": 1_700_000_000.0 + seconds + 0.25,
        "counts": pd.array(np.where(rng.random(n) < 0.1, None, rng.integers(0, 50, n)), dtype="Int64"),
        "flag": rng.random(n) < 0.4,
        "small": (rng.normal(size=n) * 3).astype(np.float32),
        "y": seconds * 0.01 + rng.normal(size=n) * 0.1,
    })


FEATURES = ["stamp", "stamp_float", "counts", "flag", "small"]


@pytest.mark.parametrize("standardize", ["zscore", "minmax"])
def test_a_timestamp_keeps_every_second(standardize):
    frame = timestamp_frame()
    prepared = prepare(frame, DataConfig(FEATURES, ["y"], standardize=standardize, val_split=0.2))
    X = prepared.X
    assert len(np.unique(X[:, 0])) == 1000 and len(np.unique(X[:, 1])) == 1000  # float32(x): 9 values
    assert np.isfinite(X).all() and abs(float(X[:, 0].std()) - (1.0 if standardize == "zscore" else 0.29)) < 0.02
    center = prepared.preprocessor.centers()
    assert prepared.preprocessor.numeric == ["stamp", "stamp_float", "counts", "small"]  # (flag: categorical)
    assert center[0] == round(center[0]) and abs(center[0] - frame["stamp"].median()) < 30 * 1000
    assert center[2] == center[3] == 0.0  # columns near 0 are converted as they are


@pytest.mark.parametrize("standardize", ["zscore", "minmax", "none"])
def test_predicting_the_training_file_gives_the_training_matrix_bit_for_bit(standardize):
    frame = timestamp_frame()
    prepared = prepare(frame, DataConfig(FEATURES, ["y"], standardize=standardize, val_split=0.2))
    again = Preprocessor.from_dict(json.loads(json.dumps(prepared.preprocessor.to_dict(), allow_nan=False)))
    X = again.transform(frame.drop(columns="y"))
    np.testing.assert_array_equal(X[prepared.train_rows], prepared.X_train)
    np.testing.assert_array_equal(X[prepared.val_rows], prepared.X_val)
    assert ("center" in prepared.preprocessor.to_dict()) == (standardize != "none")


def test_no_scaling_keeps_the_numbers_as_they_are():
    frame = timestamp_frame()
    prepared = prepare(frame, DataConfig(["stamp_float", "small", "counts"], ["y"], standardize="none", val_split=0.0))
    expected = frame[["stamp_float", "small", "counts"]].to_numpy(np.float32, na_value=np.nan)
    expected[:, 2] = np.where(np.isnan(expected[:, 2]), prepared.preprocessor.impute[2], expected[:, 2])
    np.testing.assert_array_equal(prepared.X, expected)


def test_an_outlier_in_the_first_rows_does_not_take_the_center_away():
    rng = np.random.default_rng(3)
    x = rng.normal(size=2000)
    x[1] = 1e30  # a typing error; the mean of the first rows would be ~5e26, where float32(x − c) is −c
    y = rng.normal(size=2000)
    y[1] = np.nan  # its row is dropped, but the center is taken from the file's first rows
    prepared = prepare(pd.DataFrame({"x": x, "y": y}), DataConfig(["x"], ["y"], val_split=0.0))
    assert abs(prepared.preprocessor.centers()[0]) < 1.0
    assert len(np.unique(prepared.X[prepared.train_rows, 0])) == 1999  # every value still told apart


def test_a_model_saved_without_centers_predicts_as_before():
    """model.json from before the centers: absent means 0, so float32(x), then (x − shift) / scale."""
    old = {"numeric": ["x"], "shift": [2.0], "scale": [4.0], "impute": [2.0], "categorical": {},
           "standardize": "zscore"}
    pre = Preprocessor.from_dict(old)
    X = pre.transform(pd.DataFrame({"x": [2.0, 6.0, None, 1e8 + 1]}))
    assert X[:, 0].tolist() == [0.0, 1.0, 0.0, np.float32((np.float32(1e8 + 1) - np.float32(2.0)) / np.float32(4.0))]
    assert "center" not in pre.to_dict()


def test_a_center_list_of_the_wrong_length_is_refused():
    state = {"numeric": ["x"], "center": [1.0, 2.0], "shift": [2.0], "scale": [4.0], "impute": [2.0],
             "categorical": {}, "standardize": "zscore"}
    with pytest.raises(SpecError, match="different lengths"):
        Preprocessor.from_dict(state)
    with pytest.raises(SpecError, match="non-finite"):
        Preprocessor.from_dict({**state, "center": [float("inf")]})
    with pytest.raises(SpecError, match=r"a center past ±3.4e38"):  # (prediction blamed the data's cells)
        Preprocessor.from_dict({**state, "center": [1e300]})


@pytest.mark.parametrize("first_rows", ["dropped", "missing"])
def test_a_center_taken_from_rows_training_never_sees_is_moved_to_the_training_rows(first_rows):
    """The first rows choose the center while X is converted: rows dropped for a missing label far
    from the rest made the kept rows float32(x − 1e9), 2 distinct values of 1,581; first rows with no
    value in a timestamp column left it without a center, its seconds lost."""
    rng = np.random.default_rng(7)
    n = 3000
    if first_rows == "dropped":
        x = np.r_[1e9 + rng.normal(size=1024), rng.normal(size=n - 1024) * 10]
        y = np.r_[np.full(1024, np.nan), rng.normal(size=n - 1024)]
    else:
        x = np.r_[np.full(1024, np.nan), 1.7e9 + rng.permutation(10 * n)[:n - 1024]]
        y = rng.normal(size=n)
    frame = pd.DataFrame({"x": x, "y": y})
    prepared = prepare(frame, DataConfig(["x"], ["y"], val_split=0.2, missing="drop" if first_rows == "missing" else "impute"))
    kept = x[prepared.train_rows]
    assert len(np.unique(prepared.X[prepared.train_rows, 0])) == len(np.unique(kept))  # every value told apart
    center = prepared.preprocessor.centers()[0]
    assert (center == 0.0) if first_rows == "dropped" else abs(center - np.median(kept)) < 3 * kept.std()
    # (the statistics of X's float32 values: to float32's rounding of the spread, not of 1e9)
    np.testing.assert_allclose(prepared.preprocessor.shift[0], kept.mean(), rtol=0, atol=1e-6 * kept.std())
    np.testing.assert_allclose(prepared.preprocessor.scale[0], kept.std(), rtol=1e-6)
    again = prepared.preprocessor.transform(frame.drop(columns="y"))
    np.testing.assert_array_equal(again[prepared.train_rows], prepared.X_train)  # predicting converts alike
