"""The metrics table (training, validation, the baselines, a predicted file) and the per-class table."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableWidget, QTableWidgetItem

HIGHER_IS_BETTER = {"mae": False, "rmse": False, "r2": True, "accuracy": True, "f1_macro": True, "roc_auc": True}
_MUTED = QColor("#6b7280")


def metric_names(kind: str) -> list[str]:
    if kind == "regression":
        return ["mae", "rmse", "r2"]
    return ["accuracy", "f1_macro", "roc_auc"] if kind == "binary" else ["accuracy", "f1_macro"]


def fmt(value) -> str:
    """A metric for the tables: 4 decimals under 10, else thousands separators and 2 decimals (a model's
    76,202.16 beside its baseline's 826,700.00, not 8.267e+05); e-notation only past a trillion or
    under a thousandth."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    value = float(value)
    if value != 0 and (abs(value) >= 1e12 or abs(value) < 1e-3):
        return f"{value:.3e}"
    return f"{value:.4f}" if abs(value) < 10 else f"{value:,.2f}"


def _compact(table: QTableWidget) -> None:
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.NoSelection)
    table.setFocusPolicy(Qt.NoFocus)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)


def _fit_height(table: QTableWidget) -> None:
    table.resizeRowsToContents()
    header = table.horizontalHeader()  # (its size hint: the height of two-line titles before a layout pass)
    height = max(header.height(), header.sizeHint().height()) + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(height + 2)


def _item(text: str, *, bold: bool = False, muted: bool = False, align=Qt.AlignRight | Qt.AlignVCenter,
          tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(align)
    if bold:
        font = QFont()
        font.setBold(True)
        item.setFont(font)
    if muted:
        item.setForeground(QBrush(_MUTED))
    if tip:
        item.setToolTip(tip)
    return item


class MetricsTable(QTableWidget):
    """Rows are metrics; columns the validation split, its baseline, the training split, its baseline
    and, when a labelled CSV was predicted, that file. The better of model and baseline is bold."""

    def __init__(self, parent=None):
        super().__init__(parent)
        _compact(self)
        self.setObjectName("metricsTable")
        self.columns: list[str] = []  # the keys of the shown columns, for tests and tooltips

    def titles(self) -> dict[str, str]:
        return {"metric": self.tr("Metric"), "val": self.tr("Validation"), "val_baseline": self.tr("Baseline · val"),
                "train": self.tr("Training"), "train_baseline": self.tr("Baseline · train")}

    def metric_title(self, name: str) -> str:
        if " · " in name:  # one label's figure of a regression with several ('mae · price')
            metric, label = name.split(" · ", 1)
            short = {"mae": "MAE", "rmse": "RMSE", "r2": "R²"}.get(metric, metric)
            return f"{short} · {label} {'↑' if HIGHER_IS_BETTER.get(metric, True) else '↓'}"
        return {"mae": self.tr("MAE (mean absolute error) ↓"), "rmse": self.tr("RMSE (root mean squared error) ↓"),
                "r2": self.tr("R² (explained variance) ↑"), "accuracy": self.tr("Accuracy ↑"),
                "f1_macro": self.tr("Macro-F1 ↑"), "roc_auc": self.tr("ROC-AUC ↑")}.get(name, name)

    def show_metrics(self, kind: str, metrics: dict, file_metrics: dict | None = None, file_name: str = "") -> None:
        keys = [k for k in ("val", "val_baseline", "train", "train_baseline") if metrics.get(k)]
        names = metric_names(kind) + [name for name in (metrics[keys[0]] if keys else {}) if " · " in name]
        titles = self.titles()
        headers = [titles["metric"]] + [titles[k] for k in keys]
        if file_metrics:
            keys.append("file")
            headers.append(file_name or self.tr("Predicted file"))
        self.columns = keys
        self.clear()
        self.setColumnCount(len(headers))
        self.setRowCount(len(names))
        # 'Baseline · val' on two lines: in a column as wide as its numbers it read 'aseline · va'
        self.setHorizontalHeaderLabels([h.replace(" · ", "\n") for h in headers])
        baseline_tip = self.tr("The simplest model, measured on the same split: always the training mean") \
            if kind == "regression" else self.tr("The simplest model, measured on the same split: always the "
                                                 "training data's most common class")
        for c, key in enumerate(keys, start=1):
            header = self.horizontalHeaderItem(c)
            if key.endswith("baseline"):
                header.setToolTip(baseline_tip)
        for r, name in enumerate(names):
            self.setItem(r, 0, _item(self.metric_title(name), align=Qt.AlignLeft | Qt.AlignVCenter))
            for c, key in enumerate(keys, start=1):
                source = file_metrics if key == "file" else metrics[key]
                value = source.get(name)
                better = False
                if key in ("val", "train"):
                    base = (metrics.get(f"{key}_baseline") or {}).get(name)
                    better = _beats(name, value, base)
                self.setItem(r, c, _item(fmt(value), bold=better, muted=key.endswith("baseline")))
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        _fit_height(self)

    def value_text(self, metric: str, column: str) -> str:
        """The text shown for ``metric`` in ``column`` ('val', 'train', 'val_baseline', 'file', …)."""
        kinds = [self.item(r, 0).text() for r in range(self.rowCount())]
        row = kinds.index(self.metric_title(metric))
        return self.item(row, self.columns.index(column) + 1).text()


def _beats(name: str, value, base) -> bool:
    if value is None or base is None:
        return False
    return value > base if HIGHER_IS_BETTER.get(name.split(" · ")[0], True) else value < base


class ClassTable(QTableWidget):
    """Per-class precision, recall and support on one split."""

    def __init__(self, parent=None):
        super().__init__(parent)
        _compact(self)
        self.setObjectName("classTable")

    def show_classes(self, classes, metrics: dict) -> None:
        precision, recall = metrics.get("precision") or [], metrics.get("recall") or []
        confusion = metrics.get("confusion") or []
        self.clear()
        self.setColumnCount(4)
        self.setHorizontalHeaderLabels([self.tr("Class"), self.tr("Precision"), self.tr("Recall"),
                                        self.tr("Rows")])
        self.setRowCount(len(classes))
        for r, name in enumerate(classes):
            self.setItem(r, 0, _item(str(name), align=Qt.AlignLeft | Qt.AlignVCenter))
            self.setItem(r, 1, _item(fmt(precision[r]) if r < len(precision) else "–",
                                     tip=self.tr("Of the rows predicted as this class, the share that are")))
            self.setItem(r, 2, _item(fmt(recall[r]) if r < len(recall) else "–",
                                     tip=self.tr("Of the rows of this class, the share found")))
            self.setItem(r, 3, _item(str(sum(confusion[r])) if r < len(confusion) else "–"))
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        _fit_height(self)
