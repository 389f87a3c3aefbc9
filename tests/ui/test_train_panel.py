"""The Train step driven as a person would: Start, Pause/Resume, Stop, continue, reset, close mid-run."""
from __future__ import annotations

import math
import time

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from dlstudio.core.profile import EXACT_UNIQUE_ROWS, PROFILE_SAMPLE_ROWS, _sample_rows
from dlstudio.core.spec import ModelSpec
from dlstudio.ui import threads, worker
from dlstudio.ui.widgets.results_metrics import fmt
from tests.conftest import linear_frame
from tests.ui.helpers import load_csv, screenshot

TRAIN = 2
RUN_TIMEOUT = 90_000  # ms; the first run waits for the training process to import torch


def open_train_step(qtbot, window, csv, **config):
    load_csv(qtbot, window, csv)
    window.state.update_train_config(**config)
    window.go_to(TRAIN)
    panel = window.train_panel
    qtbot.waitUntil(lambda: panel.plots is not None)
    return panel


def click(qtbot, button):
    assert button.isEnabled(), f"{button.objectName()} is disabled"
    qtbot.mouseClick(button, Qt.LeftButton)


def train_to_end(qtbot, panel, button=None):
    with qtbot.waitSignal(panel.run.ended, timeout=RUN_TIMEOUT):
        with qtbot.waitSignal(panel.runFinished, timeout=RUN_TIMEOUT) as blocker:
            click(qtbot, button or panel.start_button)
    return blocker.args[0]


@pytest.fixture
def big_linear_csv(tmp_path):
    """Enough rows that a run lasts long enough to pause and stop it."""
    path = tmp_path / "linear_big.csv"
    linear_frame(n=20_000).to_csv(path, index=False)
    return path


def test_training_fills_the_plots_and_the_log_with_the_engines_history(qtbot, window, iris_csv):
    panel = open_train_step(qtbot, window, iris_csv, epochs=6, early_stopping=0)
    assert panel.start_button.isEnabled() and not panel.stop_button.isEnabled()
    outcome = train_to_end(qtbot, panel)
    bundle = window.state.bundle
    assert bundle is outcome.bundle and window.state.prepared is outcome.prepared
    history = bundle.history
    assert [h["epoch"] for h in history] == [1, 2, 3, 4, 5, 6]
    x, train = panel.plots.series("train")
    np.testing.assert_array_equal(x, [h["epoch"] for h in history])
    np.testing.assert_allclose(train, [h["train_loss"] for h in history])
    np.testing.assert_allclose(panel.plots.series("val")[1], [h["val_loss"] for h in history])
    np.testing.assert_allclose(panel.plots.series("metric")[1], [h["accuracy"] for h in history])
    np.testing.assert_allclose(panel.plots.series("lr")[1], [h["lr"] for h in history])
    batches = outcome.info.batches
    bx, by = panel.plots.series("batch")
    assert len(by) == 6 * batches and np.all(np.isfinite(by))  # every batch loss arrived, none twice
    assert bx[-1] == pytest.approx(6.0)
    assert len(panel.epoch_log.model.rows) == 6
    loss = history[5]['train_loss']  # as the Results step writes it, with 4 significant digits under 1
    assert panel.epoch_log.model.text(5, 1) == (f"{loss:.4g}" if 0 < abs(loss) < 1 else fmt(loss))
    assert "Finished 6 epoch(s)" in panel.end_label.text()
    assert panel.progress.bar.value() == panel.progress.bar.maximum()
    assert not window.state.running and not panel.is_running()
    assert panel.start_button.isEnabled() and not panel.pause_button.isEnabled()
    assert window.act_start.isEnabled() and not window.act_stop.isEnabled()
    assert panel.results_button.isVisible()
    assert "Epoch 3" in panel.plots.hover_at(3.1)
    click(qtbot, panel.results_button)
    assert window.current_step() == 3
    window.go_to(TRAIN)
    screenshot(window, "train_done")


