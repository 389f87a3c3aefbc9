"""Column profiles and suggested roles (issue 2 §1; issue 8 cases 18, 19, 21)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dlstudio.core import profile as prof
from dlstudio.core.preprocessing import prepare
from dlstudio.core.profile import profile_column, profile_frame, suggest_roles
from dlstudio.core.spec import DataConfig
from dlstudio.core.table import read_csv


@pytest.fixture
def mixed_frame() -> pd.DataFrame:
    n = 40
    rng = np.random.default_rng(1)
    return pd.DataFrame({
        "row_id": np.arange(1, n + 1),
        "height": rng.normal(170, 10, n).round(1),
        "color": ["red", "green", "blue", "red"] * (n // 4),
        "member": [True, False] * (n // 2),
        "rooms": [1, 2, 3, 4, 2] * (n // 5),
        "joined": pd.date_range("2024-01-01", periods=n).strftime("%Y-%m-%d"),
        "name": [f"person {i}" for i in range(n)],
        "country": ["NL"] * n,
        "notes": [np.nan] * n,
        "price": rng.uniform(1, 9, n).round(2),
    })


def kinds(frame) -> dict[str, str]:
    return {p.name: p.kind for p in profile_frame(frame)}


def test_each_kind_is_detected(mixed_frame):
    big_names = pd.DataFrame({"name": [f"n{i}" for i in range(80)]})
    assert kinds(mixed_frame) == {
        "row_id": "identifier", "height": "numeric", "color": "categorical", "member": "categorical",
        "rooms": "categorical", "joined": "datetime", "name": "identifier", "country": "constant",
        "notes": "empty", "price": "numeric"}
    assert kinds(big_names) == {"name": "identifier"}  # 80 different texts: an ID or free text


def test_counts_and_statistics_are_right():
    values = [1.0, 2.0, np.nan, 4.0, 4.0, np.nan, 10.0]
    p = profile_column("x", pd.Series(values))
    finite = np.array([v for v in values if v == v])
    assert (p.count, p.missing, p.unique) == (5, 2, 4)
    assert p.minimum == 1.0 and p.maximum == 10.0
    assert p.mean == pytest.approx(finite.mean())
    assert p.std == pytest.approx(finite.std(ddof=1))


def test_text_counts():
    p = profile_column("c", pd.Series(["a", "b", None, "a", "c", None], dtype="str"))
    assert (p.kind, p.count, p.missing, p.unique) == ("categorical", 4, 2, 3)


def test_whole_frame_profile_matches_column_by_column(mixed_frame):
    mixed_frame["with_nan"] = [np.nan, 1.5] * 20
    mixed_frame["ints"] = np.arange(40) % 7 * 1000
    together = profile_frame(mixed_frame)
    one_by_one = [profile_column(c, mixed_frame[c]) for c in mixed_frame.columns]
    assert together == one_by_one


def test_big_columns_count_uniques_from_a_sample(monkeypatch):
    monkeypatch.setattr(prof, "EXACT_UNIQUE_ROWS", 50)
    p = profile_column("x", pd.Series(np.arange(500) * 0.5))
    assert p.unique_exact is False and p.unique <= 50


def test_roles_label_last_usable_column_and_exclusions_with_reasons(mixed_frame):
    roles = suggest_roles(profile_frame(mixed_frame))
    assert roles.label == "price"
    assert roles.features == ["height", "color", "member", "rooms"]
    assert set(roles.excluded) == {"row_id", "joined", "name", "country", "notes"}
    assert "different" in roles.excluded["row_id"] and "different" in roles.excluded["name"]
    assert roles.excluded["country"] == "one value only ('NL')"
    assert roles.excluded["notes"] == "every value is missing"


def test_constant_column_reason_shows_the_value_plainly(write_csv):
    t = read_csv(write_csv("a,b,c\n1,5,x\n2,5,y\n3,5,z\n"))
    p = profile_frame(t.frame)[1]
    assert p.kind == "constant" and p.reason == "one value only (5)"
    assert not p.usable


def test_all_empty_column_from_file_is_marked_empty_and_excluded(write_csv):
    t = read_csv(write_csv("a,blank,y\n1,,3\n4,,6\n7,,8\n"))
    roles = suggest_roles(profile_frame(t.frame))
    assert "blank" in roles.excluded and "blank" not in roles.features
    assert any("'blank'" in n for n in t.notices)


def test_mixed_column_names_first_bad_value_and_row(write_csv):
    rows = "".join(f"{i},{i * 1.5}\n" for i in range(12)) + "12,oops\n13,2.5\n14,NA\n15,null\n16,N/A\n"
    t = read_csv(write_csv("a,weight\n" + rows))
    p = profile_frame(t.frame)[1]
    assert p.kind == "mixed" and p.first_bad_value == "oops"
    assert "'oops'" in p.reason and "data row 13" in p.reason
    assert p.missing == 3  # NA, null, N/A are missing values, not bad values
    assert "weight" in suggest_roles(profile_frame(t.frame)).excluded


def test_no_usable_column_gives_no_label():
    roles = suggest_roles(profile_frame(pd.DataFrame({"k": [1, 1, 1]})))
    assert roles.label is None and roles.features == []


def test_nullable_integer_columns_are_profiled_and_prepared():
    """A frame built in code may hold pandas' nullable Int64 (read_csv never makes one): its profile
    counts the missing values and its numbers train like any other column."""
    n = 60
    frame = pd.DataFrame({
        "age": pd.array([20 + i if i % 10 else None for i in range(n)], dtype="Int64"),
        "level": pd.array([i % 3 for i in range(n)], dtype="Int64"),
        "y": np.linspace(0.0, 1.0, n),
    })
    profiles = {p.name: p for p in profile_frame(frame)}
    age = profiles["age"]
    assert (age.kind, age.missing, age.count, age.unique) == (prof.NUMERIC, 6, 54, 54)
    assert age.minimum == 21 and age.maximum == 79
    assert profiles["level"].kind == prof.CATEGORICAL
    prepared = prepare(frame, DataConfig(["age"], ["y"], val_split=0.25), profiles)
    assert prepared.X_train.dtype == np.float32 and not np.isnan(prepared.X_train).any()
    assert len(prepared.X_train) + len(prepared.X_val) == n


def test_a_long_frame_is_profiled_from_a_sample_and_rechecked_where_a_sample_misleads(monkeypatch):
    monkeypatch.setattr(prof, "EXACT_UNIQUE_ROWS", 2_000)
    monkeypatch.setattr(prof, "PROFILE_SAMPLE_ROWS", 1_000)
    n = 10_000
    rng = np.random.default_rng(1)
    x = rng.normal(5.0, 2.0, n)
    x[rng.random(n) < 0.1] = np.nan
    frame = pd.DataFrame({"position": np.arange(n), "x": x, "same": np.full(n, 3.0),
                          "nothing": np.full(n, np.nan), "kind": rng.choice(["a", "b", "c"], n),
                          "rare": np.where(np.arange(n) == 7, "only", None)})
    profiles = {p.name: p for p in prof.profile_frame(frame)}
    sampled = profiles["x"]
    assert 900 <= sampled.sample_rows <= 1_000 and not sampled.unique_exact
    assert sampled.count + sampled.missing == n and 800 <= sampled.missing <= 1_200
    assert sampled.kind == prof.NUMERIC and abs(sampled.mean - 5.0) < 0.3 and abs(sampled.std - 2.0) < 0.3
    assert profiles["kind"].kind == prof.CATEGORICAL and profiles["kind"].unique == 3
    # what a sample can get wrong in a way that matters is checked on the whole column
    # (a sample's row numbers do not go up by one: only the whole column shows it counts the rows)
    position = profiles["position"]
    assert position.kind == prof.IDENTIFIER and position.unique == n and position.sample_rows == 0
    assert profiles["same"].kind == prof.CONSTANT and profiles["nothing"].kind == prof.EMPTY
    assert profiles["rare"].kind == prof.CONSTANT and profiles["rare"].count == 1  # one value, found exactly


@pytest.mark.parametrize("value", [1e39, -5e38])
def test_a_column_past_float32_is_too_large_and_left_out(value):
    from dlstudio.core.roles import can_be_feature, can_be_label
    frame = pd.DataFrame({"a": [value] + [float(i) for i in range(59)], "b": np.arange(60) % 7 * 1.5,
                          "y": np.arange(60) * 0.5})
    a = profile_frame(frame)[0]
    assert a.kind == prof.OVERSIZED and not a.usable and not can_be_feature(a) and not can_be_label(a)
    assert a.reason == f"holds {value:.6g}, past float32's ±3.4e38 (the network's numbers)"
    roles = suggest_roles(profile_frame(frame))
    assert roles.features == ["b"] and roles.label == "y" and "a" in roles.excluded
    assert profile_frame(frame.assign(a=frame["a"].clip(-3e38, 3e38)))[0].kind == prof.NUMERIC  # (3e38 fits)


def test_whole_numbers_past_64_bits_are_an_id_not_a_crash(write_csv):
    t = read_csv(write_csv("order,y\n" + "".join(f"{10**20 + i * 7919},{i % 3}\n" for i in range(30))))
    order = profile_frame(t.frame)[0]
    assert order.kind == prof.IDENTIFIER and order.reason == "whole numbers longer than 64 bits (an ID?)"


def test_numbers_written_with_signs_are_flagged_not_one_hot_encoded_per_value(write_csv):
    """12%, (8) and $1,200 read as text: each distinct number became its own one-hot input (or, past 50
    of them, an 'ID or free text'), nothing said they were numbers"""
    rows = "".join(f"{i}%,({i}),\"${i},200\",{i * 0.5}\n" for i in range(40))
    frame = read_csv(write_csv("rate,loss,price,y\n" + rows)).frame
    by_name = {p.name: p for p in profile_frame(frame)}
    for name, shown in (("rate", "'0%'"), ("loss", "'(0)'"), ("price", "'$0,200'")):
        assert by_name[name].kind == prof.MIXED and not by_name[name].usable, name
        assert by_name[name].reason.startswith(f"numbers written with signs around them ({shown}), read as text")
    assert suggest_roles(list(by_name.values())).features == []


def test_a_lone_dot_is_a_missing_value_as_stata_and_sas_write_it(write_csv):
    frame = read_csv(write_csv("score,y\n" + "".join(f"{'.' if i % 4 == 0 else i},{i}\n" for i in range(40)))).frame
    profile = profile_column("score", frame["score"])
    assert profile.kind == prof.NUMERIC and profile.missing == 10


@pytest.mark.parametrize("name, identifier", [("CustomerID", True), ("orderId", True), ("customer-id", True),
                                              ("paid", False), ("valid", False), ("IDEAL", False)])
def test_an_id_named_in_camel_case_is_an_identifier(name, identifier):
    """(random unique six-digit CustomerIDs became a numeric feature)"""
    values = np.random.default_rng(0).permutation(np.arange(100_000, 999_999))[:200]
    profile = profile_column(name, pd.Series(values))
    assert (profile.kind == prof.IDENTIFIER) is identifier
