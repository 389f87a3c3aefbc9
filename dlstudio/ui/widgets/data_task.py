"""What the label makes of the job (the task, with an override) and the shapes the network will see."""
from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout

from ...core.kinds import BINARY, CATEGORICAL, MULTICLASS, REGRESSION
from .. import look
from .data_options import make_combo, set_combo

MAX_CLASSES_SHOWN = 8
ERROR_STYLE = "color:#b42318;"


def task_names() -> dict[str, str]:
    return {REGRESSION: QCoreApplication.translate("DataTask", "regression"),
            BINARY: QCoreApplication.translate("DataTask", "binary classification"),
            MULTICLASS: QCoreApplication.translate("DataTask", "multi-class classification")}


def reason_text(task) -> str:
    """Why the task was chosen, in the window's language (the core's English sentence when it gives
    no key, e.g. a model saved by an older version)."""
    templates = {
        "numeric_labels": QCoreApplication.translate("DataTask", "{0} numeric label columns"),
        "two_values": QCoreApplication.translate("DataTask", "2 distinct values in '{0}'"),
        "text_values": QCoreApplication.translate("DataTask", "{0} text values in '{1}'"),
        "whole_numbers": QCoreApplication.translate("DataTask", "{0} whole-number values in '{1}'"),
        "numbers": QCoreApplication.translate("DataTask", "'{0}' holds numbers with {1} different values"),
        "chosen": QCoreApplication.translate("DataTask", "chosen by you")}
    if not task.why or task.why[0] not in templates:
        return task.reason
    return templates[task.why[0]].format(*task.why[1:])


class TaskBox(look.Section):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Task"))
        self.state = state
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        names = task_names()
        self.override = make_combo([(self.tr("Automatic (from the label)"), "auto"), (names[REGRESSION], REGRESSION),
                                    (names[BINARY], BINARY), (names[MULTICLASS], MULTICLASS)], "taskOverride")
        self.override.setToolTip(self.tr("The label decides the task; override it when the guess is wrong, "
                                         "e.g. whole-number codes that are really amounts"))
        self.detected = QLabel()
        self.detected.setObjectName("taskDetected")
        self.detected.setWordWrap(True)
        self.classes = QLabel()
        self.classes.setObjectName("classCounts")
        self.classes.setWordWrap(True)
        self.classes.setTextFormat(Qt.RichText)
        form.addRow(self.tr("Task:"), self.override)
        form.addRow(self.detected)
        form.addRow(self.classes)
        self.override.currentIndexChanged.connect(lambda: state.update_data_config(task=self.override.currentData()))
        state.dataConfigChanged.connect(self.sync)
        state.taskChanged.connect(self.sync)
        self.sync()

    def sync(self) -> None:
        set_combo(self.override, self.state.data_config.task)
        task, error = self.state.task, self.state.task_error
        if self.state.frame is None:  # nothing loaded, or only a preview: nothing to say yet
            self.detected.setText("")
            self.classes.hide()
            return
        if task is None:
            self.detected.setStyleSheet(ERROR_STYLE)
            self.detected.setText(error or self.tr("Choose a label column."))
            self.classes.hide()
            return
        self.detected.setStyleSheet("")
        kind = task_names()[task.kind]
        if self.state.data_config.task == "auto":
            self.detected.setText(self.tr("Detected: <b>%s</b> — %s") % (kind, html.escape(reason_text(task))))
        else:
            self.detected.setText(self.tr("Chosen: <b>%s</b>") % kind)
        self.classes.setVisible(task.is_classification)
        if task.is_classification:
            self.classes.setText(self._class_text(task))

    def _class_text(self, task) -> str:
        total = max(sum(task.class_counts), 1)
        parts = [f"<span style='white-space:nowrap'>{html.escape(str(c))} <b>{n}</b> ({_share(n, total)})</span>"
                 for c, n in list(zip(task.classes, task.class_counts))[:MAX_CLASSES_SHOWN]]
        more = len(task.classes) - MAX_CLASSES_SHOWN
        text = self.tr("Classes: ") + " · ".join(parts)
        if more > 0:
            text += " · " + self.tr("and %d more") % more
        if min(task.class_counts) < 0.2 * max(task.class_counts):
            text += "<br>" + self.tr("Imbalanced: a weighted loss (Train step) helps the rare classes.")
        return text


