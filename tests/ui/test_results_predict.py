"""Predict on a new CSV from the Results step: columns matched by name, notices, missing columns named,
metrics when the labels are there, export and re-read."""
import os

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui.helpers import drop_files, screenshot
from tests.ui.results_helpers import predict, train_in_window

PREDICTED = ["species_predicted", "species_proba_setosa", "species_proba_versicolor", "species_proba_virginica"]


def test_reordered_and_extra_columns_give_the_same_predictions(qtbot, window, iris_csv, tmp_path):
    train_in_window(qtbot, window, iris_csv, epochs=5)
    panel = window.results_panel
    original = predict(qtbot, panel, iris_csv).frame
    frame = pd.read_csv(iris_csv).drop(columns="species")
    shuffled = frame[list(reversed(frame.columns))].assign(comment="new batch")
    path = tmp_path / "new_flowers.csv"
    shuffled.to_csv(path, index=False)
    prediction = predict(qtbot, panel, path)
    assert prediction.prediction_columns == PREDICTED
    pd.testing.assert_frame_equal(prediction.frame[PREDICTED], original[PREDICTED])
    assert prediction.metrics is None  # no label column, no metrics
    view = panel.predictions
    assert panel.tabs.currentWidget() is view
    assert "comment" in view.notices.text() and view.notices.isVisibleTo(panel)
    assert "new_flowers.csv" in view.summary.text() and "150 rows" in view.summary.text()
    model = view.model
    headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    assert headers == list(shuffled.columns) + PREDICTED
    assert model.data(model.index(0, headers.index("species_predicted"))) == original.species_predicted[0]
    assert model.data(model.index(0, headers.index("species_proba_setosa"))) == \
        f"{original.species_proba_setosa[0]:.4f}"
    screenshot(window, "results_predictions")


def test_metrics_are_shown_when_the_file_has_the_label(qtbot, window, iris_csv):
    train_in_window(qtbot, window, iris_csv, epochs=5)
    panel = window.results_panel
    prediction = predict(qtbot, panel, iris_csv)
    accuracy = (prediction.frame.species == prediction.frame.species_predicted).mean()
    assert abs(prediction.metrics["accuracy"] - accuracy) < 1e-9
    assert f"accuracy {accuracy:.4f}" in panel.predictions.summary.text()
    assert panel.evaluation.metrics_table.columns[-1] == "file"


def test_a_missing_column_is_named_and_the_shown_predictions_stay(qtbot, window, iris_csv, tmp_path):
    train_in_window(qtbot, window, iris_csv, epochs=2)
    panel = window.results_panel
    shown = predict(qtbot, panel, iris_csv)
    path = tmp_path / "partial.csv"
    pd.read_csv(iris_csv).drop(columns=["petal_width_cm"]).to_csv(path, index=False)
    with qtbot.waitSignal(panel.predict_runner.failed, timeout=20000):
        panel.predict_csv(str(path))
    qtbot.waitUntil(lambda: not panel.predict_runner.busy)
    assert "petal_width_cm" in window.banner.text()
    assert "lacks 1 column" in window.banner.text()
    assert window.state.prediction is shown


def test_export_writes_a_csv_that_reads_back_the_same(qtbot, window, iris_csv, tmp_path, monkeypatch):
    train_in_window(qtbot, window, iris_csv, epochs=3)
    panel = window.results_panel
    prediction = predict(qtbot, panel, iris_csv)
    target = tmp_path / "out" / "iris_predictions.csv"
    target.parent.mkdir()
    asked = {}

    def dialog(parent, title, suggested, filters):
        asked["suggested"] = suggested
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    with qtbot.waitSignal(panel.exported):
        qtbot.mouseClick(panel.predictions.export_button, Qt.LeftButton)
    assert asked["suggested"].endswith("iris_predictions.csv")
    back = pd.read_csv(target)
    expected = prediction.frame
    assert list(back.columns) == list(expected.columns)
    assert (back.species_predicted == expected.species_predicted).all()
    assert np.allclose(back[PREDICTED[1:]].to_numpy(), expected[PREDICTED[1:]].to_numpy(dtype=float), rtol=1e-6)
    assert np.allclose(back.sepal_length_cm, expected.sepal_length_cm)
    assert [p.name for p in target.parent.iterdir()] == ["iris_predictions.csv"]  # no temporary left


def test_an_export_over_its_own_inputs_or_a_model_file_is_refused(qtbot, window, iris_csv, tmp_path):
    """(the CLI refused them; the window replaced model.json with the predictions' CSV)"""
    from dlstudio.core.persistence import save_bundle
    train_in_window(qtbot, window, iris_csv, epochs=2)
    save_bundle(window.state.bundle, tmp_path / "model.json")
    kept = (tmp_path / "model.json").read_bytes()
    copy = tmp_path / "iris.csv"
    copy.write_bytes(iris_csv.read_bytes())
    panel = window.results_panel
    predict(qtbot, panel, copy)
    assert not panel.export_predictions(str(tmp_path / "model.json"))
    assert "model.json is named as a model file" in window.banner.text()
    assert (tmp_path / "model.json").read_bytes() == kept
    assert not panel.export_predictions(str(copy))
    assert "is the CSV predicted on: the predictions would replace it" in window.banner.text()
    assert copy.read_bytes() == iris_csv.read_bytes() and not panel.export_runner.busy


