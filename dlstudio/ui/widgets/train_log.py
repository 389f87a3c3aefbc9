"""The epoch log: one row per epoch (train loss, validation loss, metric, lr, seconds), copyable as TSV."""
from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, \
    QVBoxLayout, QWidget

from .results_metrics import fmt


def _fmt(value, digits: int | None = None) -> str:
    """A loss or metric as the Results step writes it (a column keeps its decimals: 2557.00 beside
    2528.20, not 2557 beside 2528.2), but under 1 with four significant digits (0.001235 beside
    0.001188 near the end of a run, not 0.0012 twice); NaN and inf as such; ``digits``: significant
    digits instead."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–" if value is None else str(value)
    if digits is None and 0 < abs(value) < 1:
        digits = 4
    return fmt(value) if digits is None else f"{value:.{digits}g}"


class EpochLogModel(QAbstractTableModel):
    """Rows are (epoch, train loss, val loss, metric, lr, seconds); appended in blocks."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple] = []
        self.best_row = -1
        self.metric_title = self.tr("metric")

    def headers(self) -> list[str]:
        return [self.tr("epoch"), self.tr("train loss"), self.tr("val loss"), self.metric_title, self.tr("lr"),
                self.tr("seconds")]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.DisplayRole:
            return self.text(row, col)
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.FontRole and row == self.best_row:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ToolTipRole and index.column() == 0 and self._cut(row):
            return self.tr("Stop cut this epoch short: %d of its %d batches ran") % self._cut(row)
        if role == Qt.ToolTipRole and row == self.best_row:
            return self.tr("Best validation loss so far")
        return None

    def text(self, row: int, col: int) -> str:
        value = self.rows[row][col]
        if col == 0:
            cut = self._cut(row)
            return f"{value} ({cut[0]}/{cut[1]})" if cut else str(value)
        if col == 4:
            return _fmt(value, 3)
        if col == 5:
            return f"{value:.3g}"
        return _fmt(value)

    def _cut(self, row: int) -> tuple[int, int] | None:
        """(batches done, batches) of an epoch Stop cut short, else None."""
        return self.rows[row][6] if len(self.rows[row]) > 6 else None

    def set_metric_title(self, title: str) -> None:
        self.metric_title = title
        self.headerDataChanged.emit(Qt.Horizontal, 3, 3)

    def append(self, rows: list[tuple], best: int | None = None) -> None:
        """Add rows; ``best`` is the index (in the whole table) of the best epoch, if it changed."""
        if rows:
            n = len(self.rows)
            self.beginInsertRows(QModelIndex(), n, n + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        if best is not None and best != self.best_row:
            old, self.best_row = self.best_row, best
            for r in (old, best):
                if 0 <= r < len(self.rows):
                    self.dataChanged.emit(self.index(r, 0), self.index(r, 5))

    def clear(self) -> None:
        self.beginResetModel()
        self.rows.clear()
        self.best_row = -1
        self.endResetModel()

    def tsv(self, rows: list[int] | None = None) -> str:
        """The table (or the given rows) as tab-separated text with a header line."""
        rows = range(len(self.rows)) if rows is None else rows
        lines = ["\t".join(self.headers())]
        lines += ["\t".join(self.text(r, c) for c in range(6)) for r in rows]
        return "\n".join(lines) + "\n"


class EpochLog(QWidget):
    """The table, a Copy button and Ctrl+C (selected rows, or all of them when none is selected)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = EpochLogModel(self)
        self.table = QTableView()
        self.table.setObjectName("epochLog")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the epoch log (or the selected rows) as tab-separated text, "
                                            "ready to paste into a spreadsheet (Ctrl+C)"))
        self.copy_button.clicked.connect(self.copy)
        QShortcut(QKeySequence.Copy, self.table, self.copy, context=Qt.WidgetWithChildrenShortcut)
        title = QLabel(self.tr("<b>Epoch log</b>"))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.model.rowsInserted.connect(self._follow)

    def _follow(self) -> None:
        """Keep the newest epoch in view unless the person scrolled up to read."""
        bar = self.table.verticalScrollBar()
        if bar.value() >= bar.maximum() - 2 * self.table.verticalHeader().defaultSectionSize():
            self.table.scrollToBottom()

    def copy(self) -> str:
        selected = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        text = self.model.tsv(selected or None)
        QGuiApplication.clipboard().setText(text)
        return text
