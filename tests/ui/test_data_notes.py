"""What the Data step says about a file and its columns: the read's notices in the window's language
and as text, and a date column offered as a feature."""
from __future__ import annotations

from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import load_csv, screenshot
from tests.ui.test_data_panel import choose


def test_the_reads_notices_are_shown_as_text_in_the_windows_language(qtbot, window, tmp_path, english_after):
    """(a column named '<i>note</i>' came out in italics, markup of the notice; and the notices stayed English
    in the Chinese window)"""
    from dlstudio.ui import i18n
    path = tmp_path / "semi.csv"
    path.write_text("a;<i>note</i>;y\n1;;2\n3;;4\n5;;6\n", encoding="utf-8")
    load_csv(qtbot, window, path)
    shown = QTextDocumentFragment.fromHtml(window.data_panel.notices.text()).toPlainText()
    assert "Column(s) '<i>note</i>' hold no values." in shown and "Delimiter detected: semicolon." in shown
    assert i18n.install(QApplication.instance(), "zh_CN")
    load_csv(qtbot, window, path)
    shown = QTextDocumentFragment.fromHtml(window.data_panel.notices.text()).toPlainText()
    assert "列 '<i>note</i>' 没有任何值。" in shown and "检测到分隔符：分号。" in shown


def test_a_date_column_can_be_chosen_as_a_feature(qtbot, window, tmp_path):
    """(dates were refused as inputs: the role list greyed Feature out)"""
    from tests.core.test_date_inputs import sales_csv
    path, _ = sales_csv(tmp_path)
    load_csv(qtbot, window, path)
    view = window.data_panel.columns_view
    combo = view.role_combo("when")
    assert combo.currentData() == "ignored"  # not by default: the person chooses it
    choose(combo, "feature")
    assert window.state.data_config.features == ["when", "x"]
    assert "X (400, 2) float32" in window.data_panel.shape_box.note.text() or \
        "(400, 2)" in window.status_shape.text()
    window.resize(1280, 760)
    screenshot(window, "data_date_feature")


def test_a_run_in_the_window_trains_on_the_date_and_predicts_a_new_file(qtbot, window, tmp_path):
    """The whole way through the window: the date chosen as a feature, a run in the training process,
    then Predict on CSV with a file of later dates."""
    import pandas as pd

    from tests.core.test_date_inputs import sales_csv
    from tests.ui.results_helpers import predict
    from tests.ui.test_train_panel import TRAIN, train_to_end
    path, _ = sales_csv(tmp_path)
    load_csv(qtbot, window, path)
    choose(window.data_panel.columns_view.role_combo("when"), "feature")
    window.state.update_train_config(epochs=30, early_stopping=0, lr=0.01)
    window.go_to(TRAIN)
    qtbot.waitUntil(lambda: window.train_panel.plots is not None)
    outcome = train_to_end(qtbot, window.train_panel)
    assert outcome.bundle.preprocessor.dates == {"when": "%d/%m/%Y"} and outcome.bundle.metrics["val"]["r2"] > 0.8
    later = tmp_path / "later.csv"
    pd.DataFrame({"when": ["05/05/2022", "06/05/2022"], "x": [0.0, 0.1]}).to_csv(later, index=False)
    window.go_to(3)
    prediction = predict(qtbot, window.results_panel, later)
    assert list(prediction.frame["when"]) == ["05/05/2022", "06/05/2022"]  # as written
    assert prediction.frame[prediction.prediction_columns[0]].between(200, 260).all()  # ~0.5 a day past 2021-03-01