def test_the_epoch_log_copies_as_tab_separated_text(qtbot, window, iris_csv):
    panel = open_train_step(qtbot, window, iris_csv, epochs=3, early_stopping=0)
    train_to_end(qtbot, panel)
    click(qtbot, panel.epoch_log.copy_button)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t") == ["epoch", "train loss", "val loss", "Accuracy", "lr", "seconds"]
    assert [line.split("\t")[0] for line in lines[1:]] == ["1", "2", "3"]
    panel.epoch_log.table.selectRow(1)
    panel.epoch_log.table.setFocus()
    qtbot.keyClick(panel.epoch_log.table, Qt.Key_C, Qt.ControlModifier)
    assert QGuiApplication.clipboard().text().splitlines()[1:] == [lines[2]]


def test_start_again_continues_unless_reset_weights_is_ticked(qtbot, window, iris_csv):
    panel = open_train_step(qtbot, window, iris_csv, epochs=3, early_stopping=0)
    first = train_to_end(qtbot, panel)
    assert "continues" in panel.plan_label.text()
    second = train_to_end(qtbot, panel)
    assert second.info.continued and second.info.epoch_offset == 3
    assert [h["epoch"] for h in window.state.bundle.history] == [1, 2, 3, 4, 5, 6]
    np.testing.assert_array_equal(panel.plots.series("train")[0], [4, 5, 6])  # this run, after the first
    assert len(panel.plots.ghosts) == 4  # the first run's curves, faded
    assert len(panel.epoch_log.model.rows) == 6
    assert second.bundle.history[3]["train_loss"] < first.bundle.history[0]["train_loss"]
    panel.reset_box.setChecked(True)
    third = train_to_end(qtbot, panel)
    assert not third.info.continued and [h["epoch"] for h in third.bundle.history] == [1, 2, 3]
    assert third.bundle.history[0]["train_loss"] == pytest.approx(first.bundle.history[0]["train_loss"], rel=1e-5)
    click(qtbot, panel.clear_button)
    assert panel.plots.ghosts == []
    panel.log_box.setChecked(True)
    assert panel.plots.loss_plot.ctrl.logYCheck.isChecked()


def test_pause_resume_and_stop_keep_a_usable_model(qtbot, window, big_linear_csv):
    panel = open_train_step(qtbot, window, big_linear_csv, epochs=500, early_stopping=0, batch_size=32)
    with qtbot.waitSignal(panel.run.events, timeout=RUN_TIMEOUT):
        click(qtbot, panel.start_button)
    assert window.state.running and not panel.start_button.isEnabled()
    assert not window.act_open.isEnabled()  # no other data while training
    assert window.open_csv(big_linear_csv) is False and window.state.running
    click(qtbot, panel.pause_button)
    assert panel.is_paused() and panel.pause_button.text() == "Resume" and window.act_pause.text() == "&Resume"
    for _ in range(10):  # what was already on its way when Pause was pressed
        with qtbot.waitSignal(panel.run.events, timeout=300, raising=False) as in_flight:
            pass
        if not in_flight.signal_triggered:
            break
    n = len(panel.plots.series("batch")[1])
    with qtbot.assertNotEmitted(panel.run.events, wait=800):
        pass
    assert len(panel.plots.series("batch")[1]) == n
    screenshot(window, "train_running")
    with qtbot.waitSignal(panel.run.events, timeout=10_000):
        click(qtbot, panel.pause_button)
    assert not panel.is_paused() and panel.pause_button.text() == "Pause"
    qtbot.waitUntil(lambda: len(panel.plots.series("batch")[1]) > n, timeout=10_000)
    t0 = time.perf_counter()
    with qtbot.waitSignal(panel.runFinished, timeout=10_000) as blocker:
        click(qtbot, panel.stop_button)
        assert not panel.stop_button.isEnabled()
        click(qtbot, panel.stop_button) if panel.stop_button.isEnabled() else panel.stop()  # twice: harmless
    assert time.perf_counter() - t0 < 5
    qtbot.waitUntil(lambda: not panel.is_running(), timeout=5000)
    assert blocker.args[0].result.reason == "stopped"
    assert "Stopped by you" in panel.end_label.text()
    bundle, prepared = window.state.bundle, window.state.prepared
    last, log = bundle.history[-1], panel.epoch_log.model
    if "batches" in last:  # (the Stop landed inside an epoch, as it nearly always does): shown as cut short
        done, batches = last["batches_done"], last["batches"]
        assert log.text(len(log.rows) - 1, 0) == f"{last['epoch']} ({done}/{batches})"
        assert f"in epoch {last['epoch']}, after {done} of its {batches} batches" in panel.end_label.text()
        assert panel.plots.series("train")[0][-1] == last["epoch"] - 1 + last["batches_done"] / last["batches"]
    else:
        assert log.text(len(log.rows) - 1, 0) == str(last["epoch"])
    out = bundle.predict_raw(prepared.X_val)
    assert out.shape == (len(prepared.X_val), 1) and bool(out.isfinite().all())
    assert panel.start_button.isEnabled() and not panel.stop_button.isEnabled() and window.act_open.isEnabled()


