"""A one-line label that shortens its text with '…' to the width it is given, the whole text in its
tooltip: a long file name or a long line of settings never makes the window wider than the screen."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

MIN_WIDTH = 60  # what the label asks for at least: a few letters and the '…'


class ElidedLabel(QLabel):
    def __init__(self, mode: Qt.TextElideMode = Qt.ElideRight, parent=None):
        super().__init__(parent)
        self._full, self._mode = "", mode
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        self.setToolTip(text)
        self._show_elided()

    def text(self) -> str:
        """The whole text, not the part shown."""
        return self._full

    def sizeHint(self) -> QSize:  # noqa: N802
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right() + 2
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(MIN_WIDTH, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._show_elided()

    def changeEvent(self, event) -> None:  # noqa: N802 (a style sheet's font changes the widths)
        super().changeEvent(event)
        self._show_elided()

    def _show_elided(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, self._mode, max(self.contentsRect().width(), 0))
        if shown != super().text():
            super().setText(shown)