class ShapeLabel(QLabel):
    """``X … · y …`` on one line; X and y on two when the line would not fit (large N)."""

    def __init__(self):
        super().__init__()
        self._one_line = ""

    def set_shapes(self, one_line: str) -> None:
        self._one_line = one_line
        self._layout_text()

    def one_line(self) -> str:
        return self._one_line

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._layout_text()

    def _layout_text(self) -> None:
        margins = self.contentsMargins().left() + self.contentsMargins().right() + 20  # the style's padding
        fits = self.fontMetrics().horizontalAdvance(self._one_line) + margins <= self.width()
        text = self._one_line if fits else self._one_line.replace(" · ", "\n· ")
        if text != self.text():
            self.setText(text)


def _share(count: int, total: int) -> str:
    """A class's share of the rows: '&lt;1 %' for a rare one (16 of 7,000 read '0 %')."""
    percent = 100 * count / total
    return "&lt;1 %" if 0 < percent < 0.5 else f"{percent:.0f} %"


class ShapeBox(look.Section):
    """``X (N, F) float32 · y (N, k)`` after preprocessing, live as the choices change."""

    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("What the network gets"))
        self.state = state
        self.layout_ = QVBoxLayout(self)
        self.shape = ShapeLabel()
        self.shape.setObjectName("shapeReadout")
        self.shape.setTextInteractionFlags(Qt.TextSelectableByMouse)
        look.shape(self.shape)
        self.note = QLabel()
        self.note.setObjectName("shapeNote")
        self.note.setWordWrap(True)
        look.hint(self.note)
        self.problems = QLabel()
        self.problems.setObjectName("dataProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(ERROR_STYLE)
        for w in (self.shape, self.note, self.problems):
            self.layout_.addWidget(w)
        self.layout_.addStretch(1)
        for sig in (state.dataConfigChanged, state.taskChanged, state.trainConfigChanged):
            sig.connect(self.sync)
        self.sync()

    def text(self) -> str:
        return self.shape.one_line()

    def sync(self) -> None:
        shapes = self.state.planned_shapes()
        if shapes is None:
            self.shape.set_shapes("X – · y –")
            self.note.setText("")
            self.problems.hide()
            return
        self.shape.set_shapes(shapes.text)
        batch = min(self.state.train_config.batch_size, max(shapes.train_rows, 1))
        self.note.setText(
            self.tr("The first dimension is the batch: training feeds %d rows at a time, e.g. X (%d, %d).")
            % (batch, batch, shapes.features) + " " +
            self.tr("%s rows train the model, %s check it.") % (f"{shapes.train_rows:,}", f"{shapes.val_rows:,}") +
            self._left_out_words(shapes.rows) + self._one_hot_words(shapes.features))
        problems = list(self.state.data_config.problems())  # core sentences
        if self.state.task is None and self.state.task_error and self.state.data_config.labels:
            problems.append(self.state.task_error)
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))

    def _left_out_words(self, rows: int) -> str:
        """The rows the run will leave out, said before it (it said so only at its end)."""
        left = len(self.state.frame) - rows
        if left <= 0:
            return ""
        if self.state.data_config.missing == "drop":
            return " " + self.tr("%s row(s) miss the label or an input and are left out.") % f"{left:,}"
        return " " + self.tr("%s row(s) have no label and are left out.") % f"{left:,}"

    def _one_hot_words(self, width: int) -> str:
        """Why the inputs outnumber the feature columns ('10 features' above X (442, 11))."""
        features = self.state.data_config.features
        if width == len(features):
            return ""
        profiles = self.state.profile_map
        coded = [f for f in features if f in profiles and profiles[f].kind == CATEGORICAL]
        names = ", ".join(coded[:3]) + (", …" if len(coded) > 3 else "")
        return " " + self.tr("The %d feature columns give %d inputs: a category column gives one 0/1 input per "
                             "category (one-hot): %s.") % (len(features), width, names)

    def ready(self) -> bool:
        return self.state.frame is not None and self.state.task is not None and not self.state.data_config.problems()
