"""An inline message bar at the top of the window: errors and notices without modal dialogs.

A core DLStudioError shows its sentence, hint and details; nothing modal blocks the person
(or a test) and the previous state stays as it was.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

from ..core.errors import DLStudioError

_STYLES = {
    "error": "background:#fde8e8; border:1px solid #e53e3e; color:#742a2a;",
    "warning": "background:#fefcbf; border:1px solid #d69e2e; color:#744210;",
    "info": "background:#ebf8ff; border:1px solid #3182ce; color:#2a4365;",
}
# The core's DLStudioError.kind values (English by design), shown in the current language.
_KINDS = frozenset((QT_TRANSLATE_NOOP("Banner", "Error"), QT_TRANSLATE_NOOP("Banner", "Data problem"),
                    QT_TRANSLATE_NOOP("Banner", "Model problem"), QT_TRANSLATE_NOOP("Banner", "File problem"),
                    QT_TRANSLATE_NOOP("Banner", "Training problem"), QT_TRANSLATE_NOOP("Banner", "Cancelled")))


def kind_text(kind: str) -> str:
    return QCoreApplication.translate("Banner", kind) if kind in _KINDS else kind


class Banner(QFrame):
    closed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.dismiss)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignTop)
        self.level = ""
        self.hide()

    def text(self) -> str:
        """The message shown now, as plain text ( when hidden)."""
        from PySide6.QtGui import QTextDocumentFragment
        return "" if self.isHidden() else QTextDocumentFragment.fromHtml(self.label.text()).toPlainText()

    def show_message(self, text: str, level: str = "info") -> None:
        self.level = level
        self.setStyleSheet(f"QFrame#banner {{{_STYLES[level]} border-radius:4px;}}")
        self.label.setText(text)
        self.show()

    def show_error(self, error: BaseException) -> None:
        if isinstance(error, DLStudioError):
            self.show_message(f"<b>{_html(kind_text(error.kind))}:</b> " + _html(error.text), "error")
        else:
            self.show_message(self.tr("<b>Unexpected error:</b> ") + _html(f"{type(error).__name__}: {error}")
                              + self.tr("<br>It was logged. Your data and model are unchanged."), "error")

    def dismiss_error(self) -> None:
        """Dismiss an error: what the person did next succeeded, so it no longer stands."""
        if self.level == "error":
            self.dismiss()

    def dismiss_if(self, text: str) -> None:
        """Dismiss the message if it is still ``text`` (one that a later action made stale)."""
        if not self.isHidden() and self.label.text() == text:
            self.dismiss()

    def dismiss(self) -> None:
        self.hide()
        self.label.clear()
        self.level = ""
        self.closed.emit()


def _html(text: str) -> str:
    import html
    return html.escape(text).replace("\n", "<br>")
