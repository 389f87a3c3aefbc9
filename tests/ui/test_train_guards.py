"""What the Train step guards: a run waits for a file being opened, another Standardize choice means
new weights, and closing the window asks before a run or an unsaved model is given up."""
from __future__ import annotations

import numpy as np

from dlstudio.ui import threads
from tests.ui.helpers import load_csv
from tests.ui.test_train_panel import RUN_TIMEOUT, open_train_step, train_to_end


def test_another_standardize_choice_trains_new_weights_and_says_so_before_start(qtbot, window, iris_csv):
    """It continued with the old z-score scaling, yet saved data.standardize 'minmax' beside
    preprocessing.standardize 'zscore', and reopening the model showed Min-max"""
    panel = open_train_step(qtbot, window, iris_csv, epochs=2, early_stopping=0)
    train_to_end(qtbot, panel)
    window.state.update_data_config(standardize="minmax")
    assert "learned on inputs scaled another way" in panel.plan_label.text()
    second = train_to_end(qtbot, panel)
    assert not second.info.continued and second.info.why_new == "the input scaling (Standardize) changed"
    bundle = window.state.bundle
    assert bundle.preprocessor.standardize == bundle.data_config.standardize == "minmax"
    trained_on = window.state.prepared.X_train  # min-max, fitted on the training rows
    np.testing.assert_allclose(trained_on.min(axis=0), 0, atol=1e-6)
    np.testing.assert_allclose(trained_on.max(axis=0), 1, atol=1e-6)
    assert "continues" in panel.plan_label.text()


def test_closing_asks_before_a_model_trained_here_or_a_run_is_given_up(qtbot, window, iris_csv, tmp_path,
                                                                       monkeypatch):
    """(closing the window dropped an unsaved trained model, or a run going on, without a word)"""
    from PySide6.QtWidgets import QFileDialog, QMessageBox
    monkeypatch.setattr(type(window), "confirm_close", True)
    asked = []

    def answer(reply):
        monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append(text) or reply)

    panel = open_train_step(qtbot, window, iris_csv, epochs=2, early_stopping=0)
    train_to_end(qtbot, panel)
    answer(QMessageBox.Cancel)
    assert not window.close() and window.isVisible()
    assert asked == ["The model trained here is not saved. Save it before closing?"]
    answer(QMessageBox.Save)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))  # the save dialog cancelled
    assert not window.close() and window.isVisible()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "kept.json"), ""))
    assert window.close() and (tmp_path / "kept.json").is_file() and (tmp_path / "kept.pkl").is_file()
    window.show()
    asked.clear()
    window.state.update_train_config(epochs=500)
    with qtbot.waitSignal(panel.run.events, timeout=RUN_TIMEOUT):
        panel.start()
    answer(QMessageBox.Cancel)
    assert not window.close() and window.state.running
    assert asked == ["Stop training and close DL Studio? What this run has learned is not saved."]
    answer(QMessageBox.Close)
    assert window.close()
    qtbot.waitUntil(lambda: not threads.running(), timeout=RUN_TIMEOUT)


def test_start_waits_for_a_file_being_opened(qtbot, window, iris_csv, diabetes_csv):
    """F5 while a file loaded trained on the data before it; the file then replaced it mid-run and the
    window showed X (442, 4) for diabetes"""
    load_csv(qtbot, window, iris_csv)
    panel = window.train_panel
    assert panel.can_start() and window.act_start.isEnabled()
    with qtbot.waitSignal(window.loader.loaded, timeout=20000):
        window.open_csv(str(diabetes_csv))
        assert window.loader.busy and not panel.can_start() and not window.act_start.isEnabled()
        assert panel.start() is False
        assert "A file is being opened" in panel.plan_label.text()
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=20000)
    assert panel.can_start() and window.act_start.isEnabled() and window.state.table.name == "diabetes.csv"
