"""Label → task, loss, width, label tensor and decoding (issue 2 §3; issue 8 case 23)."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import torch
from torch import nn

from dlstudio.core import pipeline
from dlstudio.core.errors import DataError, SpecError, TrainingError
from dlstudio.core.losses import decode_outputs, make_loss
from dlstudio.core.preprocessing import prepare
from dlstudio.core.profile import profile_frame
from dlstudio.core.spec import DataConfig
from dlstudio.core.table import read_csv
from dlstudio.core.task import (BINARY, MULTICLASS, REASONS, REGRESSION, TaskInfo, analyse_task, class_key,
                                class_weights, encode_labels)
from tests.conftest import blobs_frame
from tests.core.helpers import train_frame


def task_of(values, override="auto", name="y") -> TaskInfo:
    return analyse_task(pd.DataFrame({name: values}), [name], override)


def test_regression_from_many_float_values():
    t = task_of(np.linspace(0, 1, 50))
    assert (t.kind, t.output_width, t.proposed_loss, t.main_metric) == (REGRESSION, 1, "mse", "r2")
    assert set(t.losses) >= {"mse", "l1", "smooth_l1", "huber"}
    assert t.label_shape == "(batch, 1) float32"


def test_several_numeric_labels_make_multi_output_regression():
    frame = pd.DataFrame({"a": np.arange(10.0), "b": np.arange(10.0) * 2})
    t = analyse_task(frame, ["a", "b"])
    assert (t.kind, t.output_width) == (REGRESSION, 2)
    y = encode_labels(t, frame)
    assert y.dtype == np.float32 and y.shape == (10, 2)
    with pytest.raises(SpecError):
        analyse_task(frame, ["a", "b"], "multiclass")


def test_binary_from_two_values_of_any_kind():
    for values in (["no", "yes"] * 5, [True, False] * 5, [0, 1] * 5):
        t = task_of(values)
        assert (t.kind, t.output_width, t.proposed_loss) == (BINARY, 1, "bce_logits")
        assert "roc_auc" in t.metrics and len(t.classes) == 2
    t = task_of(["no", "yes", "yes", "no"])
    y = encode_labels(t, pd.DataFrame({"y": ["yes", "no", "yes"]}))
    assert y.dtype == np.float32 and y.shape == (3, 1) and y[:, 0].tolist() == [1, 0, 1]


def test_multiclass_from_text_or_few_whole_numbers():
    t = task_of(["cat", "dog", "bird"] * 4)
    assert (t.kind, t.output_width, t.proposed_loss) == (MULTICLASS, 3, "cross_entropy")
    assert t.classes == ("bird", "cat", "dog") and t.class_counts == (4, 4, 4)
    assert t.label_shape == "(batch,) int64"
    assert task_of([1, 2, 3, 4, 5] * 3).kind == MULTICLASS
    assert task_of(list(range(30)) * 2).kind == REGRESSION  # many whole numbers: a quantity


def test_multiclass_labels_are_int64_class_indices():
    prepared = prepare(blobs_frame(10), DataConfig(["a", "b"], ["color"], val_split=0))
    t = prepared.task
    assert prepared.y_train.dtype == np.int64 and prepared.y_train.shape == (30,)
    names = np.array(t.classes, dtype=object)[prepared.y_train]
    assert names.tolist() == blobs_frame(10)["color"].tolist()


def test_user_override_is_checked_against_the_values():
    assert task_of([1, 2, 3, 4] * 5, "regression").kind == REGRESSION
    assert task_of(np.linspace(0, 1, 6).round(1), "multiclass").kind == MULTICLASS
    with pytest.raises(SpecError, match="holds text"):
        task_of(["a", "b", "c"], "regression")
    with pytest.raises(SpecError, match="holds true/false values; use binary classification"):
        task_of([True, False, True], "regression")  # (said 'holds text')
    with pytest.raises(SpecError, match="binary needs exactly 2"):
        task_of(["a", "b", "c"], "binary")
    with pytest.raises(SpecError, match="too many classes"):
        task_of([f"c{i}" for i in range(150)], "multiclass")


def test_numbers_made_text_by_one_cell_name_that_cell_in_both_refusals():
    """auto said 'too many classes ... choose regression', regression said 'holds text ... choose
    classification': each sent the person to the other, neither named the cell"""
    prices = [f"{10 + i * 0.5}" for i in range(300)]
    prices[57] = "unknown"
    with pytest.raises(SpecError, match="it is read as text, not numbers, because it holds 'unknown'") as auto:
        task_of(prices)
    assert "then it is a regression label" in auto.value.hint
    with pytest.raises(SpecError, match="'y' is read as text, not numbers, because it holds 'unknown'"):
        task_of(prices, "regression")
    with pytest.raises(SpecError, match="too many classes") as words:  # text that is no numbers: as before
        task_of([f"c{i}" for i in range(150)])
    assert words.value.hint == "Choose another label column."


