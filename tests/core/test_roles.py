"""Column roles: one label (or several numeric ones), features never overlap the label."""
import pandas as pd

from dlstudio.core import roles as R
from dlstudio.core.profile import profile_frame
from dlstudio.core.spec import DataConfig


def profiles():
    frame = pd.DataFrame({"id": range(1, 31), "a": [i * 0.5 for i in range(30)], "b": [i % 7 * 1.5 for i in range(30)],
                          "color": ["red", "green", "blue"] * 10, "y": [i * 2.0 + 1 for i in range(30)]})
    return profile_frame(frame)


def start():
    return DataConfig(features=["a", "b", "color"], labels=["y"], task="regression")


def test_a_new_label_replaces_the_old_one_which_becomes_a_feature():
    cfg = R.assign_role(start(), profiles(), "color", R.LABEL)
    assert cfg.labels == ["color"]
    assert cfg.features == ["a", "b", "y"]  # in column order
    assert cfg.task == "auto"  # the override was about the old label


def test_several_numeric_labels_only_when_allowed():
    ps = profiles()
    assert R.assign_role(start(), ps, "a", R.LABEL).labels == ["a"]
    both = R.assign_role(start(), ps, "a", R.LABEL, several_labels=True)
    assert both.labels == ["a", "y"] and both.features == ["b", "color"]
    text = R.assign_role(both, ps, "color", R.LABEL, several_labels=True)
    assert text.labels == ["color"]  # text cannot join a multi-output regression
    assert R.single_label(both, ps).labels == ["a"]
    assert "y" in R.single_label(both, ps).features


def test_features_and_ignored_and_the_override_kept_when_labels_stay():
    ps = profiles()
    cfg = R.assign_role(start(), ps, "b", R.IGNORED)
    assert cfg.features == ["a", "color"] and cfg.task == "regression"
    assert R.role_of(cfg, "b") == R.IGNORED and R.role_of(cfg, "y") == R.LABEL
    cfg = R.assign_role(cfg, ps, "y", R.FEATURE)
    assert cfg.labels == [] and cfg.features == ["a", "color", "y"]


def test_select_all_keeps_id_like_columns_and_labels_out():
    ps = profiles()
    assert R.all_features(R.no_features(start()), ps).features == ["a", "b", "color"]
    assert R.no_features(start()).features == []
    by_name = {p.name: p for p in ps}
    assert not by_name["id"].usable and R.can_be_feature(by_name["id"])  # numeric ID: allowed if insisted
    assert R.can_be_label(by_name["color"]) and R.is_numeric(by_name["a"]) and not R.is_numeric(by_name["color"])


def test_text_of_too_many_values_for_an_input_can_still_be_a_label_of_its_classes():
    """60 species: too many to one-hot encode as an input, a fine label (the core trains up to 100
    classes), yet the window offered no Label for it"""
    species = [f"sp{i % 60:02d}" for i in range(1200)]
    frame = pd.DataFrame({"x": [i * 0.1 for i in range(1200)], "species": species,
                          "code": [f"c{i:04d}" for i in range(1200)],
                          "many": [f"m{i % 150:03d}" for i in range(1200)]})
    by_name = {p.name: p for p in profile_frame(frame)}
    assert by_name["species"].kind == "identifier" and not R.can_be_feature(by_name["species"])
    assert R.can_be_label(by_name["species"])
    assert not R.can_be_label(by_name["code"])  # every value different: no class repeats
    assert not R.can_be_label(by_name["many"])  # 150 classes: more than a classification takes
