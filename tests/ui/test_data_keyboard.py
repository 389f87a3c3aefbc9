"""The Data step without a mouse: Tab passes each table once, a column's role is chosen from the
keyboard, and Return on Next goes on."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .helpers import load_csv

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def tab(qtbot, backwards=False):
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Backtab if backwards else Qt.Key_Tab,
                   Qt.ShiftModifier if backwards else Qt.NoModifier)
    return QApplication.focusWidget()


def test_tab_passes_the_tables_once_and_reaches_next(qtbot, window):
    window.show()
    load_csv(qtbot, window, SAMPLES / "iris.csv")
    panel = window.data_panel
    panel.preview_view.setFocus()
    qtbot.waitUntil(panel.preview_view.hasFocus)
    seen = [tab(qtbot) for _ in range(12)]
    assert panel.next_button in seen, [w.objectName() for w in seen]
    assert seen.count(panel.columns_view) == 1 and panel.preview_view not in seen[:-1]
    assert panel.preparation.standardize in seen
    while QApplication.focusWidget() is not panel.next_button:
        tab(qtbot)
    qtbot.keyClick(panel.next_button, Qt.Key_Return)
    assert window.current_step() == 1


def test_a_role_is_chosen_from_the_keyboard_and_tab_leaves_it(qtbot, window):
    window.show()
    load_csv(qtbot, window, SAMPLES / "iris.csv")
    view = window.data_panel.columns_view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    row = [p.name for p in view.model().profiles].index("sepal_width_cm")
    view.setCurrentIndex(view.model().index(row, 0))
    qtbot.keyClick(view, Qt.Key_Space)
    combo = view.role_combo("sepal_width_cm")
    qtbot.waitUntil(combo.view().isVisible)  # its list is open
    qtbot.keyClick(combo.view(), Qt.Key_Down)  # from 'Feature' to the next role it offers
    qtbot.keyClick(combo.view(), Qt.Key_Return)
    qtbot.waitUntil(lambda: not combo.view().isVisible())
    assert "sepal_width_cm" not in window.state.data_config.features
    assert tab(qtbot) is window.data_panel.preparation.standardize  # out of the table, not to its next cell
