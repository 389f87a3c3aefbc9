"""Dates as inputs: chosen as a feature, a date column is read as days since 1970-01-01 in the format
its first dates are written in, the same way when predicting (it used to be refused as an input)."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from dlstudio import cli
from dlstudio.core.date_inputs import as_days, date_format
from dlstudio.core.errors import DataError, SpecError
from dlstudio.core.preprocessing import prepare
from dlstudio.core.preprocessor import Preprocessor
from dlstudio.core.profile import DATETIME, profile_frame, suggest_roles
from dlstudio.core.roles import can_be_feature
from dlstudio.core.spec import DataConfig
from dlstudio.core.table import read_csv
from tests.core.helpers import train_frame


def sales_csv(folder, n: int = 400, fmt: str = "%d/%m/%Y"):
    rng = np.random.default_rng(0)
    when = pd.date_range("2021-03-01", periods=n, freq="D")
    frame = pd.DataFrame({"when": when.strftime(fmt), "x": rng.normal(size=n),
                          "y": np.arange(n) * 0.5 + rng.normal(size=n)})
    frame.loc[5, "when"] = "soon"  # a stray cell: missing, not the column lost
    path = folder / "sales.csv"
    frame.to_csv(path, index=False)
    return path, when


def test_a_date_column_is_offered_as_a_feature_and_read_as_days(tmp_path):
    path, when = sales_csv(tmp_path)
    table = read_csv(path)
    profiles = {p.name: p for p in profile_frame(table.frame)}
    assert profiles["when"].kind == DATETIME and "days since 1970-01-01" in profiles["when"].reason
    assert can_be_feature(profiles["when"])
    assert "when" not in suggest_roles(list(profiles.values())).features  # chosen, not by default
    prepared = prepare(table.frame, DataConfig(["when", "x"], ["y"], val_split=0.2), profiles)
    pre = prepared.preprocessor
    assert pre.dates == {"when": "%d/%m/%Y"} and pre.numeric == ["when", "x"]
    assert "Column 'when': 1 cell(s) are not dates written as %d/%m/%Y (e.g. 'soon'); taken as missing." in prepared.notices
    days = ((when - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)).to_numpy()
    train = prepared.train_rows[prepared.train_rows != 5]
    np.testing.assert_allclose(pre.shift[0], days[train].mean(), rtol=1e-12)  # (days fit float32 exactly)
    again = Preprocessor.from_dict(json.loads(json.dumps(pre.to_dict())))
    X = again.transform(table.frame.drop(columns="y"))
    np.testing.assert_array_equal(X[prepared.train_rows], prepared.X_train)  # predicting reads them alike


def test_a_model_learns_from_the_date(tmp_path):
    path, _ = sales_csv(tmp_path)
    frame = read_csv(path).frame
    bundle, prepared, _ = train_frame(frame, "y", ["when"], epochs=60, lr=0.01)
    assert bundle.metrics["val"]["r2"] > 0.9  # y grows by half a unit a day


@pytest.mark.parametrize("written, fmt", [
    (["01/13/2024", "02/01/2024"], "%m/%d/%Y"),  # 13: the month comes first
    (["13/01/2024", "02/01/2024"], "%d/%m/%Y"),
    (["2024-01-13 08:30:00", "2024-01-14 09:00:00"], "ISO8601"),  # (first among the formats that read all)
    (["2024-01-13T08:30:00+01:00", "2024-01-14T09:00:00+01:00"], "ISO8601"),
])
def test_the_format_is_the_one_that_reads_the_first_dates(written, fmt):
    column = pd.Series(written * 3, name="d")
    assert date_format(column) == fmt
    days, unread = as_days(column, fmt)
    assert not unread.any() and np.isfinite(days).all()
    if "+01:00" in written[0]:  # taken to UTC: 08:30 at +01:00 is 07:30
        assert days[0] == pytest.approx((pd.Timestamp("2024-01-13 07:30") - pd.Timestamp("1970-01-01")).days + 7.5 / 24)


def test_a_file_to_predict_on_with_dates_in_another_format_says_so(tmp_path):
    path, _ = sales_csv(tmp_path)
    frame = read_csv(path).frame
    bundle, _, _ = train_frame(frame, "y", ["when", "x"], epochs=2)
    new = pd.DataFrame({"when": ["01/04/2022", " 02/04/2022", "03/04/2022", "2022-04-04"], "x": [0.1, 0.2, 0.3, 0.4]})
    notices: list[str] = []
    X = bundle.preprocessor.transform(new, notices)
    assert "Column 'when': 1 cell(s) are not dates written as %d/%m/%Y (e.g. '2022-04-04'); taken as missing." in notices
    assert np.isfinite(X).all()  # (the unread cell: imputed with the training mean; ' 02/04/2022' read)
    with pytest.raises(DataError, match=r"Column 'when': 3 of its 4 dates are not written as %d/%m/%Y \(e.g. '2022-04-01'\)"):
        bundle.preprocessor.transform(pd.DataFrame({"when": ["2022-04-01", "2022-04-02", "2022-04-03", "01/04/2022"],
                                                    "x": [0.1, 0.2, 0.3, 0.4]}))


def test_an_edited_model_reading_a_category_as_dates_is_refused():
    state = {"numeric": ["x"], "dates": {"city": "%Y"}, "shift": [0.0], "scale": [1.0], "impute": [0.0],
             "categorical": {"city": ["a"]}, "standardize": "zscore"}
    with pytest.raises(SpecError, match="reads as dates a column that is not among its numeric inputs"):
        Preprocessor.from_dict(state)


def test_the_command_line_takes_a_date_feature_named_with_features(tmp_path, capsys):
    path, _ = sales_csv(tmp_path)
    out = tmp_path / "model"
    assert cli.main(["train", str(path), "--label", "y", "--out", str(out), "--epochs", "2", "--threads", "1"]) == 0
    assert "Name when with --features to use them anyway." in capsys.readouterr().err
    assert cli.main(["train", str(path), "--label", "y", "--features", "when,x", "--out", str(out), "--epochs", "2",
                     "--threads", "1"]) == 0
    doc = json.loads((out / "model.json").read_text())
    assert doc["preprocessing"]["dates"] == {"when": "%d/%m/%Y"}
    capsys.readouterr()
    assert cli.main(["predict", str(out), str(path), "-o", str(tmp_path / "p.csv")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["rows"] == 400 and "r2" in result["metrics"]


def test_dates_that_read_either_way_till_late_in_the_column_are_read_day_first():
    """(a minute log starting on 1 February: its first thousand dates all read 01/02 either way; the
    format was chosen on them, month first, and 12,720 of 30,000 cells went missing, 15,840 wrong)"""
    stamps = pd.date_range("2024-02-01", periods=30_000, freq="min")
    column = pd.Series(stamps.strftime("%d/%m/%Y %H:%M"), name="t")
    assert date_format(column) == "%d/%m/%Y %H:%M"
    days, unread = as_days(column, "%d/%m/%Y %H:%M")
    assert not unread.any()
    np.testing.assert_allclose(days, (stamps - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1))


def test_dates_that_read_either_way_everywhere_are_read_month_first_with_a_notice():
    column = pd.Series([f"01/{m:02d}/{y}" for y in range(1990, 2000) for m in range(1, 13)], name="month")
    notices: list[str] = []
    assert date_format(column, notices) == "%m/%d/%Y"
    assert notices == ["Column 'month': its dates read alike day first and month first (such as '01/01/1990'); they "
                       "are read month first (%m/%d/%Y). If they are day first, write them as 2024-01-31."]


@pytest.mark.parametrize("written, fmt", [
    (["31/01/23", "01/02/23"], "%d/%m/%y"),  # two-digit years: pandas guesses no format
    (["TBD", "31.01.2024", "01.02.2024"], "%d.%m.%Y"),  # a first cell that is no date
    (["2024-01-01", "2024-01-01 06:00:00"], "ISO8601"),  # dates with and without a time
])
def test_a_format_is_found_where_the_first_cell_does_not_tell(written, fmt):
    column = pd.Series(written * 20, name="d")
    assert date_format(column) == fmt
    days, unread = as_days(column, fmt)
    assert int(unread.sum()) == (20 if written[0] == "TBD" else 0)


def test_a_column_of_no_one_date_format_is_refused_naming_a_cell():
    column = pd.Series(["2024-01-01", "31/01/2024", "Jan 5", "soon", "later", "never"] * 5, name="d")
    with pytest.raises(DataError, match="holds dates in no one format that reads most of them"):
        date_format(column)


def test_offsets_of_summer_and_winter_in_one_column_are_dates(tmp_path):
    """(the profile's look at the dates raised 'Mixed timezones detected': the file did not open)"""
    path = tmp_path / "dst.csv"
    path.write_text("t,y\n2024-03-30T12:00:00+01:00,1\n2024-03-31T12:00:00+02:00,2\n2024-04-01T12:00:00+02:00,3\n"
                    "2024-04-02T12:00:00+02:00,4\n", encoding="utf-8")
    table = read_csv(path)
    profiles = {p.name: p for p in profile_frame(table.frame)}
    assert profiles["t"].kind == DATETIME
    prepared = prepare(table.frame, DataConfig(["t"], ["y"], val_split=0.0), profiles)
    X_days = np.array(prepared.preprocessor.shift[0])
    assert np.isfinite(prepared.X).all() and X_days > 19_800  # (days since 1970 of spring 2024: ~19,812)


@pytest.mark.parametrize("written, fmt", [(["Mar 01, 2023", "Mar 02, 2023"], "%b %d, %Y"),
                                          (["01 March 2023", "02 March 2023"], "%d %B %Y")])
def test_dates_with_month_names_are_dates(written, fmt):
    """(profiled as 'an ID or free text', or as categories where they were few)"""
    frame = pd.DataFrame({"d": written * 30, "y": np.arange(60.0)})
    profiles = {p.name: p for p in profile_frame(frame)}
    assert profiles["d"].kind == DATETIME and date_format(frame["d"]) == fmt
    assert profile_frame(pd.DataFrame({"d": ["Paris 12", "Oslo 3"] * 30}))[0].kind != DATETIME


def test_whole_numbers_written_as_yyyymmdd_are_dates(tmp_path):
    """(20231231 and 20240101 were 8,870 apart as numbers, one day as dates)"""
    when = pd.date_range("2023-12-01", periods=200, freq="D")
    stamps = when.strftime("%Y%m%d").astype(int)
    path = tmp_path / "ymd.csv"
    frame = pd.DataFrame({"day": stamps, "gappy": stamps.astype(float), "order": 10_000_000 + np.arange(200) * 37,
                          "y": np.arange(200) * 0.5})
    frame.loc[3, "gappy"] = np.nan
    frame.to_csv(path, index=False)
    table = read_csv(path)
    profiles = {p.name: p for p in profile_frame(table.frame)}
    assert profiles["day"].kind == DATETIME and profiles["gappy"].kind == DATETIME
    assert profiles["order"].kind != DATETIME  # 8 digits that are no dates (a 13th month soon)
    prepared = prepare(table.frame, DataConfig(["day", "gappy"], ["y"], val_split=0.0), profiles)
    days = ((when - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)).to_numpy()
    assert prepared.preprocessor.dates == {"day": "ISO8601", "gappy": "ISO8601"}
    np.testing.assert_allclose(prepared.preprocessor.shift, [days.mean(), np.delete(days, 3).mean()], rtol=1e-12)
    again = prepared.preprocessor.transform(table.frame)
    np.testing.assert_array_equal(again, prepared.X)
