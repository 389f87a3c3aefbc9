"""One factory for the window's actions: text, icon, standard shortcut, tip, slot."""
from __future__ import annotations

from PySide6.QtGui import QAction, QIcon, QKeySequence

from ..resources import icon_path

_icon_cache: dict[str, QIcon] = {}


def icon(name: str) -> QIcon:
    if name not in _icon_cache:
        _icon_cache[name] = QIcon(str(icon_path(name)))
    return _icon_cache[name]


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