def test_early_stopping_says_why_it_stopped_and_marks_the_best_epoch(qtbot, window, iris_csv):
    panel = open_train_step(qtbot, window, iris_csv, epochs=300, early_stopping=2, lr=0.5, batch_size=16)
    outcome = train_to_end(qtbot, panel)
    assert outcome.result.reason == "early_stopped"
    best = outcome.result.best_epoch
    assert f"the best epoch ({best}) is kept" in panel.end_label.text()
    assert "Stopped early" in panel.progress.bar.format()
    line = panel.plots.best_line  # drawn on the next frame
    qtbot.waitUntil(lambda: line.isVisible() and line.value() == best, timeout=2000)
    assert panel.epoch_log.model.best_row == best - 1
    assert len(outcome.bundle.history) < 300


def test_batchnorm_with_a_lone_last_row_trains_and_says_which_row_sat_out(qtbot, window, iris_csv):
    """Iris keeps 120 training rows: batches of 17 leave one row over, which BatchNorm cannot take alone."""
    load_csv(qtbot, window, iris_csv)
    window.go_to(1)
    click(qtbot, window.model_panel.preset_buttons["MLP 128-64 + BatchNorm + Dropout"])
    window.state.update_train_config(epochs=3, early_stopping=0, batch_size=17)
    window.go_to(TRAIN)
    panel = window.train_panel
    qtbot.waitUntil(lambda: panel.plots is not None)
    outcome = train_to_end(qtbot, panel)
    assert outcome.result.reason == "completed" and outcome.info.batches == 7  # not 8: 7 × 17 = 119
    assert len(panel.plots.series("batch")[1]) == 3 * 7
    assert panel.progress.bar.value() == panel.progress.bar.maximum()
    assert "left one training row out" in panel.end_label.text()
    screenshot(window, "train_batchnorm_lone_row")


def test_double_start_starts_one_run(qtbot, window, iris_csv):
    panel = open_train_step(qtbot, window, iris_csv, epochs=3, early_stopping=0)
    with qtbot.waitSignal(panel.run.ended, timeout=RUN_TIMEOUT):
        assert panel.start() is True
        assert panel.start() is False
        window.act_start.trigger()  # F5 while running: refused too
        assert len(threads.running()) == 1
    assert len(window.state.bundle.history) == 3


def test_a_nan_loss_stops_with_the_cores_message(qtbot, window, linear_csv):
    panel = open_train_step(qtbot, window, linear_csv, optimizer="sgd", lr=10.0, epochs=5, early_stopping=0)
    outcome = train_to_end(qtbot, panel)
    assert outcome.result.reason == "diverged"
    assert "Training stopped: the loss became" in window.banner.text()
    assert "smaller learning rate" in panel.end_label.text()
    assert all(math.isfinite(float(p.detach().sum())) for p in window.state.bundle.model.parameters())
    window.state.update_train_config(optimizer="adam", lr=0.01)  # the next run's settings: the warning is stale
    panel.reset_box.setChecked(True)
    assert train_to_end(qtbot, panel).result.reason != "diverged"
    assert "the loss became" not in window.banner.text()


