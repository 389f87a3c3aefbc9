"""One factory for the window's actions: text, icon, standard shortcut, tip, slot."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPainter, QPixmap

from ..resources import icon_path

_icon_cache: dict[str, QIcon] = {}


def icon(name: str) -> QIcon:
    if name not in _icon_cache:
        _icon_cache[name] = QIcon(str(icon_path(name)))
    return _icon_cache[name]


def white_when_selected(base: QIcon, sizes=(16, 24, 32, 48)) -> QIcon:
    """``base``, drawn in white for a selected item: the step list's blue selection hid its blue icons."""
    out = QIcon(base)
    for size in sizes:
        drawing = base.pixmap(size, size)
        white = QPixmap(drawing.size())
        white.setDevicePixelRatio(drawing.devicePixelRatio())
        white.fill(Qt.transparent)
        painter = QPainter(white)
        painter.drawPixmap(0, 0, drawing)
        painter.setCompositionMode(QPainter.CompositionMode_SourceIn)  # its shape, in white
        painter.fillRect(white.rect(), Qt.white)
        painter.end()
        out.addPixmap(white, QIcon.Selected)
    return out


def make_action(parent, text: str, slot=None, *, icon_name: str | None = None, shortcut=None,
                tip: str = "", checkable: bool = False, name: str = "") -> QAction:
    action = QAction(text, parent)
    if icon_name:
        action.setIcon(icon(icon_name))
    if shortcut is not None:
        action.setShortcut(shortcut if isinstance(shortcut, QKeySequence) else QKeySequence(shortcut))
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.setCheckable(checkable)
    if name:
        action.setObjectName(name)
    if slot is not None:
        action.triggered.connect(lambda checked=False: slot())
    return action
