"""The Results step: metrics beside the baselines, the plots, and the screenshots of both kinds of task."""
import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from dlstudio.ui.widgets.results_metrics import fmt
from tests.ui.helpers import screenshot
from tests.ui.results_helpers import load_table, predict, train_in_window


def test_before_any_model_the_step_says_how_to_get_one(qtbot, window):
    panel = window.results_panel
    window.go_to(3)
    assert panel.pages.currentWidget() is panel.empty
    assert "No model yet" in panel.empty_text.text()
    assert not panel.save_params_button.isEnabled()
    assert not panel.predict_button.isEnabled()
    assert panel.open_model_button.isEnabled()
    screenshot(window, "results_empty")
    with qtbot.waitSignal(panel.goToStep) as blocker:
        qtbot.mouseClick(panel.empty.findChild(QPushButton, "goToTrain"), Qt.LeftButton)
    assert blocker.args == [2]


def test_regression_shows_metrics_baselines_and_plots(qtbot, window, diabetes_csv):
    bundle = train_in_window(qtbot, window, diabetes_csv, epochs=15, hidden=(32,))
    panel = window.results_panel
    view = panel.evaluation
    table = view.metrics_table
    assert table.columns == ["val", "val_baseline", "train", "train_baseline"]
    val = bundle.metrics["val"]
    assert table.value_text("r2", "val") == fmt(val['r2'])
    assert table.value_text("mae", "val_baseline") == fmt(bundle.metrics['val_baseline']['mae'])
    # The network beats "always the training mean", and the verdict says so.
    assert val["mae"] < bundle.metrics["val_baseline"]["mae"]
    assert "It learned" in view.verdict.text()
    assert view.plot_kind() == "regression"
    assert view.plots.point_count() == len(window.state.prepared.X_val)
    assert "progression" in view.plots.scatter_plot.getPlotItem().getAxis("bottom").labelText
    assert panel.save_params_button.isEnabled() and panel.predict_button.isEnabled()
    screenshot(window, "results_regression")


def test_a_regression_of_two_labels_shows_each_labels_figures(qtbot, window, diabetes_csv):
    """(the averages alone mixed the labels' units)"""
    load_table(window, diabetes_csv)
    window.data_panel.several_labels.setChecked(True)
    config = window.state.data_config
    window.state.set_data_config(type(config)(features=[f for f in config.features if f != "bmi"],
                                              labels=["progression", "bmi"]))
    bundle = train_in_window(qtbot, window, diabetes_csv, epochs=5, keep_config=True)
    table = window.results_panel.evaluation.metrics_table
    assert table.value_text("mae · bmi", "val") == fmt(bundle.metrics["val"]["mae · bmi"])
    assert [table.item(r, 0).text() for r in range(table.rowCount())][3:5] == ["MAE · progression ↓",
                                                                               "RMSE · progression ↓"]
    screenshot(window, "results_two_labels")


def test_classification_shows_a_labelled_confusion_matrix(qtbot, window, iris_csv):
    bundle = train_in_window(qtbot, window, iris_csv, epochs=40)
    view = window.results_panel.evaluation
    assert view.plot_kind() == "confusion"
    matrix = view.confusion
    assert matrix.class_names == ["setosa", "versicolor", "virginica"]
    assert matrix.matrix == bundle.metrics["val"]["confusion"]
    assert sum(map(sum, matrix.matrix)) == len(window.state.prepared.X_val)
    assert "Predicted class" in _painted_strings(matrix) and "setosa" in _painted_strings(matrix)
    classes = view.class_table
    assert [classes.item(r, 0).text() for r in range(classes.rowCount())] == matrix.class_names
    assert classes.item(0, 1).text() == fmt(bundle.metrics['val']['precision'][0])
    assert view.metrics_table.value_text("accuracy", "val") == fmt(bundle.metrics['val']['accuracy'])
    assert view.metrics_table.value_text("accuracy", "val_baseline") == "0.3333"  # the majority class
    screenshot(window, "results_classification")


def test_binary_classification_shows_roc_auc(qtbot, window, tmp_path):
    from tests.conftest import blobs_frame
    frame = blobs_frame(40)
    frame = frame[frame.color != "blue"]
    path = tmp_path / "two.csv"
    frame.to_csv(path, index=False)
    bundle = train_in_window(qtbot, window, path, epochs=10)
    table = window.results_panel.evaluation.metrics_table
    assert table.value_text("roc_auc", "val") == fmt(bundle.metrics['val']['roc_auc'])


def test_a_labelled_csv_adds_its_metrics_and_a_model_without_data_plots_from_it(qtbot, window, tmp_path,
                                                                                  diabetes_csv):
    from dlstudio.core.persistence import save_bundle
    train_in_window(qtbot, window, diabetes_csv, epochs=5)
    save_bundle(window.state.bundle, tmp_path / "model.json")
    window.state.prepared = None  # as after Open Model: no training data at hand
    panel = window.results_panel
    assert panel.open_model(tmp_path / "model.json")
    view = panel.evaluation
    assert view.plot_kind() == "note" and "Predict on CSV" in view.plot_note.text()
    assert view.metrics_table.columns == ["val", "val_baseline", "train", "train_baseline"]  # the saved ones
    assert "as saved with the model" in view.metrics_heading.text()
    screenshot(window, "results_opened_model")
    prediction = predict(qtbot, panel, diabetes_csv)
    assert prediction.metrics is not None
    assert "metrics on it" in panel.predictions.summary.text()
    assert view.metrics_table.columns[-1] == "file"
    assert view.metrics_table.value_text("r2", "file") == fmt(prediction.metrics['r2'])
    assert view.plot_kind() == "regression"
    assert view.plots.point_count() == len(pd.read_csv(diabetes_csv))


