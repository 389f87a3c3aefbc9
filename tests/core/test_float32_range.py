"""Numbers beyond float32 (±3.4e38) are refused by name, row and value, in training and prediction;
before, they became infinities: a silent NaN loss, an infinite bias saved, a made-up predicted class."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from dlstudio.core.errors import DataError
from dlstudio.core.predict import predict_frame
from dlstudio.core.preprocessing import prepare
from dlstudio.core.profile import profile_frame
from dlstudio.core.spec import DataConfig
from dlstudio.core.task import REGRESSION
from tests.conftest import linear_frame
from tests.core.helpers import train_frame


def _prepare(frame: pd.DataFrame, label: str, with_profiles: bool):
    profiles = {p.name: p for p in profile_frame(frame)} if with_profiles else None
    config = DataConfig([c for c in frame.columns if c != label], [label])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning of numpy's leaks out
        return prepare(frame, config, profiles)


@pytest.mark.parametrize("with_profiles", [True, False])
def test_a_feature_beyond_float32_is_refused_with_its_row(with_profiles):
    frame = linear_frame(300)
    frame.loc[41, "x2"] = -1e39
    with pytest.raises(DataError) as info:
        _prepare(frame, "y", with_profiles)
    assert "Feature column 'x2' holds -1e+39 on data row 42" in info.value.message
    assert "float32" in info.value.message and "units" in info.value.hint


def test_a_feature_with_missing_values_and_one_too_big_is_refused():
    frame = linear_frame(300)
    frame.loc[[3, 7], "x1"] = np.nan
    frame.loc[9, "x1"] = 5e38
    with pytest.raises(DataError, match="'x1' holds 5e\\+38 on data row 10"):
        _prepare(frame, "y", with_profiles=False)


def test_the_largest_float32_numbers_are_still_taken():
    frame = linear_frame(300)
    frame.loc[5, "x1"] = 3.0e38
    frame.loc[6, "y"] = -3.0e38
    prepared = _prepare(frame, "y", with_profiles=True)
    assert np.isfinite(prepared.y_train).all() and np.isfinite(prepared.X).all()


@pytest.mark.parametrize("labels", [["y"], ["y", "y2"]])
def test_a_regression_label_beyond_float32_is_refused(labels):
    frame = linear_frame(300).assign(y2=1.0)
    frame.loc[17, labels[-1]] = 2e39
    config = DataConfig(["x1", "x2"], labels)
    with pytest.raises(DataError, match=f"Label column '{labels[-1]}' holds 2e\\+39 on data row 18"):
        prepare(frame, config)


def test_whole_numbers_too_big_for_class_codes_are_a_regression():
    frame = linear_frame(40)
    frame["y"] = np.arange(40) % 10 * 1e30  # 10 whole-number values: classes if they were small
    assert _prepare(frame, "y", with_profiles=True).task.kind == REGRESSION
    frame["y"] = np.arange(40) % 10
    assert _prepare(frame, "y", with_profiles=True).task.kind != REGRESSION


def test_prediction_refuses_a_number_beyond_float32(regression_run):
    bundle = regression_run[0]
    frame = linear_frame(20, seed=2).drop(columns="y")
    frame.loc[12, "x1"] = 1e39
    with pytest.raises(DataError) as info:
        predict_frame(bundle, frame)
    assert "Feature column 'x1' holds 1e+39 on data row 13" in info.value.message
    assert "units it was trained on" in info.value.hint
    frame.loc[12, "x1"] = 1.0
    assert np.isfinite(predict_frame(bundle, frame).frame["y_predicted"]).all()


@pytest.mark.parametrize("missing", ["impute", "drop"])
def test_a_row_left_out_of_training_may_hold_any_number(missing):
    frame = linear_frame(300)
    frame.loc[9, "x1"] = 1e39
    frame.loc[9, "y" if missing == "impute" else "x2"] = np.nan  # no label, or a gap in a dropped row
    config = DataConfig(["x1", "x2"], ["y"], missing=missing)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        prepared = prepare(frame, config)
    assert len(prepared.train_rows) + len(prepared.val_rows) == 299
    assert np.isfinite(prepared.X_train).all() and np.isfinite(prepared.X_val).all()


@pytest.mark.parametrize("standardize, values, why", [
    # x − mean overflows float32
    ("zscore", [3e38 - i * 1e36 for i in range(40)] + [-3.3e38], "holds -3.3e+38 on data row 41: scaled by the "
                                                                  "training statistics, (x − 2.6561e+38) / 9.48619e+37"),
    # a column held about its center (3e38, far beyond its spread), less which one number overflows
    ("zscore", [3e38 + i * 1e30 for i in range(40)] + [-3.3e38], "holds -3.3e+38 on data row 41: less the column's "
                                                                  "center 3e+38 (a typical value of it), it goes past"),
    ("minmax", list(np.linspace(-3e38, 3e38, 41)),  # the range itself is beyond float32
     "holds 4.500000000000001e+37 on data row 24: scaled by the training statistics, (x − -3e+38) / 6e+38"),
])
def test_numbers_that_scale_past_float32_are_refused(standardize, values, why):
    frame = pd.DataFrame({"a": values, "b": np.arange(41) % 5, "y": np.arange(41) * 0.5})
    config = DataConfig(["a", "b"], ["y"], standardize=standardize, val_split=0.0)
    with warnings.catch_warnings(), pytest.raises(DataError) as info:
        warnings.simplefilter("error")
        prepare(frame, config)
    assert f"Feature column 'a' {why}" in info.value.message


def test_prediction_refuses_a_number_that_scales_past_float32():
    frame = linear_frame(200)
    frame["x1"] *= 0.001  # a scale of ~0.001: 3e38 is in float32's range, not once scaled
    bundle, _, _ = train_frame(frame, "y", epochs=1)
    new = linear_frame(20, seed=2).drop(columns="y")
    new.loc[4, "x1"] = 3e38
    with pytest.raises(DataError) as info:
        predict_frame(bundle, new)
    assert "Feature column 'x1' holds 3e+38 on data row 5" in info.value.message
    assert "scaled by the training statistics" in info.value.message and "units" in info.value.hint