def test_one_spelling_per_class():
    assert class_key(1) == class_key(1.0) == class_key(np.int64(1)) == class_key(np.float32(1.0)) == 1
    assert class_key(np.bool_(True)) is True and class_key("1") == "1"
    t = task_of([1.0, 2.0, 1.0, 2.0])
    assert t.classes == (1, 2)
    assert encode_labels(t, pd.DataFrame({"y": [2, 1]}))[:, 0].tolist() == [1, 0]


def test_unknown_class_in_labels_is_named():
    t = task_of(["a", "b"] * 3)
    with pytest.raises(DataError, match="'zebra'"):
        encode_labels(t, pd.DataFrame({"y": ["a", "zebra"]}))


def test_losses_for_each_task_and_wrong_loss_refused_with_the_choices():
    reg, two, many = task_of(np.linspace(0, 1, 30)), task_of(["a", "b"] * 5), task_of(["a", "b", "c"] * 4)
    expected = {(reg, "mse"): nn.MSELoss, (reg, "l1"): nn.L1Loss, (reg, "smooth_l1"): nn.SmoothL1Loss,
                (reg, "huber"): nn.HuberLoss, (two, "auto"): nn.BCEWithLogitsLoss,
                (many, "auto"): nn.CrossEntropyLoss}
    for (task, name), cls in expected.items():
        assert type(make_loss(task, name)) is cls
    with pytest.raises(SpecError) as info:
        make_loss(reg, "cross_entropy")
    assert "mse" in str(info.value) and "regression" in str(info.value)


def test_class_weights_for_imbalance():
    many = task_of(["a"] * 8 + ["b"] * 2 + ["c"] * 2)
    y = np.array([0] * 8 + [1] * 2 + [2] * 2)
    w = class_weights(many, y)
    assert w.tolist() == pytest.approx([12 / 24, 12 / 6, 12 / 6])
    loss = make_loss(many, "cross_entropy_weighted", y)
    assert torch.allclose(loss.weight, torch.tensor(w))
    two = task_of(["n"] * 9 + ["p"] * 3)
    bce = make_loss(two, "bce_logits_weighted", np.array([0] * 9 + [1] * 3, dtype=np.float32).reshape(-1, 1))
    assert bce.pos_weight.item() == pytest.approx(3.0)


def test_outputs_decode_to_units_and_class_names():
    reg = task_of(np.linspace(0, 1, 30))
    values, proba = decode_outputs(reg, torch.tensor([[2.5], [-1.0]]))
    assert values[:, 0].tolist() == [2.5, -1.0] and proba is None
    two = task_of(["no", "yes"] * 3)
    names, proba = decode_outputs(two, torch.tensor([[3.0], [-3.0]]))
    assert names.tolist() == ["yes", "no"]
    assert proba.sum(1) == pytest.approx([1, 1]) and proba[0, 1] == pytest.approx(torch.sigmoid(torch.tensor(3.0)))
    many = task_of(["bird", "cat", "dog"] * 2)
    names, proba = decode_outputs(many, torch.tensor([[0.0, 5.0, 1.0], [9.0, 0.0, 0.0]]))
    assert names.tolist() == ["cat", "bird"] and proba.shape == (2, 3)


def test_task_json_round_trip_and_damaged_task_refused():
    t = task_of(["bird", "cat", "dog", 3] * 2)
    again = TaskInfo.from_dict(json.loads(json.dumps(t.to_dict())))
    assert again == t
    with pytest.raises(SpecError, match="Unknown task"):
        TaskInfo.from_dict({"kind": "clustering", "labels": ["y"]})
    with pytest.raises(SpecError, match="two classes"):
        TaskInfo.from_dict({"kind": "multiclass", "labels": ["y"], "classes": ["a"]})


@pytest.mark.parametrize("edit, needle", [
    ({"classes": ["a", "b", "c"]}, "A binary task has two classes; this one lists 3"),  # was an IndexError in predict
    ({"kind": "multiclass", "classes": [1, 2, 1.0]}, "lists a class twice"),
    ({"class_counts": [5]}, "class counts do not match"),
    ({"classes": "ab"}, "must be lists"),
    ({"classes": [float("nan"), 1]}, "negative or not whole"),
    ({"class_counts": [3, -3]}, "negative or not whole"),
    ({"class_counts": [3, 1.5]}, "negative or not whole"),
    ({"class_counts": [3, float("inf")]}, "incomplete"),
])
def test_hand_edited_classes_are_refused(edit, needle):
    doc = {**task_of(["a", "b"] * 3).to_dict(), **edit}
    with pytest.raises(SpecError, match=needle):
        TaskInfo.from_dict(doc)


