"""Save and load from the Results step: the round trip through a restart, and every refused file leaving
the state exactly as it was, with the core's message in the banner."""
import pickle
from pathlib import Path

import pandas as pd
import pytest
import torch
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dlstudio.core.builder import build_model
from dlstudio.core.persistence import load_bundle, save_bundle
from dlstudio.core.spec import ModelSpec
from dlstudio.ui.main_window import MainWindow
from dlstudio.ui.settings import Settings
from dlstudio.ui.state import AppState
from tests.ui.helpers import drop_files
from tests.ui.results_helpers import load_table, predict, same_weights, train_in_window, weights


class Marker:
    """A pickle that would create a file when loaded: proof that loading ran code."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (Path.touch, (Path(self.path),))


def _snapshot(state):
    return (state.bundle, state.bundle.model if state.bundle else None, weights(state.bundle.model),
            state.spec.to_dict(), state.data_config, state.train_config, state.prediction)


def _unchanged(state, snap) -> bool:
    bundle, model, w, spec, data_config, train_config, prediction = snap
    return (state.bundle is bundle and state.bundle.model is model and same_weights(weights(model), w)
            and state.spec.to_dict() == spec and state.data_config == data_config
            and state.train_config == train_config and state.prediction is prediction)


def test_train_save_restart_open_gives_identical_predictions(qtbot, window, iris_csv, tmp_path, monkeypatch):
    train_in_window(qtbot, window, iris_csv, epochs=5)
    panel, state = window.results_panel, window.state
    before = predict(qtbot, panel, iris_csv).frame.copy()
    chosen = tmp_path / "iris_model.json"
    asked = {}

    def dialog(parent, title, suggested, filters):
        asked["suggested"] = suggested
        return str(chosen), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    qtbot.mouseClick(panel.save_model_button, Qt.LeftButton)  # as a person saves: the dialog suggests a name
    assert asked["suggested"].endswith("iris_model.json")
    assert chosen.is_file() and (tmp_path / "iris_model.pkl").is_file()
    spec, data_config, train_config = state.spec.to_dict(), state.data_config, state.train_config
    window.close()

    again = MainWindow(AppState(), Settings(QSettings()))  # a restart: nothing carried over in memory
    qtbot.addWidget(again)
    again.show()
    assert again.state.bundle is None
    with qtbot.waitSignal(again.results_panel.evaluated, timeout=20000):
        assert again.results_panel.open_model(str(chosen))
    assert again.state.spec.to_dict() == spec
    assert again.state.data_config == data_config and again.state.train_config == train_config
    assert again.current_step() == 3 and again.act_predict.isEnabled()
    after = predict(qtbot, again.results_panel, iris_csv).frame
    pd.testing.assert_frame_equal(before, after)
    again.close()


def test_save_parameters_writes_a_plain_state_dict_and_the_json_beside_it(qtbot, window, iris_csv, tmp_path):
    bundle = train_in_window(qtbot, window, iris_csv, epochs=2)
    assert window.results_panel.save_parameters(str(tmp_path / "params.pkl"))
    state_dict = torch.load(tmp_path / "params.pkl", weights_only=True)  # readable by plain PyTorch
    assert same_weights(state_dict, weights(bundle.model))
    assert (tmp_path / "model.json").is_file()
    assert "params.pkl" in window.statusBar().currentMessage()
    # a name ending in .json: the parameters go beside it as a .pkl (the description overwrote them)
    assert window.results_panel.save_parameters(str(tmp_path / "weights.json"))
    assert sorted(p.name for p in tmp_path.glob("weights.*")) == ["weights.json", "weights.pkl"]
    assert same_weights(load_bundle(tmp_path / "weights.json").model.state_dict(), weights(bundle.model))


def test_a_file_of_the_companions_name_is_replaced_only_when_the_person_says_so(qtbot, window, iris_csv,
                                                                                tmp_path, monkeypatch):
    """The dialog asks about the name typed only: results.json beside a new results.pkl was replaced
    unasked, and iris_lr0.01 saved the parameters without .pkl and their description as iris_lr0.json"""
    train_in_window(qtbot, window, iris_csv, epochs=2)
    panel = window.results_panel
    own = tmp_path / "results.json"
    own.write_text('{"my": "own settings"}')
    asked = []

    def answer(reply):
        monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append(text) or reply)

    answer(QMessageBox.No)
    assert not panel.save_parameters(str(tmp_path / "results.pkl"))
    assert own.read_text() == '{"my": "own settings"}' and not (tmp_path / "results.pkl").exists()
    assert asked == ["results.pkl is saved with results.json beside it, and a file of that name is already "
                     "there. Replace it?"]
    answer(QMessageBox.Yes)
    assert panel.save_parameters(str(tmp_path / "results.pkl"))
    assert load_bundle(own).spec.to_dict() == window.state.spec.to_dict()
    asked.clear()
    assert panel.save_parameters(str(tmp_path / "results.pkl"))  # the pair itself, saved again: not asked
    assert asked == []
    assert panel.save_parameters(str(tmp_path / "iris_lr0.01"))  # '.01' is no suffix of parameters
    assert sorted(p.name for p in tmp_path.glob("iris_lr0*")) == ["iris_lr0.01.json", "iris_lr0.01.pkl"]
    (tmp_path / "report.pkl").write_bytes(b"my own pickle")
    answer(QMessageBox.No)
    assert not panel.save_model(str(tmp_path / "report.json"))
    assert (tmp_path / "report.pkl").read_bytes() == b"my own pickle"


def test_a_mismatched_pkl_lists_the_keys_and_leaves_the_model_untouched(qtbot, window, iris_csv, tmp_path):
    train_in_window(qtbot, window, iris_csv, epochs=2)
    state = window.state
    snap = _snapshot(state)
    other = build_model(ModelSpec.mlp([16, 8]), 4, 3).state_dict()  # a deeper stack
    del other["stack.0.bias"]
    torch.save(other, tmp_path / "other.pkl")
    assert not window.results_panel.load_parameters(str(tmp_path / "other.pkl"))
    text = window.banner.text()
    assert "other.pkl does not fit the current architecture" in text
    assert "missing: stack.0.bias" in text
    assert "unexpected: stack.4.weight" in text
    assert "wrong shape: stack.2.weight is (8, 16), the model needs (3, 16)" in text
    assert _unchanged(state, snap)


def test_matching_parameters_are_loaded_and_measured(qtbot, window, iris_csv, tmp_path):
    bundle = train_in_window(qtbot, window, iris_csv, epochs=2)
    panel = window.results_panel
    predict(qtbot, panel, iris_csv)
    fresh = build_model(bundle.spec, bundle.in_features, 3, seed=123)
    torch.save(fresh.state_dict(), tmp_path / "fresh.pkl")
    with qtbot.waitSignal(panel.evaluated, timeout=20000):
        assert panel.load_parameters(str(tmp_path / "fresh.pkl"))
    qtbot.waitUntil(lambda: not panel.eval_runner.busy)
    assert same_weights(weights(window.state.bundle.model), weights(fresh))
    assert window.state.prediction is None  # those answers came from the old weights
    assert "val" in window.state.bundle.metrics  # measured again for the loaded weights
    assert panel.evaluation.metrics_table.columns[:2] == ["val", "val_baseline"]


@pytest.mark.parametrize("how", ["torch.save", "raw pickle"])
def test_a_pkl_that_would_run_code_is_refused_unopened(qtbot, window, iris_csv, tmp_path, monkeypatch, how):
    train_in_window(qtbot, window, iris_csv, epochs=2)
    snap = _snapshot(window.state)
    marker, evil = tmp_path / "ran.txt", tmp_path / "evil.pkl"
    if how == "torch.save":
        torch.save({"stack.0.weight": Marker(marker)}, evil)
    else:
        evil.write_bytes(pickle.dumps({"stack.0.weight": Marker(marker)}))
    calls = []
    real_load = torch.load
    monkeypatch.setattr(torch, "load", lambda *a, **k: calls.append(k) or real_load(*a, **k))
    assert not window.results_panel.load_parameters(str(evil))
    assert not marker.exists()
    assert all(k.get("weights_only") is True for k in calls)
    assert "File problem" in window.banner.text() and "evil.pkl" in window.banner.text()
    assert "weights_only=False" not in window.banner.text()
    assert _unchanged(window.state, snap)


def test_corrupt_files_and_invalid_json_are_refused_with_state_unchanged(qtbot, window, iris_csv, tmp_path):
    train_in_window(qtbot, window, iris_csv, epochs=2)
    panel, state = window.results_panel, window.state
    save_bundle(state.bundle, tmp_path / "model.json")
    snap = _snapshot(state)
    truncated = tmp_path / "truncated.pkl"
    truncated.write_bytes((tmp_path / "params.pkl").read_bytes()[:200])
    assert not panel.load_parameters(str(truncated))
    assert "truncated.pkl" in window.banner.text()
    bad_json = tmp_path / "broken.json"
    bad_json.write_text('{"format": "dlstudio-model", ', encoding="utf-8")
    assert not panel.open_model(str(bad_json))
    assert "broken.json is not valid JSON" in window.banner.text()
    # A .pkl from another run beside this JSON: caught by the SHA-256 the JSON records.
    fresh = build_model(state.bundle.spec, 4, 3, seed=5)
    torch.save(fresh.state_dict(), tmp_path / "params.pkl")
    assert not panel.open_model(str(tmp_path / "model.json"))
    assert "SHA-256" in window.banner.text()
    assert _unchanged(state, snap)
    save_bundle(state.bundle, tmp_path / "good.json")  # then a model that opens: the refusal no longer stands
    assert panel.open_model(str(tmp_path / "good.json"))
    assert window.banner.text() == ""
    assert not panel.open_model(str(bad_json))
    assert panel.save_model(str(tmp_path / "again.json")) and window.banner.text() == ""


def test_dropping_a_model_json_opens_it(qtbot, window, iris_csv, tmp_path):
    train_in_window(qtbot, window, iris_csv, epochs=2)
    save_bundle(window.state.bundle, tmp_path / "model.json")
    old = window.state.bundle
    window.go_to(0)
    drop_files(window, tmp_path / "model.json")
    assert window.state.bundle is not old and window.state.bundle.source == "iris.csv"
    assert window.current_step() == 3


def test_a_model_of_other_columns_opens_beside_the_file_which_keeps_its_choices(qtbot, window, iris_csv,
                                                                               diabetes_csv, tmp_path):
    """The diabetes model's columns over iris: the Data step counted '-6 ignored', planned X (150, 10),
    and Start was enabled until the training process refused the columns"""
    from dlstudio.core import pipeline
    from dlstudio.core.preprocessing import prepare
    from dlstudio.core.profile import profile_frame, suggest_roles
    from dlstudio.core.spec import DataConfig, TrainConfig
    from dlstudio.core.table import read_csv
    table = read_csv(diabetes_csv)
    profiles = profile_frame(table.frame)
    roles = suggest_roles(profiles)
    config = DataConfig(features=roles.features, labels=[roles.label])
    prepared = prepare(table.frame, config, {p.name: p for p in profiles})
    spec, cfg = ModelSpec.mlp([8]), TrainConfig(epochs=1, batch_size=32, num_threads=1)
    bundle = pipeline.new_bundle(prepared, config, spec, cfg, source="diabetes.csv")
    pipeline.train(bundle, prepared)
    save_bundle(bundle, tmp_path / "diabetes.json")

    load_table(window, iris_csv)
    iris_choices = window.state.data_config
    with qtbot.waitSignal(window.results_panel.evaluated, timeout=20000):
        assert window.results_panel.open_model(str(tmp_path / "diabetes.json"))
    assert window.state.bundle.source == "diabetes.csv" and window.state.data_config == iris_choices
    assert "Its columns age, sex, bmi, bp, s1, … are not in iris.csv" in window.banner.text()
    window.go_to(0)
    assert window.data_panel.roles_summary.text() == "4 features · 1 label · 0 ignored"
    assert window.state.in_features == 4
    window.go_to(2)
    panel = window.train_panel
    assert "Start trains from new weights: the current model was built for other columns" in panel.plan_label.text()
    assert panel.start_button.isEnabled()
    predicted = predict(qtbot, window.results_panel, diabetes_csv)  # the model still predicts its own data
    assert len(predicted.frame) == len(table.frame)


def test_parameters_with_their_model_json_beside_load_with_its_scaling(qtbot, window, iris_csv, tmp_path):
    """Load Parameters put min-max weights on the Data step's z-score inputs: probabilities off by up to
    0.6 with no word said, though the model.json beside the .pkl said how they were trained"""
    load_table(window, iris_csv)
    window.state.update_data_config(standardize="minmax")
    trained = train_in_window(qtbot, window, iris_csv, epochs=5, keep_config=True)
    save_bundle(trained, tmp_path / "model.json")
    expected = predict(qtbot, window.results_panel, iris_csv).frame
    window.state.update_data_config(standardize="zscore")  # the Data step's choice now
    with qtbot.waitSignal(window.results_panel.evaluated, timeout=20000):
        assert window.results_panel.load_parameters(str(tmp_path / "params.pkl"))
    assert window.state.bundle.preprocessor.standardize == "minmax"
    assert window.state.data_config.standardize == "minmax"
    pd.testing.assert_frame_equal(predict(qtbot, window.results_panel, iris_csv).frame, expected)


def test_parameters_changed_since_their_model_json_was_saved_still_load_onto_it(qtbot, window, iris_csv,
                                                                              tmp_path):
    """Weights trained further in plain PyTorch and saved over params.pkl (another SHA-256 than model.json
    records) went onto the Data step's current stack and scaling, without a word"""
    load_table(window, iris_csv)
    window.state.update_data_config(standardize="minmax")
    trained = train_in_window(qtbot, window, iris_csv, epochs=3, keep_config=True)
    save_bundle(trained, tmp_path / "model.json")
    tuned = {k: v * 0 for k, v in torch.load(tmp_path / "params.pkl", weights_only=True).items()}  # one answer
    torch.save(tuned, tmp_path / "params.pkl")
    window.state.update_data_config(standardize="zscore")
    with qtbot.waitSignal(window.results_panel.evaluated, timeout=20000):
        assert window.results_panel.load_parameters(str(tmp_path / "params.pkl"))
    assert window.state.bundle.preprocessor.standardize == "minmax"
    assert same_weights(weights(window.state.bundle.model), tuned)
    assert "they changed since it was saved with them" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.results_panel.eval_runner.busy, timeout=20000)
    # measured for these weights (one class for every row: a third right), not the saved ones' 0.9 or so
    assert window.state.bundle.metrics["val"]["accuracy"] == pytest.approx(1 / 3)
