"""prepare against a plain reference (issue 7 item 3): the threaded, sums-based path must give the
statistics of the training rows to 1e-12 and X bit for bit, whatever the columns hold."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dlstudio.core import centers as core_centers
from dlstudio.core import feature_matrix, preprocessing, workers
from dlstudio.core.preprocessing import prepare, split_indices
from dlstudio.core.preprocessor import MISSING_CATEGORY
from dlstudio.core.profile import CATEGORICAL, profile_frame
from dlstudio.core.spec import DataConfig
from dlstudio.core.task import REGRESSION, analyse_task, class_key, encode_labels


def mixed_frame(n: int = 3000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "f": rng.normal(size=n) * 40 + 7,
        "gaps": np.where(rng.random(n) < 0.05, np.nan, rng.normal(size=n)),
        "count": rng.integers(0, 500, n),  # int64
        "small": rng.integers(0, 3, n).astype(np.int32),  # few values: categorical
        "city": np.asarray(["Paris", "Oslo", None], dtype=object)[rng.integers(0, 3, n)],
        "constant": np.full(n, 2.5),
        "far": 1e7 + rng.normal(size=n) * 1e-3,  # held about its center (float32(x) keeps steps of 1 there)
        "offset": rng.normal(size=n) + 30,  # 30 spreads from 0: held as it is
        "flag": rng.random(n) < 0.3,
        "label": np.asarray(["a", "b", "c"], dtype=object)[rng.integers(0, 3, n)],
    })
    frame.loc[rng.random(n) < 0.02, "label"] = None
    return frame


FEATURES = ["f", "gaps", "count", "small", "city", "constant", "far", "offset", "flag"]
NUMBERS = ["f", "gaps", "count", "constant", "far", "offset"]  # no one-hot columns: X_train and X_val share a matrix


def centers(frame: pd.DataFrame, numeric: list[str], config: DataConfig) -> np.ndarray:
    """Each column's center: the median of the frame's first rows to a multiple of the power of two below
    its middle half's spread there (1 at least where those rows are whole numbers), where it is beyond
    FAR × that spread; none ('none' scaling keeps the values as they are)."""
    if config.standardize == "none":
        return np.zeros(len(numeric))
    first = frame[numeric].iloc[:core_centers.CENTER_ROWS].to_numpy(np.float64, na_value=np.nan)
    low, median, high = np.nanpercentile(first, [25, 50, 75], axis=0)
    spread = high - low
    whole = np.all((first == np.round(first)) | np.isnan(first), axis=0)
    with np.errstate(divide="ignore"):
        step = np.where(spread > 0, 2.0 ** np.floor(np.log2(spread)), 0.0)
    step = np.where(whole, np.maximum(step, 1.0), step)
    typical = np.where(step > 0, np.round(median / np.where(step > 0, step, 1.0)) * step, median)
    return np.where((spread > 0) & (np.abs(typical) > core_centers.FAR * spread), typical, 0.0)


def reference(frame: pd.DataFrame, config: DataConfig, profiles) -> dict:
    """The steps one at a time: keep, task, split, float32 values about each column's center (subtracted
    in float64), NaN-aware statistics."""
    keep = frame[config.labels].notna().all(axis=1).to_numpy()
    if config.missing == "drop":
        keep = keep & frame[config.features].notna().all(axis=1).to_numpy()
    rows = np.flatnonzero(keep)
    kept = frame.iloc[rows]
    task = analyse_task(kept, config.labels, config.task)
    y = encode_labels(task, kept)
    strata = None if task.kind == REGRESSION else y.reshape(-1).astype(np.int64)
    train, val = split_indices(len(kept), config.val_split, config.split_seed, strata)
    categorical = [c for c in config.features if profiles[c].kind == CATEGORICAL]
    numeric = [c for c in config.features if c not in categorical]
    center = centers(frame, numeric, config)
    values = (kept[numeric].to_numpy(dtype=np.float64, na_value=np.nan) - center).astype(np.float32)
    training = values[train].astype(np.float64)
    with np.errstate(all="ignore"):
        mean, std = np.nanmean(training, axis=0) + center, np.nanstd(training, axis=0)
        low, high = np.nanmin(training, axis=0) + center, np.nanmax(training, axis=0) + center
    shift, scale = {"zscore": (mean, std), "minmax": (low, high - low),
                    "none": (np.zeros_like(mean), np.ones_like(mean))}[config.standardize]
    scale = np.where((scale == 0) | ~np.isfinite(scale), 1.0, scale)
    categories = {}
    for c in categorical:
        seen = kept[c].iloc[train]
        cats = sorted({class_key(v) for v in seen.dropna()}, key=lambda v: (str(type(v)), v))
        categories[c] = cats + ([MISSING_CATEGORY] if seen.isna().any() else [])
    return dict(rows=rows, train=train, val=val, y=y, numeric=numeric, values=values, mean=mean, center=center,
                shift=shift, scale=scale, categories=categories, kept=kept)


def expected_X(ref: dict, part: np.ndarray, pre) -> np.ndarray:
    """X of the rows ``part`` from the reference's values and the fitted shift, scale, impute, less the
    center, in float32."""
    x = ref["values"][part].copy()
    shift, scale, impute = (np.asarray(v, dtype=np.float64) - c for v, c in
                            ((pre.shift, ref["center"]), (pre.scale, 0), (pre.impute, ref["center"])))
    x = np.where(np.isnan(x), impute.astype(np.float32), x)
    x = (x - shift.astype(np.float32)) / scale.astype(np.float32)
    blocks = [x.astype(np.float32)]
    for c, cats in ref["categories"].items():
        keys = [MISSING_CATEGORY if pd.isna(v) else class_key(v) for v in ref["kept"][c].iloc[part]]
        blocks.append(np.array([[k == cat for cat in cats] for k in keys], dtype=np.float32).reshape(len(part), -1))
    return np.hstack(blocks)


@pytest.mark.parametrize("features", [FEATURES, NUMBERS], ids=["mixed", "numbers"])
@pytest.mark.parametrize("threads", [False, True])
@pytest.mark.parametrize("missing", ["impute", "drop"])
@pytest.mark.parametrize("standardize", ["zscore", "minmax", "none"])
def test_prepare_matches_the_reference(monkeypatch, threads, missing, standardize, features):
    if threads:  # the worker threads even for a small frame
        monkeypatch.setattr(workers, "PARALLEL_CELLS", 0)
        monkeypatch.setattr(feature_matrix, "BLOCK", 512)  # many blocks and tasks
        monkeypatch.setattr(feature_matrix, "_TASK_ROWS", 1024)
    frame = mixed_frame()
    profiles = {p.name: p for p in profile_frame(frame)}
    config = DataConfig(features, ["label"], standardize=standardize, missing=missing, val_split=0.25)
    got = prepare(frame, config, profiles)
    ref = reference(frame, config, profiles)
    pre = got.preprocessor
    assert pre.numeric == ref["numeric"] and pre.categorical == ref["categories"]
    np.testing.assert_array_equal(pre.centers(), ref["center"])
    np.testing.assert_allclose(pre.impute, ref["mean"], rtol=1e-12)
    np.testing.assert_allclose(pre.shift, ref["shift"], rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(pre.scale, ref["scale"], rtol=1e-12)
    np.testing.assert_array_equal(got.train_rows, ref["rows"][ref["train"]])
    np.testing.assert_array_equal(got.val_rows, ref["rows"][ref["val"]])
    np.testing.assert_array_equal(got.y_train, ref["y"][ref["train"]].astype(np.int64))
    np.testing.assert_array_equal(got.y_val, ref["y"][ref["val"]].astype(np.int64))
    for X, part in ((got.X_train, ref["train"]), (got.X_val, ref["val"])):
        assert X.dtype == np.float32 and X.flags.c_contiguous
        np.testing.assert_array_equal(X, expected_X(ref, part, pre))  # bit for bit
    imputed = np.isnan(ref["values"]).any(axis=1).sum()
    assert (f"{imputed} row(s) had missing numbers" in " ".join(got.notices)) == (imputed > 0)


def test_numeric_label_and_float32_int_bool_inputs_match_without_profiles(monkeypatch):
    monkeypatch.setattr(workers, "PARALLEL_CELLS", 0)
    rng = np.random.default_rng(4)
    n = 2000
    frame = pd.DataFrame({"a": rng.normal(size=n).astype(np.float32), "b": rng.integers(-9, 9, n) * 1000,
                          "c": rng.random(n) < 0.5,
                          "y": rng.normal(size=n)})
    config = DataConfig(["a", "b", "c"], ["y"], val_split=0.3)
    got = prepare(frame, config)  # kinds from profile_column on the rows kept
    ref = reference(frame, config, {p.name: p for p in profile_frame(frame)})
    np.testing.assert_allclose(got.preprocessor.shift, ref["shift"], rtol=1e-12)
    np.testing.assert_allclose(got.preprocessor.scale, ref["scale"], rtol=1e-12)
    np.testing.assert_array_equal(got.X_train, expected_X(ref, ref["train"], got.preprocessor))
    np.testing.assert_array_equal(got.y_val, ref["y"][ref["val"]])


def test_sums_that_would_cancel_fall_back_to_the_training_rows(monkeypatch):
    monkeypatch.setattr(feature_matrix, "BLOCK", 16)  # the shift c: the mean of the first 16 rows
    calls = []
    real = feature_matrix.column_stats
    monkeypatch.setattr(feature_matrix, "column_stats", lambda *a, **k: calls.append(a) or real(*a, **k))
    rng = np.random.default_rng(2)
    n = 400
    frame = pd.DataFrame({"x": rng.normal(size=n) * 1e-3 + 5, "y": rng.normal(size=n)})
    frame.loc[:15, "x"], frame.loc[:15, "y"] = 1e6, np.nan  # far from the rest, and dropped (no label)
    config = DataConfig(["x"], ["y"], val_split=0.2)
    got = prepare(frame, config)
    ref = reference(frame, config, {p.name: p for p in profile_frame(frame)})
    assert calls, "the exact statistics were not used"
    np.testing.assert_allclose(got.preprocessor.shift, ref["shift"], rtol=1e-12)
    np.testing.assert_allclose(got.preprocessor.scale, ref["scale"], rtol=1e-12)
    np.testing.assert_array_equal(got.X_train, expected_X(ref, ref["train"], got.preprocessor))


def test_a_label_of_many_numbers_is_counted_not_factorized(monkeypatch):
    rng = np.random.default_rng(5)
    n = 3000
    frame = pd.DataFrame({"x": rng.normal(size=n), "y": rng.normal(size=n) * 10})
    frame.loc[rng.random(n) < 0.02, "y"] = np.nan  # rows without a label are dropped
    monkeypatch.setattr(preprocessing, "factorize", lambda *a: pytest.fail("factorized a label of many numbers"))
    config = DataConfig(["x"], ["y"], val_split=0.25)
    got = prepare(frame, config)
    monkeypatch.undo()
    ref = reference(frame, config, {p.name: p for p in profile_frame(frame)})
    assert got.task.kind == REGRESSION and got.task.reason == f"'y' holds numbers with {frame['y'].nunique()} different values"
    np.testing.assert_array_equal(got.train_rows, ref["rows"][ref["train"]])
    np.testing.assert_array_equal(got.y_train, ref["y"][ref["train"]])
    np.testing.assert_array_equal(got.y_val, ref["y"][ref["val"]])


def test_many_numbers_in_the_label_but_few_in_the_rows_kept_are_classes():
    """The rows dropped for a missing feature held the label's other values: the task is read from the
    rows kept, as before."""
    frame = pd.DataFrame({"x": np.r_[np.full(150, np.nan), np.arange(150.0)],
                          "y": np.r_[np.arange(1000, 1150), np.arange(150) % 10]})
    config = DataConfig(["x"], ["y"], missing="drop", val_split=0.2)
    got = prepare(frame, config)
    ref = reference(frame, config, {p.name: p for p in profile_frame(frame)})
    assert got.task.kind == "multiclass" and got.task.classes == tuple(range(10))
    np.testing.assert_array_equal(got.y_train, ref["y"][ref["train"]].astype(np.int64))
    np.testing.assert_array_equal(got.val_rows, ref["rows"][ref["val"]])
