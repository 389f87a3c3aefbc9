"""The feature matrix's source: float64 columns in one 2-D block are gathered in one numpy call; a
frame that keeps a block per column (parsed whole, through a file object) is read column by column,
never copied whole first."""
from __future__ import annotations

import tracemalloc

import numpy as np
import pandas as pd

from dlstudio.core.feature_matrix import FeatureScan
from dlstudio.core.workers import Inline

ROWS, NAMES = 200_000, ["a", "b", "c", "d"]  # a float64 copy (6.4 MB) dwarfs the per-block scratch (0.5 MB)


def frames():
    values = np.random.default_rng(0).normal(size=(ROWS, len(NAMES)))
    side_by_side = pd.DataFrame(values, columns=NAMES)  # one 2-D block, as a parse by path keeps it
    apart = pd.concat([side_by_side[[c]].copy() for c in NAMES], axis=1)  # a block per column
    return side_by_side, apart


def held_values(frame: pd.DataFrame, center: np.ndarray) -> np.ndarray:
    """What X holds before scaling: float32(x − center), subtracted in float64."""
    return (frame.to_numpy(np.float64) - center).astype(np.float32)


def test_columns_side_by_side_are_gathered_as_one_matrix():
    side_by_side, _ = frames()
    scan = FeatureScan(side_by_side, NAMES, Inline())
    assert scan.matrix is not None and np.shares_memory(scan.matrix, side_by_side["a"].to_numpy())


def test_columns_kept_apart_are_not_copied_into_one_matrix_first():
    side_by_side, apart = frames()
    tracemalloc.start()
    scan = FeatureScan(apart, NAMES, Inline())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert scan.matrix is None and peak < ROWS * len(NAMES) * 8 / 4  # far below a float64 copy of all
    rows = np.arange(0, ROWS, 3)
    got = []
    for one in (scan, FeatureScan(side_by_side, NAMES, Inline())):
        mean = one.statistics(rows, np.arange(1, ROWS, 3), extremes=False)[0]
        got.append((one.standardized(np.zeros(4), np.ones(4), mean)[0], mean))
    np.testing.assert_array_equal(got[0][0], got[1][0])  # the same X either way
    held = held_values(side_by_side, scan.center)
    np.testing.assert_array_equal(got[0][0], held)  # every row, in file order
    expected_mean = held[rows].mean(axis=0, dtype=np.float64) + scan.center  # of X's values
    np.testing.assert_allclose(got[0][1], expected_mean, rtol=1e-12)


def test_a_number_missing_only_in_a_validation_row_is_imputed_with_the_training_mean():
    side_by_side, _ = frames()
    side_by_side.iloc[1, 2] = np.nan  # row 1 is a validation row; no training row misses a number
    train, val = np.arange(0, ROWS, 2), np.arange(1, ROWS, 2)
    scan = FeatureScan(side_by_side, NAMES, Inline())
    mean, std, _, _ = scan.statistics(train, val, extremes=False)
    held = held_values(side_by_side, scan.center)
    X, imputed = scan.standardized(mean - scan.center, std, mean - scan.center)
    assert list(scan.gaps) == [2] and imputed == 1
    assert not np.isnan(X).any() and X[1, 2] == 0.0  # (mean − mean) / std
    np.testing.assert_allclose(mean[2], np.nanmean(held[train, 2], dtype=np.float64) + scan.center[2], rtol=1e-12)


def test_a_far_out_number_outside_the_training_rows_leaves_their_statistics_alone():
    # every row's sums minus the validation and dropped rows' lost the training rows' digits: an outlier
    # of 1e12 in a validation row past the first block made a column 'constant', of 1e10 its std 1 % off
    side_by_side, _ = frames()
    train, val = np.arange(0, ROWS - 2, 2), np.arange(1, ROWS, 2)  # row ROWS - 2 is dropped (in neither)
    center = FeatureScan(side_by_side, NAMES, Inline()).center  # (of the first block: the outliers are past it)
    expected = held_values(side_by_side, center)[train].astype(np.float64)
    for far in (1e10, 1e12, 1e20):
        for row in (val[-1], ROWS - 2):
            frame = side_by_side.copy()
            frame.iloc[row, 1] = far
            mean, std, _, _ = FeatureScan(frame, NAMES, Inline()).statistics(train, val, extremes=False)
            np.testing.assert_allclose(mean, expected.mean(axis=0) + center, rtol=1e-9, atol=1e-12)
            np.testing.assert_allclose(std, expected.std(axis=0), rtol=1e-9)
