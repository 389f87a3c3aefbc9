"""Split, then fit on the training part only (issue 2 §2; issue 8 case 19)."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from dlstudio.core.errors import DataError, SpecError
from dlstudio.core.preprocessing import prepare, split_indices
from dlstudio.core.preprocessor import MISSING_CATEGORY, Preprocessor
from dlstudio.core.spec import DataConfig
from tests.conftest import blobs_frame, linear_frame


def test_split_is_seeded_disjoint_and_complete():
    a_train, a_val = split_indices(100, 0.2, seed=7)
    b_train, b_val = split_indices(100, 0.2, seed=7)
    c_train, c_val = split_indices(100, 0.2, seed=8)
    assert np.array_equal(a_train, b_train) and np.array_equal(a_val, b_val)
    assert not np.array_equal(a_val, c_val)
    assert len(a_val) == 20 and not set(a_train) & set(a_val)
    assert sorted(np.concatenate([a_train, a_val])) == list(range(100))


def test_stratified_split_keeps_each_class_in_both_parts():
    strata = np.array([0] * 90 + [1] * 10)
    train, val = split_indices(100, 0.2, seed=0, strata=strata)
    assert np.bincount(strata[val]).tolist() == [18, 2]
    assert np.bincount(strata[train]).tolist() == [72, 8]



@pytest.mark.parametrize("seed", [0, 3])
def test_a_seed_draws_the_same_split_as_every_earlier_version(seed):
    """The rows a seed puts in validation are part of a saved run's record: they must not move."""
    strata = np.random.default_rng(11).integers(0, 3, 1_000)
    rng, is_val = np.random.default_rng(seed), np.zeros(1_000, dtype=bool)
    for cls in range(3):  # the first version: a permutation of each class's rows, its first 20 % held out
        members = rng.permutation(np.nonzero(strata == cls)[0])
        is_val[members[:int(round(len(members) * 0.2))]] = True
    train, val = split_indices(1_000, 0.2, seed, strata)
    assert np.array_equal(val, np.flatnonzero(is_val)) and np.array_equal(train, np.flatnonzero(~is_val))


def test_preprocessing_is_fitted_on_training_rows_only():
    frame = linear_frame(200)
    prepared = prepare(frame, DataConfig(["x1", "x2"], ["y"], val_split=0.25))
    train = frame.iloc[prepared.train_rows]
    pre = prepared.preprocessor
    assert pre.shift == pytest.approx(train[["x1", "x2"]].mean().tolist())
    assert pre.scale == pytest.approx(train[["x1", "x2"]].std(ddof=0).tolist())
    assert pre.shift != pytest.approx(frame[["x1", "x2"]].mean().tolist(), abs=1e-9)  # validation not seen
    assert prepared.X_train.mean(0) == pytest.approx([0, 0], abs=1e-5)
    assert prepared.X_train.std(0) == pytest.approx([1, 1], abs=1e-4)


def test_tensors_are_float32_batch_first_and_labels_keep_their_units():
    frame = linear_frame(100)
    reg = prepare(frame, DataConfig(["x1", "x2"], ["y"]))
    assert reg.X_train.dtype == np.float32 and reg.X_train.shape == (80, 2)
    assert reg.y_train.dtype == np.float32 and reg.y_train.shape == (80, 1)
    assert reg.y_train[:, 0] == pytest.approx(frame["y"].iloc[reg.train_rows].to_numpy(), rel=1e-6)
    cls = prepare(blobs_frame(20), DataConfig(["a", "b"], ["color"]))
    assert cls.y_train.dtype == np.int64 and cls.y_train.ndim == 1
    assert cls.shape_text() == "X (60, 2) float32 · y (60,) int64"


@pytest.mark.parametrize("mode", ["zscore", "minmax", "none"])
def test_standardization_modes(mode):
    frame = pd.DataFrame({"x": [2.5, 4.5, 6.5, 8.5, 10.5] * 4, "y": np.linspace(0, 1, 20)})
    X = prepare(frame, DataConfig(["x"], ["y"], standardize=mode, val_split=0)).X_train[:, 0]
    if mode == "zscore":
        assert X.mean() == pytest.approx(0, abs=1e-6) and X.std() == pytest.approx(1, rel=1e-5)
    elif mode == "minmax":
        assert X.min() == 0 and X.max() == 1
    else:
        assert sorted(set(X.tolist())) == [2.5, 4.5, 6.5, 8.5, 10.5]