def test_a_failure_in_training_shows_its_message_and_the_next_run_works(qtbot, window, iris_csv, monkeypatch):
    from dlstudio.core import pipeline
    from dlstudio.core.errors import TrainingError
    monkeypatch.setattr(worker, "DEFAULT_MODE", worker.THREAD)  # so the injected fault is seen by the engine
    panel = open_train_step(qtbot, window, iris_csv, epochs=2, early_stopping=0)

    def broken(*args, **kwargs):
        raise TrainingError("Training broke on purpose.", hint="Nothing to do: this is a test.")

    real = pipeline.train
    monkeypatch.setattr(pipeline, "train", broken)
    with qtbot.waitSignal(panel.run.ended, timeout=RUN_TIMEOUT):
        with qtbot.waitSignal(panel.runFailed, timeout=RUN_TIMEOUT):
            click(qtbot, panel.start_button)
    assert "Training broke on purpose." in window.banner.text()
    assert "Training failed" in panel.end_label.text()
    assert window.state.bundle is None and not window.state.running
    monkeypatch.setattr(pipeline, "train", real)
    train_to_end(qtbot, panel)
    assert len(window.state.bundle.history) == 2


def test_a_data_problem_found_in_the_training_process_is_shown(qtbot, window, tmp_path, iris_csv):
    lonely = tmp_path / "lonely.csv"
    rows = ["a,b,kind"] + [f"{i},{i % 7},{'common' if i % 2 else 'usual'}" for i in range(40)] + ["99,1,rare"]
    lonely.write_text("\n".join(rows) + "\n")
    panel = open_train_step(qtbot, window, lonely, epochs=2, early_stopping=0, batch_size=16)
    with qtbot.waitSignal(panel.run.ended, timeout=RUN_TIMEOUT):
        with qtbot.waitSignal(panel.runFailed, timeout=RUN_TIMEOUT):
            click(qtbot, panel.start_button)
    assert "rare" in window.banner.text() and "single example" in window.banner.text()
    assert panel.start_button.isEnabled()
    load_csv(qtbot, window, iris_csv)
    train_to_end(qtbot, panel)
    assert len(window.state.bundle.history) == 2


def test_a_number_beyond_float32_is_named_and_the_window_stays_usable(qtbot, window, tmp_path):
    """A long file is profiled from a sample: a number past float32 that the sample missed is refused
    at Start, by column, row and line."""
    n = EXACT_UNIQUE_ROWS + 10_000
    sampled = np.zeros(n, dtype=bool)
    sampled[_sample_rows(n, PROFILE_SAMPLE_ROWS)] = True
    bad = int(np.flatnonzero(~sampled[30:])[0]) + 30  # a row the Data step's profile does not see
    huge = tmp_path / "huge.csv"
    rows = [f"{'1e39' if i == bad else i % 97 / 10},{i % 5},{i % 89 * 0.5}\n" for i in range(n)]
    huge.write_text("a,b,y\n" + "".join(rows[:10]) + "\n  \n" + "".join(rows[10:]))  # two blank lines: skipped
    panel = open_train_step(qtbot, window, huge, epochs=2, early_stopping=0)
    assert window.state.data_config.features == ["a", "b"]
    with qtbot.waitSignal(panel.run.ended, timeout=RUN_TIMEOUT):
        with qtbot.waitSignal(panel.runFailed, timeout=RUN_TIMEOUT):
            click(qtbot, panel.start_button)
    assert f"Feature column 'a' holds 1e+39 on data row {bad + 1} (line {bad + 4} of the file)" in \
        window.banner.text()
    assert panel.start_button.isEnabled() and window.state.bundle is None
    screenshot(window, "train_beyond_float32")