# --- 23. labels and sizes that cannot train ---------------------------------------------------------
def test_label_with_one_class_is_refused_with_the_reason():
    with pytest.raises(DataError) as info:
        task_of(["spam"] * 10, name="kind")
    assert "'kind'" in str(info.value) and "one value only" in str(info.value)
    with pytest.raises(DataError, match="no values"):
        task_of([np.nan] * 4)


def test_class_with_one_member_is_refused_naming_the_class():
    frame = pd.DataFrame({"x": np.arange(11.0), "kind": ["a"] * 5 + ["b"] * 5 + ["rare"]})
    with pytest.raises(DataError) as info:
        prepare(frame, DataConfig(["x"], ["kind"], val_split=0.2))
    assert "rare" in str(info.value) and "single example" in str(info.value)
    assert prepare(frame, DataConfig(["x"], ["kind"], val_split=0)).task.kind == MULTICLASS


def test_fewer_rows_than_a_batch_is_refused_before_training(monkeypatch):
    frame = pd.DataFrame({"x": np.linspace(0, 1, 20), "y": np.linspace(1, 3, 20)})
    monkeypatch.setattr(pipeline, "Trainer", lambda *a, **k: pytest.fail("training started"))
    with pytest.raises(TrainingError) as info:
        train_frame(frame, "y", batch_size=64, epochs=1)
    text = str(info.value)
    assert "16 rows" in text and "64" in text and "batch size of at most 16" in text


def test_each_reason_comes_with_its_key_and_values_for_a_translation():
    frame = pd.DataFrame({"text": ["a", "b", "c", "a"], "two": [0, 1, 0, 1], "count": [1, 2, 3, 4],
                          "amount": [0.5, 1.5, 2.25, 3.0], "x": [1.0, 2.0, 3.0, 4.0]})
    cases = {("text",): ("text_values", 3, "text"), ("two",): ("two_values", "two"),
             ("count",): ("whole_numbers", 4, "count"), ("amount",): ("numbers", "amount", 4),
             ("amount", "x"): ("numeric_labels", 2)}
    for labels, why in cases.items():
        task = analyse_task(frame, list(labels))
        assert task.why == why and task.reason == REASONS[why[0]].format(*why[1:])
    chosen = analyse_task(frame, ["count"], "regression")
    assert chosen.why == ("chosen",) and chosen.reason == "chosen by you"
    assert TaskInfo.from_dict(chosen.to_dict()) == chosen  # the key is not saved, and not compared


def test_whole_numbers_past_float64s_precision_stay_distinct_classes():
    big = 10 ** 18
    task = analyse_task(pd.DataFrame({"y": [big, big + 1, big + 2] * 4}), ["y"], "multiclass")
    assert task.classes == (big, big + 1, big + 2)


def test_an_unknown_numeric_class_is_named_as_the_file_writes_it():
    task = analyse_task(pd.DataFrame({"y": [0, 1, 2] * 4}), ["y"], "multiclass")
    with pytest.raises(DataError) as info:
        encode_labels(task, pd.DataFrame({"y": [0, 9, 1]}))
    assert "holds the class 9, which the model does not know (known: 0, 1, 2)" in info.value.message


def test_spaces_around_a_class_or_category_make_no_other_one(write_csv):
    """'yes' and 'yes ' made a binary label three classes, and ' red' another input than 'red'"""
    rows = "".join(f"{i / 10},{(' red', 'red ', 'blue')[i % 3]},{('yes', 'no', 'yes ')[i % 3]}\n" for i in range(60))
    frame = read_csv(write_csv("x,color,y\n" + rows)).frame
    task = analyse_task(frame, ["y"])
    assert task.kind == BINARY and task.classes == ("no", "yes") and task.class_counts == (20, 40)
    profiles = {p.name: p for p in profile_frame(frame)}
    assert profiles["color"].unique == 2 and profiles["y"].unique == 2
    prepared = prepare(frame, DataConfig(["x", "color"], ["y"]), profiles)
    assert prepared.preprocessor.categorical == {"color": ["blue", "red"]}
    assert prepared.n_features == 3


def test_a_model_saved_with_classes_or_categories_apart_but_for_spaces_is_refused_as_such():
    """(its categories 'red' and 'red ' fell into one slot: other predictions, no word said; its classes
    were refused as 'edited or damaged')"""
    from dlstudio.core.preprocessor import Preprocessor
    with pytest.raises(SpecError, match="differ only by spaces around them") as task:
        TaskInfo.from_dict({"kind": "multiclass", "labels": ["y"], "classes": ["no", "yes", "yes "],
                            "class_counts": [1, 2, 3]})
    assert "Train the model again" in task.value.hint
    saved = {"numeric": [], "shift": [], "scale": [], "impute": [], "standardize": "zscore",
             "categorical": {"color": ["blue", "red", "red "]}}
    with pytest.raises(SpecError, match="categories of column 'color' that differ only by spaces"):
        Preprocessor.from_dict(saved)
