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
