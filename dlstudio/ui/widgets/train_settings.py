"""The training settings form: loss, optimizer, learning rate, batch size, epochs, schedule, device.

Every field edits ``state.train_config`` (one core ``TrainConfig``). A value the core would refuse
(``TrainConfig.problems()``) or a widget's range excludes is refused where it is typed, with the
reason beside the field; the previous value stays in force.
"""
from __future__ import annotations

import math
import sys
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSlider, QSpinBox,
                               QVBoxLayout, QWidget)

from ...core.spec import AUTO
from ...core.kinds import LOSS_NAMES
from ..core_words import translated
from .data_options import SEED_MAX
from .wheel_guard import guard_wheel

LR_LOG_RANGE = (-5.0, 0.0)  # the slider spans 1e-5 … 1; the text field takes anything the core accepts
SLIDER_STEPS_PER_DECADE = 100


def cuda_available() -> bool | None:
    """True/False once torch is imported (the app imports it in the background); None before.

    Importing torch here would block the window for seconds, so an unknown answer stays unknown
    and the engine refuses CUDA with its own message if there is none.
    """
    torch = sys.modules.get("torch")
    if torch is None or getattr(getattr(torch, "__spec__", None), "_initializing", False):
        return None
    try:
        return bool(torch.cuda.is_available())
    except Exception:  # a half-broken CUDA install: treat as unavailable
        return False


def parse_number(text: str) -> float | None:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def format_number(value: float) -> str:
    return f"{value:g}"


