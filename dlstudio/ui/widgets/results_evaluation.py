"""The Evaluate view: the metrics table with its baselines, a plain verdict (learned? over-fitting?),
and the plots — regression: predicted vs actual and residuals; classification: the confusion matrix
and per-class precision / recall."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QSizePolicy, QStackedWidget, QVBoxLayout,
                               QWidget)

from .results_confusion import ConfusionMatrixView
from .results_metrics import ClassTable, MetricsTable, fmt
from .wheel_guard import guard_wheel

GAP = 0.1  # train − validation gap (R² or accuracy) above which we call it over-fitting


def _heading(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setStyleSheet("font-size: 11pt; color: #111827;")
    return label


def _note() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.RichText)
    label.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
    return label


class EvaluationView(QWidget):
    """``show(task, metrics, eval_data, file_metrics, file_name)``; reads nothing else."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("evaluationView")
        self.metrics_table = MetricsTable()
        self.verdict = _note()
        self.verdict.setObjectName("verdict")
        self.class_table = ClassTable()
        self.class_heading = _heading(self.tr("Per class"))
        self.confusion = ConfusionMatrixView()
        self.plot_note = _note()
        self.plot_note.setObjectName("plotNote")
        self.plot_note.setAlignment(Qt.AlignCenter)
        self.plot_note.setStyleSheet("color: #4b5563; font-size: 11pt; padding: 24px;")
        self.label_choice = QComboBox()  # which label the regression plots show, when there are several
        self.label_choice.currentIndexChanged.connect(lambda _i: self._draw_regression())
        guard_wheel(self.label_choice)
        self._plots = None  # created on first use: pyqtgraph loads only when a regression is shown
        self._eval = None
        self._build()

    def _build(self) -> None:
        left = QVBoxLayout()
        self.metrics_heading = _heading(self.tr("Metrics"))
        left.addWidget(self.metrics_heading)
        left.addWidget(self.metrics_table)
        left.addWidget(self.verdict)
        left.addSpacing(6)
        left.addWidget(self.class_heading)
        left.addWidget(self.class_table)
        left.addStretch(1)
        self.top = QWidget()
        self.top.setLayout(left)
        self.plot_area = QStackedWidget()
        self.plot_area.addWidget(self.plot_note)
        self.plot_area.addWidget(self.confusion)
        self.regression_page = QWidget()
        reg = QVBoxLayout(self.regression_page)
        reg.setContentsMargins(0, 0, 0, 0)
        self.label_row = QWidget()
        row = QHBoxLayout(self.label_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Label:")))
        row.addWidget(self.label_choice)
        row.addStretch(1)
        reg.addWidget(self.label_row)
        self.plot_area.addWidget(self.regression_page)
        self._side_by_side = None
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.body = QWidget()
        self.outer.addWidget(self.body, 1)

    def _arrange(self, side_by_side: bool) -> None:
        """Classification: metrics left, matrix right. Regression: metrics on top, two plots below."""
        if self._side_by_side is side_by_side:
            return
        self._side_by_side = side_by_side
        old = self.body
        self.body = QWidget()
        layout = QHBoxLayout(self.body) if side_by_side else QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.top, 0 if not side_by_side else 5)
        layout.addWidget(self.plot_area, 6 if side_by_side else 1)
        self.outer.replaceWidget(old, self.body)
        old.deleteLater()
        self.body.show()  # a widget added to a shown parent stays hidden until told

    @property
    def plots(self):
        if self._plots is None:
            from .results_plots import RegressionPlots
            self._plots = RegressionPlots()
            self.regression_page.layout().addWidget(self._plots, 1)
        return self._plots

    # --- showing -------------------------------------------------------------------------------------------
    def show_results(self, task, metrics: dict, eval_data=None, file_metrics: dict | None = None,
                     file_name: str = "", saved: bool = False) -> None:
        """``saved``: the metrics come from the model file, not measured now on data at hand."""
        kind = task.kind
        self.metrics_heading.setText("<b>%s</b>" % self.tr("Metrics") + (
            " · " + self.tr("as saved with the model") if saved and metrics else ""))
        classification = kind != "regression"
        self._arrange(side_by_side=classification)
        self.metrics_table.show_metrics(kind, metrics, file_metrics, file_name)
        self.metrics_table.setVisible(bool(self.metrics_table.columns))
        self.verdict.setText(self.verdict_text(kind, metrics, file_metrics, file_name))
        self.class_heading.setVisible(classification)
        self.class_table.setVisible(classification)
        if classification:
            self._show_classification(task, metrics, file_metrics, file_name)
        else:
            self._eval = eval_data
            labels = list(task.labels)
            if [self.label_choice.itemText(i) for i in range(self.label_choice.count())] != labels:
                self.label_choice.blockSignals(True)
                self.label_choice.clear()
                self.label_choice.addItems(labels)
                self.label_choice.blockSignals(False)
            self.label_row.setVisible(len(labels) > 1)
            self._draw_regression()

    def _show_classification(self, task, metrics, file_metrics, file_name) -> None:
        source, where = None, ""
        if (metrics.get("val") or {}).get("confusion"):
            source, where = metrics["val"], self.tr("validation split")
        elif file_metrics and file_metrics.get("confusion"):
            source, where = file_metrics, file_name
        elif (metrics.get("train") or {}).get("confusion"):
            source, where = metrics["train"], self.tr("training split")
        if source is None:
            self.class_table.show_classes([], {})
            self._note(self.tr("The confusion matrix appears after predicting on a CSV that still has "
                               "the label column (Predict on CSV…)."))
            return
        self.class_heading.setText("<b>%s</b> · %s" % (self.tr("Per class"), where))
        classes = [task.shown(c) for c in task.classes]  # as the training file writes them (01, not 1)
        self.class_table.show_classes(classes, source)
        self.confusion.set_matrix(classes, source["confusion"], self.tr("Confusion matrix · %s") % where)
        self.plot_area.setCurrentWidget(self.confusion)

    def _draw_regression(self) -> None:
        data = self._eval
        if data is None:
            self._note(self.tr("The plots need predictions with known answers. They appear after training, "
                               "or after predicting on a CSV that still has the label column "
                               "(Predict on CSV…)."))
            return
        j = max(0, self.label_choice.currentIndex())
        j = min(j, data.actual.shape[1] - 1)
        source = {"validation": self.tr("validation split"),
                  "training": self.tr("training split (there is no validation split)")}.get(data.source, data.source)
        self.plots.show_pairs(data.actual[:, j], data.predicted[:, j], data.labels[j], source)
        self.plot_area.setCurrentWidget(self.regression_page)

    def _note(self, text: str) -> None:
        self.plot_note.setText(text)
        self.plot_area.setCurrentWidget(self.plot_note)

    def plot_kind(self) -> str:
        """'confusion', 'regression' or 'note': what the plot area shows now."""
        current = self.plot_area.currentWidget()
        return {id(self.confusion): "confusion", id(self.regression_page): "regression"}.get(id(current), "note")

    # --- the verdict -------------------------------------------------------------------------------------
    def verdict_text(self, kind: str, metrics: dict, file_metrics: dict | None, file_name: str) -> str:
        name = "r2" if kind == "regression" else "accuracy"
        title = self.tr("R²") if kind == "regression" else self.tr("accuracy")
        val, base = metrics.get("val") or {}, metrics.get("val_baseline") or {}
        train = metrics.get("train") or {}
        lines = []
        if val.get(name) is not None and base.get(name) is not None:
            if val[name] > base[name] + 0.02:
                lines.append(self.tr("✔ <b>It learned:</b> validation %s %s, against %s for the baseline "
                                     "(always the %s).") % (title, fmt(val[name]), fmt(base[name]),
                                                             self._baseline_name(kind)))
            else:
                lines.append(self.tr("✘ <b>No better than the baseline:</b> validation %s %s, against %s for "
                                     "always the %s. Train longer, try another learning rate, or check the "
                                     "features.") % (title, fmt(val[name]), fmt(base[name]),
                                                     self._baseline_name(kind)))
        elif not val and train:
            lines.append(self.tr("There is no validation split, so these numbers come from the rows the "
                                 "network trained on; they overstate how well it does on new data."))
        if val.get(name) is not None and train.get(name) is not None:
            gap = train[name] - val[name]
            if gap > GAP:
                lines.append(self.tr("⚠ <b>Over-fitting:</b> training %s %s but validation %s. More data, "
                                     "dropout, weight decay or fewer epochs (early stopping) help.")
                             % (title, fmt(train[name]), fmt(val[name])))
            else:
                lines.append(self.tr("Training %s %s and validation %s are close: no strong over-fitting.")
                             % (title, fmt(train[name]), fmt(val[name])))
        if file_metrics and file_metrics.get(name) is not None:
            lines.append(self.tr("On %s: %s %s.") % (file_name, title, fmt(file_metrics[name])))
        if not lines:
            lines.append(self.tr("No metrics were saved with this model. Predict on a CSV that still has the "
                                 "label column to measure it."))
        return "<br>".join(lines)

    def _baseline_name(self, kind: str) -> str:
        return self.tr("training mean") if kind == "regression" else self.tr("most common class")