def test_closing_the_window_mid_run_stops_and_waits(qtbot, window, big_linear_csv):
    panel = open_train_step(qtbot, window, big_linear_csv, epochs=500, early_stopping=0, batch_size=32)
    with qtbot.waitSignal(panel.run.events, timeout=RUN_TIMEOUT):
        click(qtbot, panel.start_button)
    t0 = time.perf_counter()
    window.close()
    assert time.perf_counter() - t0 < 10
    assert not panel.is_running() and threads.running() == []
    assert not window.state.running


def test_new_weights_that_diverge_at_once_leave_the_trained_model(qtbot, window, linear_csv):
    """(the untrained model of the failed run replaced the trained one, with no way back)"""
    panel = open_train_step(qtbot, window, linear_csv, epochs=2, early_stopping=0)
    trained = train_to_end(qtbot, panel).bundle
    window.state.update_train_config(optimizer="sgd", lr=10.0)  # the loss overflows in the first epoch
    panel.reset_box.setChecked(True)
    with qtbot.waitSignal(panel.run.ended, timeout=RUN_TIMEOUT):
        click(qtbot, panel.start_button)
    assert window.state.bundle is trained and len(trained.history) == 2
    assert panel.end_label.text() == ("This run started from new weights and its loss diverged in the first "
                                      "epoch, so the window keeps the model trained before it. Try a smaller "
                                      "learning rate (now 10) or turn on gradient clipping.")
    assert len(panel.epoch_log.model.rows) == 2  # the kept model's epochs, shown again
    np.testing.assert_array_equal(panel.plots.series("train")[0], [1, 2])
    assert panel.progress.bar.format() == "Stopped: the loss diverged"  # not 'Stopped', as if by you
    assert panel.progress.remaining.text() == ""  # no time left to guess
    screenshot(window, "train_new_weights_diverged")


def test_a_batch_the_training_rows_cannot_make_keeps_start_disabled(qtbot, window, iris_csv):
    """(both were refused only after Start, by the training process)"""
    panel = open_train_step(qtbot, window, iris_csv)
    window.state.update_train_config(batch_size=10_000)
    assert not panel.start_button.isEnabled() and not window.act_start.isEnabled()
    assert "The training split has 120 rows, fewer than one batch of 10000" in panel.plan_label.text()
    screenshot(window, "train_batch_too_big")
    window.state.update_train_config(batch_size=1)
    assert panel.start_button.isEnabled()
    window.state.set_spec(ModelSpec.mlp([8], batchnorm=True))
    assert not panel.start_button.isEnabled()
    assert "BatchNorm needs at least 2 rows in every batch" in panel.plan_label.text()
    window.state.update_train_config(batch_size=16)
    assert panel.start_button.isEnabled() and "new random weights" in panel.plan_label.text()
    # each class's share is rounded apart: a third of 150 iris rows leaves 102 to train on, not 100
    window.state.set_spec(ModelSpec.mlp([8]))
    window.state.update_data_config(val_split=0.33)
    window.state.update_train_config(batch_size=102)
    assert panel.start_button.isEnabled()  # (refused: 'The training split has 100 rows')
    window.state.update_train_config(batch_size=103)
    assert "The training split has 102 rows" in panel.plan_label.text()
    window.state.update_data_config(val_split=0.15)  # 8 of each 50 held back: 126 rows, not 150 − 22 = 128
    window.state.update_train_config(batch_size=127)
    assert "The training split has 126 rows" in panel.plan_label.text() and not panel.start_button.isEnabled()


