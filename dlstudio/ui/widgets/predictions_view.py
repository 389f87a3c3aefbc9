"""Predictions on a CSV: what was read and noticed, the metrics when the labels are there, and the
table — the input columns plus the predicted columns (tinted), rows handed to the view lazily."""
from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ..core_words import translated
from ..dataframe_model import DataFrameModel
from .results_metrics import fmt, metric_names

PREDICTED_BACKGROUND = QColor("#e8f1fd")


def _decimals(column) -> int | None:
    """Decimals that give a number as large as the column's largest about five significant digits;
    None (each number as it is) for a column of numbers under 0.01, which a fixed count would round away."""
    largest = float(abs(column).max()) if len(column) else 0.0
    if not math.isfinite(largest) or largest == 0:
        return 2
    return max(4 - math.floor(math.log10(largest)), 1) if largest >= 0.01 else None


class PredictionsModel(DataFrameModel):
    """The shared lazy DataFrame model, with the prediction columns tinted and probabilities short."""

    def __init__(self, parent=None):
        super().__init__(None, parent)
        self.predicted: set[int] = set()
        self.probability: set[int] = set()
        self.decimals: dict[int, int] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def set_prediction(self, frame, prediction_columns: list[str]) -> None:
        columns = list(frame.columns) if frame is not None else []
        self.predicted = {columns.index(c) for c in prediction_columns if c in columns}
        self.probability = {columns.index(c) for c in prediction_columns[1:] if c in columns and
                            frame[c].dtype.kind == "f" and "_proba_" in c}
        # predicted numbers with one count of decimals a column (230.46, 73.33; not 230.4596, 73.33057):
        # about five significant digits at the column's largest value; the export keeps every digit
        self.decimals = {columns.index(c): places for c in prediction_columns if c in columns and frame[c].dtype.kind
                         == "f" and columns.index(c) not in self.probability and (places := _decimals(frame[c]))}
        self.set_frame(frame)

    def data(self, index, role=Qt.DisplayRole):
        if index.isValid() and index.column() in self.predicted:
            if role == Qt.BackgroundRole:
                return PREDICTED_BACKGROUND
            if role == Qt.DisplayRole and index.column() in self.probability:
                value = self.frame.iat[index.row(), index.column()]
                return f"{float(value):.4f}"
            if role == Qt.DisplayRole and index.column() in self.decimals:
                value = float(self.frame.iat[index.row(), index.column()])
                return f"{value:.{self.decimals[index.column()]}f}" if math.isfinite(value) else \
                    super().data(index, role)
        return super().data(index, role)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and section in self.predicted:
            if role == Qt.FontRole:
                return self._bold
            if role == Qt.BackgroundRole:
                return PREDICTED_BACKGROUND
            if role == Qt.ToolTipRole:
                return self.tr("Predicted by the model")
        return super().headerData(section, orientation, role)


class PredictionsView(QWidget):
    exportRequested = Signal()
    predictRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("predictionsView")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("predictionSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.RichText)
        self.predict_button = QPushButton(self.tr("Predict on another CSV…"))
        self.predict_button.clicked.connect(self.predictRequested)
        self.export_button = QPushButton(self.tr("Export to CSV…"))
        self.export_button.setObjectName("exportPredictions")
        self.export_button.clicked.connect(self.exportRequested)
        top.addWidget(self.summary, 1)
        top.addWidget(self.predict_button, 0, Qt.AlignTop)
        top.addWidget(self.export_button, 0, Qt.AlignTop)
        layout.addLayout(top)
        self.notices = QLabel()
        self.notices.setObjectName("predictionNotices")
        self.notices.setWordWrap(True)
        self.notices.setStyleSheet("background:#fefcbf; border:1px solid #d69e2e; color:#744210; "
                                   "border-radius:4px; padding:4px 8px;")
        layout.addWidget(self.notices)
        self.model = PredictionsModel(self)
        self.table = QTableView()
        self.table.setObjectName("predictionsTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setDefaultSectionSize(120)
        self.table.verticalHeader().setDefaultSectionSize(24)
        layout.addWidget(self.table, 1)
        self.show_prediction(None)

    def show_prediction(self, prediction, file_name: str = "", kind: str = "") -> None:
        self.export_button.setEnabled(prediction is not None)
        if prediction is None:
            self.model.set_prediction(None, [])
            self.summary.setText(self.tr("No predictions yet. Use <b>Predict on CSV…</b> (or drop a CSV on the "
                                         "window) to run the model on new rows; the file needs the feature "
                                         "columns, in any order."))
            self.notices.hide()
            return
        frame = prediction.frame
        text = self.tr("<b>%s</b>: %d rows predicted · the tinted columns are the model's answers") % (
            html.escape(file_name), len(frame))
        if prediction.metrics:
            parts = [f"{self._metric_title(n)} {fmt(prediction.metrics.get(n))}" for n in metric_names(kind)
                     if n in prediction.metrics]
            text += "<br>" + self.tr("The file has the label column; metrics on it: %s") % " · ".join(parts)
        self.summary.setText(text)
        self.notices.setText("\n".join(f"• {translated(n)}" for n in prediction.notices))
        self.notices.setVisible(bool(prediction.notices))
        self.model.set_prediction(frame, prediction.prediction_columns)
        self.table.resizeColumnsToContents()

    def _metric_title(self, name: str) -> str:
        return {"mae": self.tr("MAE"), "rmse": self.tr("RMSE"), "r2": self.tr("R²"), "accuracy": self.tr("accuracy"),
                "f1_macro": self.tr("macro-F1"), "roc_auc": self.tr("ROC-AUC")}.get(name, name)

