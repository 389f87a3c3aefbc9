"""The Data step before any data: a drop zone, one-click sample data sets and recent files."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...resources import samples
from ..actions import icon
from .drop_zone import DropZone

MAX_RECENT_SHOWN = 4


class EmptyDataPage(QWidget):
    openRequested = Signal()
    pathRequested = Signal(str)  # a sample or a recent file, to open as it is
    pathsDropped = Signal(list)

    def __init__(self, recent_files: list[str] = (), parent=None):
        super().__init__(parent)
        self.setObjectName("emptyDataPage")
        outer = QHBoxLayout(self)
        column = QVBoxLayout()
        column.setSpacing(14)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)
        heading = QLabel(self.tr("Start with a table of examples"))
        heading.setStyleSheet("font-size: 22px; font-weight: 600; color: #1f2d3d;")
        intro = QLabel(self.tr("Each row is one example. The network learns to predict one column (the label) "
                               "from the others (the features)."))
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #4a5868;")
        self.drop_zone = DropZone(self.tr("Drop a CSV here, or click to open one"),
                                  self.tr("Comma, semicolon, tab or pipe separated · UTF-8, Windows-1252, GB18030, Big5, "
                                          "Shift-JIS or EUC-KR · the first line names the columns"))
        self.drop_zone.clicked.connect(self.openRequested)
        self.drop_zone.pathsDropped.connect(self.pathsDropped)
        column.addStretch(2)
        column.addWidget(heading)
        column.addWidget(intro)
        column.addWidget(self.drop_zone, 3)
        _, self.sample_buttons = self._button_row(self.tr("Or try a sample data set:"), column,
                                                  [(t, str(p)) for t, p in samples().items()], "sample",
                                                  translate=True)
        recent = [(Path(p).name, p) for p in list(recent_files)[:MAX_RECENT_SHOWN]]
        self.recent_caption, self.recent_buttons = \
            self._button_row(self.tr("Recent files:"), column, recent, "open") if recent else (None, [])
        column.addStretch(3)

    def _button_row(self, caption: str, column: QVBoxLayout, items, icon_name: str,
                    translate: bool = False) -> tuple[QLabel, list[QPushButton]]:
        row = QHBoxLayout()
        label = QLabel(caption)
        label.setStyleSheet("color: #4a5868;")
        row.addWidget(label)
        buttons = []
        for title, path in items:
            text = QCoreApplication.translate("Samples", title) if translate else title  # resources.SAMPLES
            button = QPushButton(icon(icon_name), text)
            button.setToolTip(path)
            button.setCursor(Qt.PointingHandCursor)
            button.setMinimumHeight(32)
            button.clicked.connect(lambda _checked=False, p=path: self.pathRequested.emit(p))
            row.addWidget(button)
            buttons.append(button)
        row.addStretch(1)
        column.addLayout(row)
        return label, buttons

    def forget_recent(self) -> None:
        """File ▸ Open Recent ▸ Clear Recent Files: the row of recent files goes too."""
        for widget in [self.recent_caption] + self.recent_buttons:
            if widget is not None:
                widget.hide()
        self.recent_buttons = []

    def set_busy(self, text: str | None) -> None:
        self.drop_zone.set_busy(text)
        for button in self.sample_buttons + self.recent_buttons:
            button.setEnabled(not text)
