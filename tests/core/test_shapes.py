"""The planned shapes (computed before preprocessing runs) equal what preprocessing produces."""
import pandas as pd
import pytest

from dlstudio.core import profile, shapes, task
from dlstudio.core.column_facts import ColumnFacts
from dlstudio.core.preprocessing import prepare
from dlstudio.core.profile import profile_frame, suggest_roles
from dlstudio.core.spec import DataConfig
from dlstudio.core.task import analyse_task


def test_profile_and_task_use_the_shared_names():
    assert profile.CATEGORICAL is shapes.CATEGORICAL == "categorical"
    assert task.MULTICLASS is shapes.MULTICLASS == "multiclass"


@pytest.mark.parametrize("sample", ["iris_csv", "diabetes_csv"])
@pytest.mark.parametrize("missing", ["impute", "drop"])
def test_planned_shapes_match_prepared_data(sample, missing, request):
    frame = pd.read_csv(request.getfixturevalue(sample))
    frame.iloc[3, 0] = None  # one missing feature value
    profiles = profile_frame(frame)
    roles = suggest_roles(profiles)
    config = DataConfig(roles.features, [roles.label], missing=missing)
    by_name = {p.name: p for p in profiles}
    rows = ColumnFacts(frame).usable_rows(config)
    assert rows == len(frame) - (1 if missing == "drop" else 0)
    planned = shapes.plan_shapes(rows, config, by_name, analyse_task(frame, config.labels))
    prepared = prepare(frame, config, by_name)
    assert planned.features == prepared.n_features
    assert planned.rows == len(prepared.X_train) + len(prepared.X_val)
    assert planned.val_rows == len(prepared.X_val)
    assert planned.text == prepared.shape_text()


@pytest.mark.parametrize("val_split", [0.01, 0.15, 0.33, 0.9])
def test_a_class_labels_split_is_planned_class_by_class_as_it_is_drawn(iris_csv, val_split):
    """iris at 1 % was planned as 148 + 2 rows, drawn as 147 + 3 (a row of each class): a batch of 148
    passed the window's check, then the run refused it"""
    frame = pd.read_csv(iris_csv)
    profiles = {p.name: p for p in profile_frame(frame)}
    config = DataConfig([c for c in frame.columns if c != "species"], ["species"],
                        val_split=val_split)
    planned = shapes.plan_shapes(len(frame), config, profiles, analyse_task(frame, config.labels))
    prepared = prepare(frame, config, profiles)
    assert (planned.train_rows, planned.val_rows) == (len(prepared.train_rows), len(prepared.val_rows))


def test_a_category_columns_missing_values_dropped_give_it_no_input_of_their_own():
    """(planned 5 inputs, prepared 4)"""
    frame = pd.DataFrame({"x": [i * 0.1 for i in range(60)], "c": ["a", "b", "c"] * 20, "y": [i % 2 for i in range(60)]})
    frame.loc[5, "c"] = None
    profiles = {p.name: p for p in profile_frame(frame)}
    for missing, width in (("impute", 5), ("drop", 4)):
        config = DataConfig(["x", "c"], ["y"], missing=missing)
        planned = shapes.plan_shapes(ColumnFacts(frame).usable_rows(config), config, profiles,
                                     analyse_task(frame, ["y"]))
        assert planned.features == prepare(frame, config, profiles).n_features == width
