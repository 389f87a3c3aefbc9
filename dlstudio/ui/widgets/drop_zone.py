"""A large dashed target: drop a file on it, or click it (or press Enter) to choose one."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from ..actions import icon

IDLE, HOVER, DRAG = QColor("#9fb3c8"), QColor("#3182ce"), QColor("#2b6cb0")


class DropZone(QFrame):
    clicked = Signal()
    pathsDropped = Signal(list)  # local file paths

    def __init__(self, title: str, subtitle: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setAcceptDrops(True)
        self.setCursor(Qt.PointingHandCursor)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMinimumSize(QSize(460, 220))
        self._hover = self._drag = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        self.icon = QLabel()
        self.icon.setPixmap(icon("open").pixmap(QSize(56, 56)))
        self.icon.setAlignment(Qt.AlignCenter)
        self.title = QLabel(title)
        self.title.setObjectName("dropZoneTitle")
        self.title.setAlignment(Qt.AlignCenter)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 19px; font-weight: 600; color: #1f2d3d;")
        self.subtitle = QLabel(subtitle)
        self.subtitle.setAlignment(Qt.AlignCenter)
        self.subtitle.setWordWrap(True)
        self.subtitle.setStyleSheet("color: #5a6b7d;")
        layout.addStretch(1)
        for w in (self.icon, self.title, self.subtitle):
            layout.addWidget(w)
        layout.addStretch(1)

    def set_busy(self, text: str | None) -> None:
        """While a file loads: say so instead of inviting another click."""
        self.subtitle.setProperty("idle_text", self.subtitle.property("idle_text") or self.subtitle.text())
        self.subtitle.setText(text or self.subtitle.property("idle_text"))
        self.setEnabled(not text)

    # --- mouse and keyboard ---------------------------------------------------------------------------
    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.clicked.emit()
        else:
            super().keyPressEvent(event)

    def enterEvent(self, event) -> None:
        self._hover = True
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:
        self._hover = False
        self.update()
        super().leaveEvent(event)

    # --- drops ----------------------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            self._drag = True
            self.update()
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        self._drag = False
        self.update()

    def dropEvent(self, event) -> None:
        self._drag = False
        self.update()
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.pathsDropped.emit(paths)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        color = DRAG if self._drag else HOVER if (self._hover or self.hasFocus()) else IDLE
        fill = QColor("#e3effb") if self._drag else QColor("#f5f9fd") if self._hover else QColor("#fafcfe")
        pen = QPen(color, 2.0, Qt.DashLine)
        pen.setDashPattern([6, 4])
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 14, 14)
        painter.end()