class TrainSettings(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.errors: dict[str, QLabel] = {}
        self._editing: dict[str, float] = {}  # a text field's value when its current edit began
        self.cuda: bool | None = None
        self._cuda_timer = QTimer(self)
        self._cuda_timer.setInterval(1500)
        self._cuda_timer.timeout.connect(self.check_cuda)
        self._build()
        state.trainConfigChanged.connect(self.refresh)
        state.taskChanged.connect(self._on_task_changed)
        state.bundleChanged.connect(self._on_task_changed)
        self._on_task_changed()

    # --- construction ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.form = QFormLayout(self)
        self.form.setContentsMargins(4, 4, 4, 4)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(6)
        self._section(self.tr("Loss"))
        self.loss = QComboBox()
        # Long loss names must not widen the form past the window: size to a fixed length, elide the rest.
        self.loss.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.loss.setMinimumContentsLength(22)
        guard_wheel(self.loss)
        self.loss.activated.connect(lambda _i: self._try("loss", self.loss.currentData()))
        self.loss_reason = QLabel()
        self.loss_reason.setWordWrap(True)
        self.loss_reason.setStyleSheet("color:#4a5568; font-size:11px;")
        self.form.addRow(self.loss)  # full width: the section title already names it
        self.form.addRow(self.loss_reason)
        self.form.addRow(self._error_label("loss"))
        self._section(self.tr("Optimizer"))
        self.optimizer = self._combo("optimizer", (("adam", self.tr("Adam")), ("adamw", self.tr("AdamW")),
                                                   ("sgd", self.tr("SGD with momentum")),
                                                   ("rmsprop", self.tr("RMSprop"))))
        self._row(self.tr("Optimizer"), self.optimizer, "optimizer")
        self.lr = self._number_field("lr", self.tr("Step size of gradient descent, e.g. 0.001 or 1e-3"))
        self.lr_slider = QSlider(Qt.Horizontal)
        low, high = LR_LOG_RANGE
        self.lr_slider.setRange(int(low * SLIDER_STEPS_PER_DECADE), int(high * SLIDER_STEPS_PER_DECADE))
        self.lr_slider.setPageStep(SLIDER_STEPS_PER_DECADE // 2)
        self.lr_slider.setToolTip(self.tr("Learning rate on a log scale, from 0.00001 to 1"))
        self.lr_slider.valueChanged.connect(self._on_lr_slider)
        guard_wheel(self.lr_slider)
        line = QHBoxLayout()
        line.addWidget(self.lr, 0)
        line.addWidget(self.lr_slider, 1)
        self._row(self.tr("Learning rate"), line, "lr")
        self.momentum = self._number_field("momentum", self.tr("Used by SGD and RMSprop; from 0 up to (not incl.) 1"))
        self._row(self.tr("Momentum"), self.momentum, "momentum")
        self.weight_decay = self._number_field("weight_decay", self.tr("L2 penalty on the weights; 0 = none"))
        self._row(self.tr("Weight decay"), self.weight_decay, "weight_decay")
        self._section(self.tr("Schedule"))
        self.batch_size = self._spin("batch_size", 1, 1_000_000, self.tr("Rows per gradient step"))
        self._row(self.tr("Batch size"), self.batch_size, "batch_size")
        self.epochs = self._spin("epochs", 1, 100_000, self.tr("Passes over the training rows"))
        self._row(self.tr("Epochs"), self.epochs, "epochs")
        self.scheduler = self._combo("scheduler", (("none", self.tr("Constant")), ("step", self.tr("Step decay")),
                                                   ("cosine", self.tr("Cosine annealing")),
                                                   ("plateau", self.tr("Reduce on plateau"))))
        self._row(self.tr("LR schedule"), self.scheduler, "scheduler")
        self.early_stopping = self._spin("early_stopping", 0, 100_000,
                                         self.tr("Stop after this many epochs without a better validation loss"),
                                         special=self.tr("off"), suffix=self.tr(" epochs"))
        self._row(self.tr("Early stopping"), self.early_stopping, "early_stopping")
        self.grad_clip = self._number_field("grad_clip", self.tr("Largest gradient norm; 0 turns clipping off"))
        self._row(self.tr("Gradient clip"), self.grad_clip, "grad_clip")
        self._section(self.tr("Run"))
        self.seed = self._spin("seed", 0, SEED_MAX, self.tr("The same seed gives the same run"))
        self._row(self.tr("Seed"), self.seed, "seed")
        self.device = self._combo("device", (("auto", self.tr("Automatic")), ("cpu", self.tr("CPU")),
                                             ("cuda", self.tr("CUDA GPU"))))
        self._row(self.tr("Device"), self.device, "device")

    def _section(self, title: str) -> None:
        label = QLabel(title)
        label.setStyleSheet("font-weight:600; color:#2d3748; margin-top:6px;")
        self.form.addRow(label)

    def _error_label(self, name: str) -> QLabel:
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setWordWrap(True)
        error.setStyleSheet("color:#c53030; font-size:11px;")
        error.hide()
        self.errors[name] = error
        return error

    def _row(self, title: str, field, name: str) -> None:
        error = self._error_label(name)
        box = QVBoxLayout()
        box.setSpacing(1)
        box.addWidget(field) if isinstance(field, QWidget) else box.addLayout(field)
        box.addWidget(error)
        self.form.addRow(title, box)

    def _combo(self, name: str, items) -> QComboBox:
        combo = QComboBox()
        for key, text in items:
            combo.addItem(text, key)
        combo.activated.connect(lambda _i: self._try(name, combo.currentData()))
        guard_wheel(combo)
        return combo

    def _spin(self, name: str, low: int, high: int, tip: str, *, special: str = "", suffix: str = "") -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)  # the range refuses what TrainConfig.problems() would refuse
        spin.setToolTip(tip)
        spin.setSuffix(suffix)
        spin.setStepType(QSpinBox.AdaptiveDecimalStepType)
        if special:
            spin.setSpecialValueText(special)
        spin.valueChanged.connect(lambda v: self._try(name, int(v)))
        guard_wheel(spin)
        return spin

    def _number_field(self, name: str, tip: str) -> QLineEdit:
        field = QLineEdit()
        field.setToolTip(tip)
        field.setMaximumWidth(110)
        field.textEdited.connect(lambda text: self._typed(name, field, text))
        field.editingFinished.connect(lambda: self._finished(name, field))
        return field

    # --- edits ---------------------------------------------------------------------------------------
    def _try(self, name: str, value) -> bool:
        """Apply one change if the core accepts it; else say why beside the field and keep the old value."""
        current = self.state.train_config
        candidate = replace(current, **{name: value})
        new_problems = [p for p in candidate.problems() if p not in current.problems()]
        if new_problems:
            self._show_error(name, " ".join(new_problems))
            return False
        self._show_error(name, "")
        self.state.set_train_config(candidate)
        return True

    def _typed(self, name: str, field: QLineEdit, text: str) -> None:
        # valid text applies at once (so F5 never trains on a stale value); refused text puts back
        # the value from before this edit, so "20" does not leave the "2" typed on the way
        kept = self._editing.setdefault(name, getattr(self.state.train_config, name))
        value = parse_number(text)
        if value is None:
            problem = self.tr("'%s' is not a number.") % text.strip()
        else:
            candidate = replace(self.state.train_config, **{name: value})
            problem = " ".join(p for p in candidate.problems() if p not in self.state.train_config.problems())
        if problem:
            if getattr(self.state.train_config, name) != kept:
                self.state.update_train_config(**{name: kept})
            self._show_error(name, problem)
            return
        self._try(name, value)
        if name == "lr":
            self._set_slider(value)

    def _finished(self, name: str, field: QLineEdit) -> None:
        """Leaving a field with a refused value: show the value still in force."""
        self._editing.pop(name, None)
        kept = getattr(self.state.train_config, name)
        if parse_number(field.text()) != kept:
            if self.errors[name].isVisible():
                self._show_error(name, self.errors[name].text() + " " +
                                 self.tr("Kept %s.") % format_number(kept))
            field.setText(format_number(kept))

    def _on_lr_slider(self, position: int) -> None:
        value = float(f"{10 ** (position / SLIDER_STEPS_PER_DECADE):.2g}")  # round numbers: 0.003, not 0.00302
        if self._try("lr", value):
            self.lr.setText(format_number(value))

    def _set_slider(self, lr: float) -> None:
        low, high = LR_LOG_RANGE
        position = min(max(math.log10(lr), low), high) * SLIDER_STEPS_PER_DECADE
        self.lr_slider.blockSignals(True)
        self.lr_slider.setValue(round(position))
        self.lr_slider.blockSignals(False)

    def _show_error(self, name: str, text: str) -> None:
        error = self.errors[name]
        error.setText(text)
        error.setVisible(bool(text))

    # --- drawing from the state ----------------------------------------------------------------------
    def _on_task_changed(self) -> None:
        task = self.state.current_task
        cfg = self.state.train_config
        if task is not None and cfg.loss != AUTO and cfg.loss not in task.losses:
            self.state.update_train_config(loss=AUTO)  # the chosen loss does not fit the new task
        self.loss.clear()
        if task is None:
            self.loss.addItem(self.tr("Chosen from the label"), AUTO)
            self.loss_reason.setText(self.tr("Load data and choose a label: the loss follows the task."))
        else:
            self.loss.addItem(self.tr("%s (proposed)") % LOSS_NAMES[task.proposed_loss], AUTO)
            for key in task.losses:
                self.loss.addItem(LOSS_NAMES[key], key)
            self.loss_reason.setText(translated(task.loss_reason))
        self.refresh()

    def refresh(self) -> None:
        cfg = self.state.train_config
        for combo, value in ((self.loss, cfg.loss), (self.optimizer, cfg.optimizer),
                             (self.scheduler, cfg.scheduler), (self.device, cfg.device)):
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)
        for spin, value in ((self.batch_size, cfg.batch_size), (self.epochs, cfg.epochs),
                            (self.early_stopping, cfg.early_stopping), (self.seed, cfg.seed)):
            if spin.value() != value:
                spin.blockSignals(True)
                spin.setValue(value)
                spin.blockSignals(False)
        for name, field in (("lr", self.lr), ("momentum", self.momentum), ("weight_decay", self.weight_decay),
                            ("grad_clip", self.grad_clip)):
            value = getattr(cfg, name)
            if name not in self._editing and parse_number(field.text()) != value:  # not while typed in
                field.setText(format_number(value))
        self._set_slider(cfg.lr)
        self.momentum.setEnabled(cfg.optimizer in ("sgd", "rmsprop"))
        self._show_device_state()

    def resolved_loss(self) -> str:
        """The loss the run will use: the proposal for 'auto' (empty without a task)."""
        task = self.state.current_task
        if task is None:
            return ""
        loss = self.state.train_config.loss
        return loss if loss in task.losses else task.proposed_loss

    # --- CUDA, checked without importing torch -------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.check_cuda()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._cuda_timer.stop()

    def check_cuda(self) -> None:
        self.cuda = cuda_available()
        if self.cuda is None and self.isVisible():
            self._cuda_timer.start()  # torch is still importing in the background: ask again soon
        else:
            self._cuda_timer.stop()
        self._show_device_state()

    def _show_device_state(self) -> None:
        index = self.device.findData("cuda")
        item = self.device.model().item(index)
        if self.cuda is False:
            item.setText(self.tr("CUDA GPU (not available here)"))
            item.setEnabled(False)
        else:
            item.setText(self.tr("CUDA GPU"))
            item.setEnabled(True)
        if self.state.train_config.device == "cuda" and self.cuda is False:
            self._show_error("device", self.tr("PyTorch finds no CUDA GPU here; choose CPU or Automatic."))
        elif self.state.train_config.device == "cuda" and self.cuda is None:
            self._show_error("device", self.tr("Whether a CUDA GPU is available is checked when training starts."))
        else:
            self._show_error("device", "")