def test_a_model_trained_in_the_window_keeps_its_classes_as_the_file_writes_them(qtbot, window, tmp_path):
    codes = tmp_path / "codes.csv"
    codes.write_text("x,kind\n" + "".join(f"{i / 90:.3f},{('01', '02', '10')[i % 3]}\n" for i in range(90)))
    panel = open_train_step(qtbot, window, codes, epochs=2, early_stopping=0, batch_size=16)
    outcome = train_to_end(qtbot, panel)
    assert outcome.bundle.task.classes == (1, 2, 10) and outcome.bundle.task.written == ("01", "02", "10")
    panel = window.results_panel  # the Results step's class lists read as the file does too
    with qtbot.waitSignal(panel.evaluated, timeout=20000):
        window.go_to(3)
    view = panel.evaluation
    assert view.confusion.class_names == ["01", "02", "10"]
    assert [view.class_table.item(r, 0).text() for r in range(view.class_table.rowCount())] == ["01", "02", "10"]


def test_start_waits_for_data_and_a_fitting_stack(qtbot, window, iris_csv):
    panel = window.train_panel
    assert not panel.can_start() and not panel.start_button.isEnabled()
    assert "Load a CSV" in panel.plan_label.text()
    load_csv(qtbot, window, iris_csv)
    assert panel.can_start() and window.act_start.isEnabled()
    assert "new random weights" in panel.plan_label.text()


def test_a_second_run_shows_the_last_runs_message_greyed_until_it_ends(qtbot, window, iris_csv):
    panel = open_train_step(qtbot, window, iris_csv, epochs=2, early_stopping=0)
    train_to_end(qtbot, panel)
    first = panel.end_label.text()
    assert first.startswith("Finished 2 epoch(s)")
    height = panel.end_label.height()
    with qtbot.waitSignal(panel.run.ended, timeout=RUN_TIMEOUT):
        with qtbot.waitSignal(panel.runFinished, timeout=RUN_TIMEOUT):
            click(qtbot, panel.start_button)
            # While the second run goes, its place holds the first run's message, marked as such.
            assert panel.end_label.isVisible() and panel.end_label.text() == f"Previous run: {first}"
            assert "#718096" in panel.end_label.styleSheet()
            assert panel.end_label.height() == height  # the plots below are not laid out again
            screenshot(window, "train_second_run")
    assert panel.end_label.text().startswith("Finished 2 epoch(s)")
    assert "#718096" not in panel.end_label.styleSheet()


def test_after_a_run_the_model_step_shows_the_inputs_it_had(qtbot, window, tmp_path):
    """A category whose only row landed in validation gets no input: the run's network took 6 inputs
    while the Model step still planned and showed 7 (and Linear 7 → 64) after it"""
    from dlstudio.core.preprocessing import split_indices
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"city": rng.choice(["Oslo", "Rome", "Bern", "Kyiv"], 200), "x": rng.normal(size=200)})
    frame["y"] = frame["x"] * 2 + (frame["city"] == "Rome")
    _, val = split_indices(200, 0.2, 0)  # (the regression split DL Studio draws)
    frame.loc[val[0], "city"] = "Lisbon"
    path = tmp_path / "cities.csv"
    frame.to_csv(path, index=False)
    panel = open_train_step(qtbot, window, path, epochs=1, early_stopping=0)
    assert window.state.in_features == 6  # planned from the file: five cities and x
    outcome = train_to_end(qtbot, panel)
    assert outcome.bundle.in_features == 5 and window.state.in_features == 5
    window.go_to(1)
    assert "Input: 5 features" in window.model_panel.io_label.text()


def test_the_epoch_log_keeps_four_significant_digits_under_one():
    """(0.0012345 and 0.0011876 both read 0.0012: the best row looked like its neighbours)"""
    from dlstudio.ui.widgets.train_log import EpochLogModel
    model = EpochLogModel()
    model.append([(1, 0.0012345, 0.0011876, 0.51383, 0.001, 0.2), (2, 2557.0, 2528.2, math.nan, 0.001, 0.2)], 0)
    assert [model.text(0, c) for c in (1, 2, 3)] == ["0.001234", "0.001188", "0.5138"]
    assert [model.text(1, c) for c in (1, 2, 3)] == ["2,557.00", "2,528.20", "nan"]
