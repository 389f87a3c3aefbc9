"""The faded curves of earlier runs on the Train step survive a language switch (which rebuilds the
panels) and stay gone once cleared."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from tests.ui.helpers import load_csv
from tests.ui.test_i18n import language_action
from tests.ui.test_train_panel import click, open_train_step, train_to_end


def ghost_data(plots) -> list[tuple[np.ndarray, np.ndarray]]:
    return [ghost.getData() for _plot, ghost in plots.ghosts]


def switch_language(qtbot, window, code: str):
    language_action(window, code).trigger()
    panel = window.train_panel  # a new panel: its plots are built when the step is shown again
    qtbot.waitUntil(lambda: panel.plots is not None)
    return panel


def test_earlier_runs_are_drawn_again_after_a_language_switch_until_cleared(qtbot, window, iris_csv,
                                                                            english_after):
    panel = open_train_step(qtbot, window, iris_csv, epochs=3, early_stopping=0)
    first = train_to_end(qtbot, panel)
    train_to_end(qtbot, panel)
    before = ghost_data(panel.plots)
    assert len(before) == 4  # training and validation loss, metric, learning rate

    panel = switch_language(qtbot, window, "zh_CN")
    assert panel.clear_button.text() != "Clear earlier runs"  # it is the rebuilt, translated panel
    after = ghost_data(panel.plots)
    assert len(after) == 4
    for (x0, y0), (x1, y1) in zip(before, after):
        np.testing.assert_array_equal(x0, x1)
        np.testing.assert_array_equal(y0, y1)
    np.testing.assert_allclose(after[0][1], [h["train_loss"] for h in first.bundle.history])
    np.testing.assert_array_equal(panel.plots.series("train")[0], [1, 2, 3, 4, 5, 6])  # the model's own history

    click(qtbot, panel.clear_button)
    assert panel.plots.ghosts == []
    panel = switch_language(qtbot, window, "en")
    assert panel.plots.ghosts == []


def test_the_empty_loss_plot_shows_an_axis_from_0_to_1_on_either_scale(qtbot):
    """Before any run the loss axis reads 0 to 1 (it read 0 to 1e-12); once losses arrive it fits them."""
    from dlstudio.ui.plots import LivePlots

    plots = LivePlots()
    qtbot.addWidget(plots)
    plots.set_log_y(False)
    assert plots.loss_plot.vb.viewRange()[1] == [0, 1]
    plots.set_log_y(True)
    assert plots.loss_plot.vb.viewRange()[1] == [-1, 1]  # log10: 0.1 to 10
    plots.set_log_y(False)
    plots.begin_run(offset=0, batches=4, metric="", metric_label="")
    plots.buffers["smooth"].extend([0.25, 0.5], [40.0, 30.0])
    plots._fit_loss_range()
    low, high = plots.loss_plot.vb.viewRange()[1]
    assert low < 30 and 40 < high < 100


def test_a_model_whose_last_epoch_stop_cut_short_shows_it_so(qtbot, window, iris_csv, tmp_path):
    import json

    from PySide6.QtCore import QSettings

    from dlstudio.ui.main_window import MainWindow
    from dlstudio.ui.settings import Settings
    from dlstudio.ui.state import AppState

    panel = open_train_step(qtbot, window, iris_csv, epochs=2, early_stopping=0)
    train_to_end(qtbot, panel)
    path = tmp_path / "model.json"
    assert window.results_panel.save_model(str(path))
    saved = json.loads(path.read_text())
    saved["history"][-1].update(batches_done=3, batches=8)  # as a run stopped 3 batches into epoch 2 writes it
    path.write_text(json.dumps(saved))

    again = MainWindow(AppState(), Settings(QSettings()))
    qtbot.addWidget(again)
    again.show()
    with qtbot.waitSignal(again.results_panel.evaluated, timeout=20000):
        assert again.results_panel.open_model(str(path))
    assert "1.3 epochs in all" in again.results_panel.title.text()
    again.go_to(2)
    panel = again.train_panel
    qtbot.waitUntil(lambda: panel.plots is not None)
    log = panel.epoch_log.model
    assert [log.text(row, 0) for row in range(len(log.rows))] == ["1", "2 (3/8)"]
    assert "3 of its 8 batches" in log.data(log.index(1, 0), Qt.ToolTipRole)
    assert list(panel.plots.series("train")[0]) == [1.0, 1.375]
    load_csv(qtbot, again, iris_csv)  # with data to train on, Start would continue the model
    assert "(1.3 epochs so far)" in panel.plan_label.text()
    again.close()
