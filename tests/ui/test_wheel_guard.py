"""Scrolling with the mouse wheel over an input changes nothing until the input is clicked or tabbed
into: it scrolls the table or settings around it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from .helpers import load_csv

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def wheel_down(widget, ticks=3):
    for _ in range(ticks):
        middle = QPointF(widget.width() / 2, widget.height() / 2)
        QApplication.sendEvent(widget, QWheelEvent(
            middle, QPointF(widget.mapToGlobal(middle.toPoint())), QPoint(0, 0), QPoint(0, -120),
            Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False))
    QApplication.processEvents()


def test_scrolling_the_column_table_over_a_role_changes_no_role_and_scrolls_the_table(qtbot, window):
    window.resize(1280, 560)  # the column table then holds fewer rows than diabetes has columns
    window.show()
    load_csv(qtbot, window, SAMPLES / "diabetes.csv")
    view = window.data_panel.columns_view
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    config = window.state.data_config
    before = (list(config.features), list(config.labels))
    combo = view.role_combo("bmi")
    wheel_down(combo)
    config = window.state.data_config
    assert (list(config.features), list(config.labels)) == before
    assert combo.currentData() == "feature"
    assert view.verticalScrollBar().value() > 0  # the wheel went to the table


def test_a_training_setting_takes_the_wheel_only_once_focused(qtbot, window):
    window.show()
    load_csv(qtbot, window, SAMPLES / "iris.csv")
    settings = window.model_panel.settings
    epochs = window.state.train_config.epochs
    wheel_down(settings.epochs, ticks=1)
    assert settings.epochs.value() == epochs and window.state.train_config.epochs == epochs
    settings.epochs.setFocus()
    qtbot.waitUntil(settings.epochs.hasFocus)
    wheel_down(settings.epochs, ticks=1)
    assert window.state.train_config.epochs == epochs - 1  # clicked into, it is the person's to scroll