@pytest.mark.parametrize("mode", ["zscore", "minmax"])
def test_constant_column_gets_scale_one_never_nan_and_a_notice(mode):
    frame = pd.DataFrame({"flat": [3.0] * 10, "x": np.arange(10.0), "y": np.linspace(0, 1, 10)})
    prepared = prepare(frame, DataConfig(["flat", "x"], ["y"], standardize=mode, val_split=0.2))
    pre = prepared.preprocessor
    assert pre.scale[0] == 1.0
    assert np.isfinite(prepared.X_train).all() and np.isfinite(prepared.X_val).all()
    assert (prepared.X_train[:, 0] == 0).all()
    assert any("flat" in n and "scaled by 1" in n for n in prepared.notices)


def test_missing_numbers_are_imputed_with_the_training_mean():
    frame = pd.DataFrame({"x": [1.5, 2.5, np.nan, 3.5, 6.5] * 4, "y": np.linspace(0, 1, 20)})
    prepared = prepare(frame, DataConfig(["x"], ["y"], val_split=0, standardize="none"))
    assert prepared.preprocessor.impute == [3.5]
    assert prepared.X_train[2, 0] == 3.5
    assert any("missing numbers" in n for n in prepared.notices)


def test_missing_rows_can_be_dropped_instead():
    frame = pd.DataFrame({"x": [1.0, 2.0, np.nan, 3.0, 6.0] * 4, "y": np.arange(20.0)})
    prepared = prepare(frame, DataConfig(["x"], ["y"], val_split=0, missing="drop"))
    assert len(prepared.X_train) == 16 and 2 not in prepared.train_rows
    assert any("Dropped 4 row(s)" in n for n in prepared.notices)


def test_rows_without_a_label_are_dropped_with_a_notice():
    frame = pd.DataFrame({"x": np.arange(10.0), "y": [1.0, np.nan] + list(np.arange(8.0))})
    prepared = prepare(frame, DataConfig(["x"], ["y"], val_split=0))
    assert len(prepared.X_train) == 9 and 1 not in prepared.train_rows
    assert any("no label" in n for n in prepared.notices)


def test_too_few_labelled_rows_are_refused():
    frame = pd.DataFrame({"x": np.arange(5.0), "y": [1.5, np.nan, np.nan, np.nan, np.nan]})
    with pytest.raises(DataError, match="Only 1 usable row"):
        prepare(frame, DataConfig(["x"], ["y"]))


def test_one_hot_uses_training_categories_and_missing_is_its_own():
    frame = pd.DataFrame({"color": ["red", "blue", None, "red"] * 5, "y": np.arange(20.0)})
    pre = Preprocessor.fit(frame, ["color"], {"color"}, "zscore")
    assert pre.categorical == {"color": ["blue", "red", MISSING_CATEGORY]}
    X = pre.transform(frame.head(4))
    assert X.tolist() == [[0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]]


def test_unseen_categories_are_warned_by_name_and_encoded_as_zeros():
    pre = Preprocessor.fit(pd.DataFrame({"color": ["red", "blue"] * 5}), ["color"], {"color"}, "zscore")
    notices: list[str] = []
    X = pre.transform(pd.DataFrame({"color": ["red", "purple", "blue"]}), notices)
    assert X.tolist() == [[0, 1], [0, 0], [1, 0]]
    assert any("'purple'" in n and "all zeros" in n and "'color'" in n for n in notices)


def test_text_in_a_numeric_column_names_column_row_and_value():
    pre = Preprocessor.fit(pd.DataFrame({"x": [1.0, 2.0, 3.0]}), ["x"], set(), "zscore")
    with pytest.raises(DataError) as info:
        pre.transform(pd.DataFrame({"x": ["1", "2", "abc"]}))
    assert "'x'" in str(info.value) and "row 3" in str(info.value) and "'abc'" in str(info.value)


def test_state_is_plain_json_and_round_trips_to_identical_outputs():
    frame = pd.DataFrame({"x": [1.0, 5.0, np.nan, 2.0], "c": ["a", "b", "a", None], "k": [1, 1, 1, 1]})
    pre = Preprocessor.fit(frame, ["x", "k", "c"], {"c"}, "minmax")
    text = json.dumps(pre.to_dict(), allow_nan=False)
    again = Preprocessor.from_dict(json.loads(text))
    assert again == pre
    assert np.array_equal(again.transform(frame), pre.transform(frame))


