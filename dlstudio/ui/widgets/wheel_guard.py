"""Scrolling past a value never changes it.

A combo box or spin box under the pointer takes the mouse wheel, so scrolling the column table
turned a column into the label and the label into a feature, and scrolling the Model step's settings
changed the epochs. A guarded input takes the wheel only once clicked or tabbed into (focused);
until then the wheel scrolls whatever scroll area holds it, as the person meant."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Wheel or not isinstance(watched, QWidget) or watched.hasFocus():
            return False
        area = _scroll_area_around(watched)
        if area is not None:
            viewport = area.viewport()
            where = event.globalPosition()
            QApplication.sendEvent(viewport, QWheelEvent(
                viewport.mapFromGlobal(where), where, event.pixelDelta(), event.angleDelta(), event.buttons(),
                event.modifiers(), event.phase(), event.inverted()))
        event.accept()  # handled here: not the input's, nor (a second time) its parents'
        return True


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


_guard: _WheelGuard | None = None


def guard_wheel(*inputs: QWidget) -> None:
    """Let ``inputs`` take the wheel only when focused (a click or Tab focuses them; the wheel does not)."""
    global _guard
    if _guard is None:
        _guard = _WheelGuard(QApplication.instance())
    for widget in inputs:
        if widget.focusPolicy() == Qt.WheelFocus:
            widget.setFocusPolicy(Qt.StrongFocus)
        widget.installEventFilter(_guard)