def test_regression_predictions_are_in_the_labels_units(qtbot, window, diabetes_csv):
    bundle = train_in_window(qtbot, window, diabetes_csv, epochs=5)
    prediction = predict(qtbot, window.results_panel, diabetes_csv)
    values = prediction.frame.progression_predicted
    assert prediction.prediction_columns == ["progression_predicted"]
    assert 25 < values.mean() < 350  # the label's units, not standardised numbers
    assert abs(prediction.metrics["mae"] - (values - prediction.frame.progression).abs().mean()) < 1e-3
    assert bundle is window.state.bundle
    # shown with one count of decimals (about five significant digits at the column's largest value)
    model = window.results_panel.predictions.model
    column = list(prediction.frame.columns).index("progression_predicted")
    shown = [model.data(model.index(row, column)) for row in range(5)]
    decimals = 5 - len(str(int(values.abs().max())))
    assert shown == [f"{v:.{decimals}f}" for v in values[:5]], shown


def test_dropping_a_csv_on_an_open_model_can_predict(qtbot, window, iris_csv, monkeypatch):
    train_in_window(qtbot, window, iris_csv, epochs=2)
    window.go_to(0)
    monkeypatch.setattr(window, "ask_drop_action", lambda path: "predict")
    panel = window.results_panel
    with qtbot.waitSignal(panel.predicted, timeout=20000):
        drop_files(window, iris_csv)
    qtbot.waitUntil(lambda: not panel.predict_runner.busy)
    assert window.current_step() == 3
    assert window.state.prediction.frame.shape == (150, 9)
    assert panel.export_button.isEnabled()


def test_predicting_without_a_model_explains_what_to_do(qtbot, window, iris_csv):
    assert not window.results_panel.predict_csv(str(iris_csv))
    assert "no model to predict with" in window.banner.text()


def test_rebuilding_the_window_while_predicting_leaves_no_thread_behind(qtbot, window, iris_csv):
    from dlstudio.ui import threads
    train_in_window(qtbot, window, iris_csv, epochs=2)
    assert window.results_panel.predict_csv(str(iris_csv))
    window.rebuild()  # the panel that started the job is gone; its thread must end cleanly
    qtbot.waitUntil(lambda: not threads.running(), timeout=20000)
    assert window.state.prediction is None  # the old panel's answer is dropped, not half-shown
    predict(qtbot, window.results_panel, iris_csv)  # and the new panel works


def test_the_export_repeats_the_files_columns_as_it_writes_them(qtbot, window, iris_csv, tmp_path):
    train_in_window(qtbot, window, iris_csv, epochs=3)
    lines = iris_csv.read_text().splitlines()
    tagged = [f"tag,{lines[0]}"] + [f"{i:03d},{line}" for i, line in enumerate(lines[1:], 1)]  # 001, 002, …
    path = tmp_path / "tagged.csv"
    path.write_text("\n".join(tagged) + "\n")
    panel = window.results_panel
    predict(qtbot, panel, path)
    target = tmp_path / "tagged_predictions.csv"
    with qtbot.waitSignal(panel.exported):
        assert panel.export_predictions(str(target))
    written = target.read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(",")[:6] for line in written] == [line.split(",") for line in tagged]  # not 1, 2, …
    lines = path.read_text().splitlines()  # sorted and saved in a spreadsheet after the prediction
    path.write_text("\n".join(lines[:1] + lines[:0:-1]) + "\n")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    with qtbot.waitSignal(panel.exported):
        assert panel.export_predictions(str(target))
    written = target.read_text(encoding="utf-8-sig").splitlines()
    assert written[1].startswith("1,")  # the parsed tag beside its own prediction, not another row's
    assert "written as they were read" in window.banner.text()
    screenshot(window, "results_export_source_changed")


def test_predicted_numbers_under_a_hundredth_keep_their_digits(qapp):
    """(six decimals at most showed 3.2e-6 as 0.000003 and 1.4e-7 as 0.000000)"""
    import pandas as pd

    from dlstudio.ui.widgets.predictions_view import PredictionsModel
    model = PredictionsModel()
    model.set_prediction(pd.DataFrame({"x": [1.0, 2.0], "y_predicted": [3.2e-6, 1.4e-7]}), ["y_predicted"])
    assert [model.data(model.index(row, 1)) for row in (0, 1)] == ["3.2e-06", "1.4e-07"]