def test_a_language_switch_keeps_the_predictions(qtbot, window, iris_csv):
    train_in_window(qtbot, window, iris_csv, epochs=3)
    prediction = predict(qtbot, window.results_panel, iris_csv)
    window.rebuild()
    panel = window.results_panel
    qtbot.waitUntil(lambda: not panel.eval_runner.busy)
    assert window.state.prediction is prediction
    assert panel.predictions.model.total_rows() == 150
    assert panel.export_button.isEnabled()


def test_training_state_disables_the_file_buttons(qtbot, window, iris_csv):
    train_in_window(qtbot, window, iris_csv, epochs=2)
    panel = window.results_panel
    window.state.set_running(True)
    assert not panel.save_params_button.isEnabled() and not panel.open_model_button.isEnabled()
    assert not panel.predict_csv(str(iris_csv))
    window.state.set_running(False)
    qtbot.waitUntil(lambda: not panel.eval_runner.busy)
    assert panel.save_params_button.isEnabled()


def test_loading_data_alone_keeps_the_empty_page(qtbot, window, iris_csv):
    load_table(window, iris_csv)
    panel = window.results_panel
    assert panel.pages.currentWidget() is panel.empty
    assert panel.load_params_button.isEnabled()  # parameters can go onto the layers chosen for this data


def _painted_strings(widget) -> str:
    """Every text the widget paints, captured through a recording QPainter device."""
    from PySide6.QtGui import QPicture
    picture = QPicture()
    widget.render(picture)
    data = bytes(picture.data())
    return "".join(data[offset:].decode("utf-16-be", errors="ignore") for offset in (0, 1))  # (either alignment)


def test_without_a_validation_split_the_plots_use_the_training_rows_and_say_so(qtbot, window, diabetes_csv):
    from tests.ui.results_helpers import load_table
    load_table(window, diabetes_csv)
    window.state.update_data_config(val_split=0.0)
    train_in_window(qtbot, window, diabetes_csv, epochs=3, keep_config=True)
    view = window.results_panel.evaluation
    assert view.metrics_table.columns == ["train", "train_baseline"]
    assert "no validation split" in view.verdict.text()
    assert view.plots.point_count() == len(window.state.prepared.X_train) == 442
    assert "training split" in view.plots.scatter_plot.getPlotItem().titleLabel.text


def test_a_wrong_cell_stays_red_however_large_its_share(qtbot):
    """A dark cell's text turned white before the 'wrong' check: versicolor taken for virginica 6 times in
    10 looked like a right answer"""
    from dlstudio.ui.widgets.results_confusion import ConfusionMatrixView
    view = ConfusionMatrixView()
    qtbot.addWidget(view)
    view.set_matrix(["versicolor", "virginica"], [[4, 6], [0, 10]])
    wrong, right, none = view.fill_of(0, 1), view.fill_of(1, 1), view.fill_of(1, 0)
    assert wrong.red() - wrong.blue() > 60 and right.blue() - right.red() > 60
    assert none.lightness() > 240  # nothing there: the lightest shade


@pytest.mark.parametrize("value, shown", [(0.51383, "0.5138"), (76202.161, "76,202.16"), (826700.0, "826,700.00"),
                                          (1.5e12, "1.500e+12"), (0.0004, "4.000e-04"), (0, "0.0000"),
                                          (float("nan"), "–")])
def test_a_metric_is_written_one_way_across_a_row(value, shown):
    """(a model's MAE 76,202.16 stood beside its baseline's 8.267e+05)"""
    assert fmt(value) == shown


def test_predicted_class_names_too_long_for_their_columns_stand_upright_whole(qtbot):
    """Eleven months under their columns were cut to Aug…, Febr…, Sept…"""
    from dlstudio.ui.widgets.results_confusion import ConfusionMatrixView
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November"]
    view = ConfusionMatrixView()
    qtbot.addWidget(view)
    view.resize(560, 520)
    view.set_matrix(months, [[5 if i == j else 1 for j in range(11)] for i in range(11)])
    assert view._layout()[3] > 0
    painted = _painted_strings(view)
    assert painted.count("September") == 2 and "Sept…" not in painted  # (a row name, and a column name)
    view.set_matrix(["setosa", "versicolor", "virginica"], [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    assert view._layout()[3] == 0  # names that fit lie across their columns


def test_the_regression_plots_write_big_numbers_with_thousands_separators(qtbot):
    """(the predicted-vs-actual axes read 4.5e+06 and 2e+06, the residuals -300000, the Data step 2,985,684)"""
    from dlstudio.ui.widgets.results_plots import NumberAxis, RegressionPlots
    plots = RegressionPlots()
    qtbot.addWidget(plots)
    for widget in (plots.scatter_plot, plots.residual_plot):
        assert all(isinstance(widget.getPlotItem().getAxis(side), NumberAxis) for side in ("left", "bottom"))
    axis = plots.scatter_plot.getPlotItem().getAxis("left")
    assert axis.tickStrings([2e6, 4.5e6], 1, 5e5) == ["2,000,000", "4,500,000"]
    assert axis.tickStrings([-3e5, 0.0, 1e5], 1, 1e5) == ["-300,000", "0", "100,000"]
    assert axis.tickStrings([10000.5, 10001.0], 1, 0.5) == ["10,000.5", "10,001.0"]
    assert axis.tickStrings([0.5, 1.0], 1, 0.5) == ["0.5", "1.0"]  # small numbers as pyqtgraph writes them
