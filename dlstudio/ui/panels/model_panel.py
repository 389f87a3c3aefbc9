"""Step 2, Model: the layer stack, the shape after every layer, the model as PyTorch prints it,
and the training settings.

Thin: the stack is a core ModelSpec, the ledger and the printed model come from core.ledger
(arithmetic, no torch), the settings are a core TrainConfig. The panel only arranges them.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QScrollArea,
                               QSizePolicy, QSplitter, QVBoxLayout, QWidget)

from ...core.ledger import build_ledger, model_text
from ...core.spec import PRESETS
from ...core.kinds import LOSS_NAMES
from .. import look
from ..core_words import translated
from ..widgets.layer_stack import LayerStackEditor, preset_title
from ..widgets.ledger_view import LedgerView
from ..widgets.train_settings import TrainSettings
from .step_page import StepPage


def _group(title: str, widget: QWidget) -> look.Section:
    box = look.Section(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(8, 10, 8, 8)
    layout.addWidget(widget)
    return box


class ModelPanel(StepPage):
    goToStep = Signal(int)

    def __init__(self, state, window=None):
        super().__init__()
        self.state = state
        self.window_ = window
        self.preset_buttons: dict[str, QPushButton] = {}
        self._build()
        self._stale = True  # the state changed since the step was last drawn
        for signal in (state.specChanged, state.taskChanged, state.dataConfigChanged, state.tableChanged,
                       state.bundleChanged, state.trainConfigChanged):
            signal.connect(self.refresh)
        state.runningChanged.connect(self._set_running)
        self.refresh(now=True)
        self._set_running(state.running)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        head = QHBoxLayout()
        title = QLabel(self.tr("Model"))
        title.setStyleSheet("font-size:16px; font-weight:600;")
        head.addWidget(title)
        self.io_label = QLabel()
        self.io_label.setObjectName("modelIO")
        self.io_label.setStyleSheet("color:#4a5568; margin-left:12px;")
        self.io_label.setWordWrap(True)
        self.io_label.setMinimumWidth(120)
        self.io_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)  # never widen the window
        head.addWidget(self.io_label, 1)
        head.addWidget(QLabel(self.tr("Start from:")))
        for name in PRESETS:
            button = QPushButton(preset_title(name))
            button.setToolTip(self.tr("Replace the stack with this preset (Ctrl+Z brings the old one back)"))
            button.clicked.connect(lambda _=False, n=name: self.stack.apply_preset(n))
            self.preset_buttons[name] = button
            head.addWidget(button)
        layout.addLayout(head)
        self.hint = QLabel()
        self.hint.setObjectName("modelHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("background:#ebf8ff; border:1px solid #90cdf4; color:#2a4365; "
                                "border-radius:4px; padding:6px 8px;")
        layout.addWidget(self.hint)

        self.stack = LayerStackEditor(self.state)
        self.ledger = LedgerView()
        self.model_view = QPlainTextEdit()
        self.model_view.setObjectName("modelText")
        self.model_view.setReadOnly(True)
        self.model_view.setLineWrapMode(QPlainTextEdit.NoWrap)
        mono = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        mono.setPointSizeF(mono.pointSizeF() * 0.9)  # print(model)'s longest line fits the column
        self.model_view.setFont(mono)
        self.settings = TrainSettings(self.state)
        settings_scroll = QScrollArea()
        settings_scroll.setWidgetResizable(True)
        settings_scroll.setFrameShape(QScrollArea.NoFrame)
        settings_scroll.setWidget(self.settings)
        settings_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)  # (narrow windows, longer languages)

        middle = QSplitter(Qt.Vertical)
        middle.addWidget(_group(self.tr("Shape after every layer"), self.ledger))
        middle.addWidget(_group(self.tr("The model as PyTorch prints it"), self.model_view))
        middle.setStretchFactor(0, 2)
        middle.setStretchFactor(1, 1)
        middle.setSizes([400, 200])
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.setObjectName("modelSplitter")
        self.splitter.addWidget(_group(self.tr("Layers (top = input)"), self.stack))
        self.splitter.addWidget(middle)
        self.splitter.addWidget(_group(self.tr("Training settings"), settings_scroll))
        self.splitter.setChildrenCollapsible(False)
        for i, stretch in enumerate((3, 4, 3)):
            self.splitter.setStretchFactor(i, stretch)
        self.splitter.setSizes([330, 440, 300])
        layout.addWidget(self.splitter, 1)

        foot = QHBoxLayout()
        self.params_label = QLabel()
        self.params_label.setStyleSheet("color:#4a5568;")
        foot.addWidget(self.params_label, 1)
        self.next_button = QPushButton(self.tr("Next: train →"))
        self.next_button.setDefault(True)
        self.next_button.setMinimumWidth(140)
        self.next_button.clicked.connect(lambda: self.goToStep.emit(2))
        foot.addWidget(self.next_button)
        layout.addLayout(foot)
        # Ctrl+Z / Ctrl+Shift+Z anywhere in this step, not only in the layer list
        self.addActions([self.stack.undo_action, self.stack.redo_action])

    def _set_running(self, running: bool) -> None:
        """The run uses this stack and these settings: editing waits until it ends."""
        for widget in (self.stack, self.settings, *self.preset_buttons.values()):
            widget.setEnabled(not running)
        for action in (self.stack.undo_action, self.stack.redo_action):  # no Ctrl+Z into a running model
            self.removeAction(action) if running else self.addAction(action)
        if running:  # only the hint changes: rebuilding the ledger here stalled Start by ~100 ms
            self.hint.setText(self._running_hint())
            self.hint.show()
        else:
            self.refresh()

    def _running_hint(self) -> str:
        return self.tr("Training is running: the layers and settings can be changed when it ends (Stop, or wait).")

    # --- drawing from the state ------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self, now: bool = False) -> None:
        """The hint at once; the ledger and the model's code when shown (or ``now``), else when next
        shown: each choice on the Data step changes the state, and the ledger's rows cost ~20 ms to lay
        out again for a step not on screen."""
        state = self.state
        width, task = state.in_features, state.current_task
        hint = ""
        if width is None:
            hint = self.tr("Load data in step 1 first: the input width comes from the feature columns, "
                           "the output width from the label. You can build the stack already.")
        elif width == 0:
            hint = self.tr("Choose at least one feature column in step 1: the network has no input yet.")
        elif task is None:
            hint = state.task_error or self.tr("Choose a label column in step 1: it sizes the output layer.")
        elif state.table is None and state.bundle is not None:
            hint = self.tr("Showing the model opened from %s.") % state.bundle.source
        if state.running:
            hint = self._running_hint()
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        if not (now or self.isVisible()):
            self._stale = True
            return
        self._stale = False
        if not width or task is None:
            self.io_label.setText(self.tr("Input: %s features · Output: from the label") % (width or "?"))
            self.ledger.show_hint(self.tr("No shapes yet. %s") % hint)
            self._set_model_text(self.tr("# the model appears here once the data is known"))
            self.stack.set_problems({})
            self.params_label.setText("")
            return
        loss = self.settings.resolved_loss()
        ledger = build_ledger(state.spec, width, task.output_width, loss=loss,
                              output_reason=translated(task.output_reason))
        self.ledger.set_ledger(ledger, label_shape=task.label_shape, loss_name=LOSS_NAMES[loss])
        self._set_model_text(model_text(state.spec, width, task.output_width))
        self.stack.set_problems({row.index: row.problem for row in ledger.rows if row.problem})
        self.io_label.setText(self.tr("Input: %d features → Output: %d (%s)") % (
            width, task.output_width, translated(task.output_reason)))
        self.params_label.setText(self.tr("%s trainable parameters") % f"{ledger.total_params:,}")

    def _set_model_text(self, text: str) -> None:
        if text != self.model_view.toPlainText():  # the same text set again is laid out again
            self.model_view.setPlainText(text)
