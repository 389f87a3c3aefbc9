"""The base of the four step panels that share the window's stack."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget


class StepPage(QWidget):
    """A step in the window's stack. It reports no height-for-width: on every relayout of the window
    the stack asked each page, shown or not, for its height at the window's width, and every
    word-wrapped label of every page laid its text out again, 15-25 ms a relayout (several a second
    while the Results step fills in). A page's own layout still wraps its labels to its width."""

    def hasHeightForWidth(self) -> bool:
        return False