@pytest.mark.parametrize("change, needle", [
    ({"scale": [0.0]}, "scale 0.0"),
    ({"shift": [float("nan")]}, "non-finite"),
    ({"impute": [1.0, 2.0]}, "different lengths"),
    ({"categorical": {"c": []}}, "no categories"),
    ({"numeric": 5}, "malformed"),
])
def test_damaged_state_is_refused(change, needle):
    d = {"numeric": ["x"], "shift": [0.0], "scale": [1.0], "impute": [0.0], "categorical": {},
         "standardize": "zscore"} | change
    with pytest.raises(SpecError) as info:
        Preprocessor.from_dict(d)
    assert needle in str(info.value)


def test_incomplete_choices_and_absent_columns_are_refused():
    frame = linear_frame(20)
    with pytest.raises(DataError) as info:
        prepare(frame, DataConfig([], ["y"], standardize="log"))
    assert "feature" in str(info.value) and "'log'" in str(info.value)
    with pytest.raises(DataError, match="not in the data: x9"):
        prepare(frame, DataConfig(["x1", "x9"], ["y"]))


def test_training_split_without_values_in_a_feature_is_refused():
    frame = pd.DataFrame({"x": [np.nan] * 6, "z": np.arange(6.0), "y": np.arange(6.0)})
    with pytest.raises(DataError, match="x have no values"):
        prepare(frame, DataConfig(["x", "z"], ["y"], val_split=0))


def test_text_features_that_are_not_categories_are_refused_with_the_reason():
    n = 30
    frame = pd.DataFrame({"name": [f"person {i}" for i in range(n)], "country": ["NL"] * n,
                          "size": [str(i) for i in range(n - 1)] + ["big"], "x": np.linspace(0, 1, n),
                          "y": np.linspace(2, 3, n)})
    with pytest.raises(DataError) as info:
        prepare(frame, DataConfig(["name", "country", "size", "x"], ["y"]))
    text = str(info.value)
    assert "3 feature column(s)" in text and "'name': every value is different" in text
    assert "'country': one value only ('NL')" in text and "'big'" in text and "Remove them" in text


@pytest.mark.parametrize("train,predict,same", [
    ([1, 2, 3] * 4, ["1", "2", "3", "A", "2"], [1, 2, 3, None, 2]),  # one text cell makes the column text
    (["1", "2", "3", "X"] * 3, [1, 2, 3, 2], ["1", "2", "3", "2"])])
def test_category_codes_read_as_numbers_in_one_file_and_text_in_the_other_are_the_same(train, predict, same):
    pre = Preprocessor.fit(pd.DataFrame({"g": train}), ["g"], {"g"}, "zscore")
    notices: list[str] = []
    X = pre.transform(pd.DataFrame({"g": predict}), notices)
    assert X.tolist() == pre.transform(pd.DataFrame({"g": same}), []).tolist()
    assert notices == ([] if "A" not in predict else
                       ["Column 'g': unseen value(s) 'A' in 1 row(s), not seen in training; encoded as all zeros."])


def test_an_unseen_value_and_missing_cells_are_counted_apart():
    pre = Preprocessor.fit(pd.DataFrame({"g": [1, 2, 3] * 4}), ["g"], {"g"}, "zscore")
    notices: list[str] = []
    pre.transform(pd.DataFrame({"g": [1, 7, None, None, 2]}), notices)
    assert notices == ["Column 'g': unseen value(s) '7' in 1 row(s) and missing values in 2 row(s), not seen in "
                       "training; encoded as all zeros."]


def test_a_cell_reading_missing_shares_the_missing_categorys_one_input():
    """('(missing)' written in a cell and an empty cell made the category list hold '(missing)' twice;
    the first input was never set)"""
    frame = pd.DataFrame({"city": ["Paris", "(missing)", None, "Köln"] * 10, "y": np.arange(40.0)})
    prepared = prepare(frame, DataConfig(["city"], ["y"], val_split=0.0))
    cats = prepared.preprocessor.categorical["city"]
    assert cats.count(MISSING_CATEGORY) == 1 and len(cats) == 3
    X = prepared.preprocessor.transform(frame.iloc[:4])
    assert X[1].tolist() == X[2].tolist() and X[1].sum() == 1.0  # the written and the empty cell alike
