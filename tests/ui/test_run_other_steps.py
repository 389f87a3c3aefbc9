"""What the other steps do when a run starts and ends: the Results step draws only while it is shown,
with the validation pairs the training process measured (no job in the window's process), and the
Model step keeps its ledger rows when the model changes but its shapes do not."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from dlstudio.core.evaluation import validation_eval
from dlstudio.core.spec import ModelSpec
from tests.ui.helpers import load_csv, screenshot
from tests.ui.test_train_panel import RUN_TIMEOUT, big_linear_csv, click, open_train_step, train_to_end  # noqa: F401 (a fixture)


def watch(results):
    """The bundles the Results step drew, and the background jobs it started."""
    drawn, jobs = [], []
    results.evaluated.connect(lambda: drawn.append(results.state.bundle))
    results.eval_runner.busyChanged.connect(lambda busy: busy and jobs.append(busy))
    return drawn, jobs


def test_runs_on_the_train_step_leave_the_results_to_be_drawn_when_shown(qtbot, window, diabetes_csv):
    panel = open_train_step(qtbot, window, diabetes_csv, epochs=3, early_stopping=0)
    results = window.results_panel
    drawn, jobs = watch(results)
    train_to_end(qtbot, panel)
    outcome = train_to_end(qtbot, panel)  # a model exists when this one starts: nothing redrawn either
    assert drawn == [] and jobs == []
    state = window.state
    pairs = state.evaluation
    assert pairs is outcome.evaluation and pairs.rows == len(state.prepared.X_val)
    expected = validation_eval(state.bundle, state.prepared)  # what the window used to measure itself
    np.testing.assert_allclose(pairs.predicted, expected.predicted, rtol=1e-6)

    with qtbot.waitSignal(results.evaluated, timeout=5000):
        click(qtbot, panel.results_button)  # "See results →"
    assert window.current_step() == 3
    assert drawn == [state.bundle] and jobs == []
    title = results.title.text()  # the model's epochs over both runs, the message of the last run
    assert "6 epochs in all" in title and "Last run: Finished 3 epoch(s)." in title
    view = results.evaluation
    assert view.plot_kind() == "regression"
    assert view.plots.point_count() == pairs.rows
    np.testing.assert_allclose(view.plots.points.data["y"], pairs.predicted[:, 0])
    assert view.metrics_table.columns[:2] == ["val", "val_baseline"] and "as saved" not in view.metrics_heading.text()
    assert view.metrics_table.horizontalHeaderItem(2).text() == "Baseline\nval"  # on two lines: not clipped
    table = view.metrics_table  # and every row shown below those taller titles, no scroll bar
    assert table.height() >= table.horizontalHeader().sizeHint().height() + sum(
        table.rowHeight(r) for r in range(table.rowCount()))
    window.resize(1280, 820)
    QApplication.processEvents()  # the layout the next frame paints
    screenshot(window, "results_after_run")


def test_a_run_started_from_the_results_step_redraws_it_once_at_its_end(qtbot, window, iris_csv):
    panel = open_train_step(qtbot, window, iris_csv, epochs=3, early_stopping=0)
    train_to_end(qtbot, panel)
    window.go_to(3)
    results = window.results_panel
    drawn, jobs = watch(results)
    old = window.state.bundle
    with qtbot.waitSignal(panel.run.ended, timeout=RUN_TIMEOUT):
        window.act_start.trigger()  # F5 on the Results step: the run is shown on the Train step
        assert window.current_step() == 2
        window.go_to(3)  # and the person goes back to the results while it runs
        assert not results.save_params_button.isEnabled()
        assert drawn == []  # the model shown is unchanged until the run ends
    assert window.state.bundle is not old
    assert drawn == [window.state.bundle] and jobs == []
    assert results.evaluation.plot_kind() == "confusion"
    assert results.save_params_button.isEnabled()


def test_the_model_step_keeps_its_ledger_rows_when_only_the_model_changes(qtbot, window, iris_csv):
    panel = open_train_step(qtbot, window, iris_csv, epochs=2, early_stopping=0)
    ledger = window.model_panel.ledger
    window.go_to(1)  # the Model step draws the ledger when shown
    rows = [ledger.rows_layout.itemAt(i).widget() for i in range(ledger.rows_layout.count())]
    assert ledger.shown[1].shape == "(batch, 64)"
    window.go_to(2)
    train_to_end(qtbot, panel)
    window.go_to(1)
    assert [ledger.rows_layout.itemAt(i).widget() for i in range(ledger.rows_layout.count())] == rows
    window.state.set_spec(ModelSpec.mlp([8]))  # the shapes change: drawn again (into the same rows)
    assert ledger.shown[1].shape == "(batch, 8)"
    _frame, labels, _note = ledger._frames[2]  # (the head, the input, then the first layer)
    assert [label.text() for label in labels] == ["1", "Linear  4 → 8", "(batch, 8)", "40"]


def test_the_model_step_is_drawn_when_shown_not_at_each_choice_on_the_data_step(qtbot, window, iris_csv):
    open_train_step(qtbot, window, iris_csv, epochs=2, early_stopping=0)
    ledger = window.model_panel.ledger
    window.go_to(0)
    drawn = []
    real = ledger.set_ledger
    ledger.set_ledger = lambda *a, **k: drawn.append(1) or real(*a, **k)
    window.state.update_data_config(features=window.state.data_config.features[:2])
    window.state.update_data_config(val_split=0.3)
    assert drawn == []  # the Model step is not on screen
    window.go_to(1)
    assert drawn == [1] and ledger.shown[0].shape == "(batch, 2)"  # once, with the last choices


def test_f5_on_the_data_step_starts_the_run_and_shows_it_on_the_train_step(qtbot, window, iris_csv):
    load_csv(qtbot, window, iris_csv)
    window.state.update_train_config(epochs=2, early_stopping=0)
    window.show()
    window.go_to(0)
    with qtbot.waitSignal(window.train_panel.run.ended, timeout=RUN_TIMEOUT):
        qtbot.keyClick(window, Qt.Key_F5)
        assert window.state.running and window.current_step() == 2
        # no model yet: the Results step's own Open a Saved Model… waits for the run, as the toolbar's does
        assert not window.results_panel.empty_open_model.isEnabled() and not window.act_open_model.isEnabled()


def test_ctrl_and_a_number_goes_to_that_step_and_f6_pauses(qtbot, window, big_linear_csv):
    load_csv(qtbot, window, big_linear_csv)
    window.state.update_train_config(epochs=500, early_stopping=0, batch_size=32)
    window.show()
    for step, key in enumerate((Qt.Key_1, Qt.Key_2, Qt.Key_3, Qt.Key_4)):
        qtbot.keyClick(window, key, Qt.ControlModifier)
        assert window.current_step() == step
    panel = window.train_panel
    with qtbot.waitSignal(panel.run.events, timeout=RUN_TIMEOUT):
        qtbot.keyClick(window, Qt.Key_F5)
    qtbot.keyClick(window, Qt.Key_F6)
    assert panel.is_paused() and window.act_pause.text() == "&Resume"
    qtbot.keyClick(window, Qt.Key_F6)
    assert not panel.is_paused()
    with qtbot.waitSignal(panel.run.ended, timeout=RUN_TIMEOUT):
        qtbot.keyClick(window, Qt.Key_Escape)
