"""A new CSV → predictions in the person's units (issue 2 §8; issue 8 case 24)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dlstudio.core.errors import DataError
from dlstudio.core.predict import predict_frame
from dlstudio.core.spec import ModelSpec
from dlstudio.core.table import read_csv
from tests.conftest import blobs_frame, linear_frame
from tests.core.helpers import train_frame


@pytest.fixture(scope="module")
def shop():
    """y = x + 5·[color is red]: a model with a numeric and a categorical input."""
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"x": rng.normal(size=120).round(3), "color": ["red", "blue", "green"] * 40})
    frame["y"] = frame["x"] + 5 * (frame["color"] == "red") + rng.normal(scale=0.01, size=120)
    bundle, _, _ = train_frame(frame, "y", epochs=3, lr=0.05, batch_size=16)
    return bundle


def test_regression_predictions_are_in_the_label_units(regression_run):
    bundle = regression_run[0]
    frame = linear_frame(40, seed=9).drop(columns="y")
    result = predict_frame(bundle, frame)
    truth = 3 * frame["x1"] - 2 * frame["x2"] + 1
    assert result.prediction_columns == ["y_predicted"]
    assert list(result.frame.columns) == ["x1", "x2", "y_predicted"]
    assert np.abs(result.frame["y_predicted"] - truth).max() < 0.3
    assert result.metrics is None


def test_column_order_does_not_matter_and_extra_columns_are_noticed(regression_run):
    bundle = regression_run[0]
    frame = linear_frame(30, seed=4).drop(columns="y")
    shuffled = frame[["x2", "x1"]].assign(comment="hi", row=range(30))
    plain, odd = predict_frame(bundle, frame), predict_frame(bundle, shuffled)
    assert np.array_equal(plain.frame["y_predicted"], odd.frame["y_predicted"])
    assert list(odd.frame.columns) == ["x2", "x1", "comment", "row", "y_predicted"]
    assert any("Ignored 2 column(s)" in n and "comment" in n and "row" in n for n in odd.notices)


def test_missing_columns_are_all_listed(blobs_run):
    with pytest.raises(DataError) as info:
        predict_frame(blobs_run[0], pd.DataFrame({"z": [1.0]}))
    text = str(info.value)
    assert "2 column(s)" in text and "a, b" in text and "order does not matter" in text


def test_classes_are_named_with_one_probability_column_each(blobs_run):
    bundle = blobs_run[0]
    frame = blobs_frame(10, seed=2)
    result = predict_frame(bundle, frame.drop(columns="color"))
    assert result.prediction_columns == ["color_predicted", "color_proba_blue", "color_proba_green",
                                         "color_proba_red"]
    proba = result.frame[result.prediction_columns[1:]].to_numpy()
    assert proba.sum(axis=1) == pytest.approx(np.ones(len(frame)), abs=1e-5)
    assert (result.frame["color_predicted"] == frame["color"]).mean() >= 0.95
    best = np.array(bundle.task.classes)[proba.argmax(axis=1)]
    assert (best == result.frame["color_predicted"]).all()


def test_labels_in_the_file_give_metrics_even_when_some_are_missing(blobs_run):
    frame = blobs_frame(10, seed=2)
    frame.loc[[0, 5], "color"] = None
    result = predict_frame(blobs_run[0], frame)
    assert result.metrics["accuracy"] >= 0.95
    assert np.array(result.metrics["confusion"]).sum() == len(frame) - 2
    assert any("28 row(s) that have a label" in n for n in result.notices)


def test_unseen_category_is_warned_and_encoded_as_zeros(shop):
    frame = pd.DataFrame({"x": [0.5, 0.5, 0.5], "color": ["red", "purple", "blue"]})
    result = predict_frame(shop, frame)
    assert any("'purple'" in n and "all zeros" in n for n in result.notices)
    assert np.isfinite(result.frame["y_predicted"]).all()
    X = shop.preprocessor.transform(frame)
    assert X[1, 1:].tolist() == [0.0, 0.0, 0.0]


def test_missing_values_are_imputed_with_the_training_mean(shop):
    frame = pd.DataFrame({"x": [np.nan, shop.preprocessor.impute[0]], "color": [None, None]})
    result = predict_frame(shop, frame)
    assert result.frame["y_predicted"][0] == pytest.approx(result.frame["y_predicted"][1])
    assert any("missing numbers" in n for n in result.notices)
    assert any("'color'" in n for n in result.notices)  # no missing category in training: zeros, said


def test_predictions_are_made_in_eval_mode():
    bundle, _, _ = train_frame(linear_frame(80), "y", epochs=1, batch_size=16,
                               spec=ModelSpec.parse("32,relu,dropout:0.5,batchnorm"))
    bundle.model.train()
    frame = linear_frame(20, seed=1)
    first, second = predict_frame(bundle, frame), predict_frame(bundle, frame)
    assert np.array_equal(first.frame["y_predicted"], second.frame["y_predicted"])
    assert bundle.model.training  # left as it was found


def test_prediction_csv_read_from_disk(regression_run, write_csv):
    bundle = regression_run[0]
    path = write_csv("x2;x1\n0,5;1,0\nNA;2,0\n", "new.csv")
    table = read_csv(path)
    result = predict_frame(bundle, table.frame)
    assert len(result.frame) == 2 and np.isfinite(result.frame["y_predicted"]).all()
    assert result.frame["y_predicted"][0] == pytest.approx(3 * 1.0 - 2 * 0.5 + 1, abs=0.3)


def test_class_codes_read_as_text_in_the_file_to_predict_on_are_the_classes_trained():
    """A label of 1/2/3 read as numbers in training, as text in a file where one cell is text."""
    frame = blobs_frame(20, seed=3)
    frame["color"] = frame["color"].map({"red": 1, "green": 2, "blue": 3})
    bundle, _, _ = train_frame(frame, "color", epochs=5, batch_size=16)
    result = predict_frame(bundle, frame.head(12).assign(color=frame["color"].head(12).astype(str)))
    assert result.metrics is not None
    assert result.metrics["confusion"] == predict_frame(bundle, frame.head(12)).metrics["confusion"]
    assert not any("does not know" in n for n in result.notices)


def test_category_codes_a_file_reads_as_numbers_are_the_codes_trained(write_csv):
    """Trained where a cell of text kept 00501 as text; a file of codes alone reads 501, which matched
    no category: one-hot all zeros, another answer for the same row"""
    rng = np.random.default_rng(5)
    code = rng.choice(["00501", "00502", "A"], 300)
    frame = pd.DataFrame({"x": rng.normal(size=300).round(3), "code": code})
    frame["y"] = np.where(code == "00501", 4.0, np.where(code == "00502", -4.0, 0.0)) + frame["x"]
    train = read_csv(write_csv(frame.to_csv(index=False), "train.csv")).frame
    assert train["code"].iloc[0] in ("00501", "00502", "A")  # text, as the person wrote it
    bundle, _, _ = train_frame(train, "y", epochs=30, lr=0.05, batch_size=16)
    codes_only = frame[frame.code != "A"].drop(columns="y")
    table = read_csv(write_csv(codes_only.to_csv(index=False), "codes.csv"))
    assert table.frame["code"].dtype.kind == "i"  # (501, 502: the read's own business)
    assert any("unseen value(s) '501'" in n for n in predict_frame(bundle, table.frame).notices)  # (no file)
    result = predict_frame(bundle, table.frame, table.source)
    assert not any("unseen" in n for n in result.notices)
    alone = predict_frame(bundle, codes_only.reset_index(drop=True))  # the cells as text: the trained codes
    np.testing.assert_allclose(result.frame["y_predicted"], alone.frame["y_predicted"], rtol=1e-6)
    assert result.frame["code"].tolist()[:3] == codes_only["code"].tolist()[:3]


def test_an_infinity_refuses_a_file_to_predict_on_only_where_the_model_reads_it(regression_run, write_csv):
    """'inf' in a column the model ignores (or in its label) refused the whole prediction"""
    bundle = regression_run[0]
    path = write_csv("x1,x2,ratio,y\n1.0,0.5,inf,2.0\n2.0,0.0,1.0,inf\n", "new.csv")
    with pytest.raises(DataError, match="infinite"):
        read_csv(path)  # (training data: refused as before)
    table = read_csv(path, infinities_refused=False)
    result = predict_frame(bundle, table.frame, table.source)
    assert np.isfinite(result.frame["y_predicted"]).all() and result.metrics is None
    assert any(n.startswith("No metrics: Label column 'y' holds an infinite value") for n in result.notices)
    table = read_csv(write_csv("x1,x2\n1.0,-inf\n", "bad.csv"), infinities_refused=False)
    with pytest.raises(DataError, match="Feature column 'x2' holds an infinite value on data row 1"):
        predict_frame(bundle, table.frame, table.source)


def test_a_whole_number_category_with_gaps_keeps_them_missing_in_a_file_to_predict_on(write_csv):
    """Its '(missing)' category made the column look like text categories: the file was read again as
    text, and its NA cells became the unseen category 'NA' (one-hot all zeros) instead of '(missing)'"""
    rng = np.random.default_rng(2)
    rooms = rng.integers(1, 5, 200).astype(float)
    rooms[::9] = np.nan
    frame = pd.DataFrame({"x": rng.normal(size=200).round(3), "rooms": rooms})
    frame["y"] = frame["x"] + np.nan_to_num(frame["rooms"], nan=10.0)
    frame["rooms"] = frame["rooms"].astype("Int64")
    train = read_csv(write_csv(frame.to_csv(index=False), "train.csv")).frame
    bundle, prepared, _ = train_frame(train, "y", epochs=3, batch_size=16, data={"standardize": "zscore"})
    assert "(missing)" in bundle.preprocessor.categorical["rooms"]
    text = "x,rooms\n" + "".join(f"{x},{'NA' if i % 3 == 0 else r}\n" for i, (x, r) in
                                 enumerate(zip(frame["x"][:30], frame["rooms"].fillna(1)[:30])))
    table = read_csv(write_csv(text, "new.csv"))
    result = predict_frame(bundle, table.frame, table.source)
    assert not any("unseen" in n for n in result.notices)
    same = predict_frame(bundle, table.frame)  # read as numbers, NA missing: the (missing) input
    np.testing.assert_allclose(result.frame["y_predicted"], same.frame["y_predicted"], rtol=1e-6)
