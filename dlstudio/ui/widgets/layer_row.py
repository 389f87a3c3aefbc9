"""One row of the layer stack: the layer's name and its settings, edited in place.

Spin boxes carry the core's ranges (spec.LAYER_TYPES), so a value outside them cannot be typed:
invalid input is refused where it is typed, never later at training time.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from ...core.spec import ACTIVATIONS, AUTO, LAYER_TYPES, LayerSpec
from .wheel_guard import guard_wheel

# how a float setting is typed: (decimals, single step)
_FLOAT_STEPS = {"p": (2, 0.05), "negative_slope": (3, 0.01), "alpha": (2, 0.1)}
KIND_COLORS = {"Linear": "#2b6cb0", "activation": "#2f855a", "norm": "#805ad5", "Dropout": "#b7791f"}


def layer_kind(layer_type: str) -> str:
    if layer_type in ACTIVATIONS:
        return "activation"
    if layer_type in ("BatchNorm1d", "LayerNorm"):
        return "norm"
    return layer_type


def param_label(name: str) -> str:
    # QCoreApplication.translate written out (not aliased) so that pyside6-lupdate sees each text
    labels = {"out_features": QCoreApplication.translate("LayerRow", "units"),
              "p": QCoreApplication.translate("LayerRow", "drop p"),
              "negative_slope": QCoreApplication.translate("LayerRow", "negative slope"),
              "alpha": QCoreApplication.translate("LayerRow", "alpha")}
    return labels.get(name, name)


class UnitsSpinBox(QSpinBox):
    """Whole units, or 'auto' (shown and typed as the word) just below the smallest width."""

    def validate(self, text: str, pos: int):
        word = self.specialValueText()
        if word and text.strip() and word.startswith(text.strip().lower()):
            return (QValidator.Acceptable if text.strip().lower() == word else QValidator.Intermediate), text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> int:
        word = self.specialValueText()
        if word and text.strip().lower() == word:
            return self.minimum()
        return super().valueFromText(text)


class LayerRow(QWidget):
    """``edited(name, value)`` when a setting changes; ``focused()`` when one of its fields gets focus."""

    edited = Signal(str, object)
    focused = Signal()

    def __init__(self, index: int, layer: LayerSpec, *, auto_allowed: bool = False, parent=None):
        super().__init__(parent)
        self.layer_type = layer.type
        self.auto_allowed = auto_allowed
        self.editors: dict[str, QAbstractSpinBox] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 5, 8, 5)
        outer.setSpacing(2)
        line = QHBoxLayout()
        line.setSpacing(6)
        outer.addLayout(line)
        self.handle = QLabel("⠿")
        self.handle.setToolTip(self.tr("Drag to move this layer"))
        self.handle.setStyleSheet("color:#a0aec0;")
        self.number = QLabel()
        self.number.setMinimumWidth(18)
        self.number.setStyleSheet("color:#718096;")
        color = KIND_COLORS.get(layer_kind(layer.type), "#4a5568")
        self.name = QLabel(layer.type)
        self.name.setStyleSheet(f"font-weight:600; color:{color};")
        self.name.setMinimumWidth(84)
        for w in (self.handle, self.number, self.name):
            line.addWidget(w)
        for name, (kind, _default, (low, high)) in LAYER_TYPES[layer.type].items():
            caption = QLabel(param_label(name))
            caption.setStyleSheet("color:#4a5568;")
            editor = self._make_editor(name, kind, low, high)
            caption.setBuddy(editor)
            line.addWidget(caption)
            line.addWidget(editor)
        line.addStretch(1)
        self.warning = QLabel("⚠")
        self.warning.setStyleSheet("color:#c53030; font-weight:bold;")
        self.warning.hide()
        line.addWidget(self.warning)
        self.lock = QLabel()
        self.lock.setWordWrap(True)
        self.lock.setStyleSheet("color:#718096; font-size:11px; padding-left:28px;")
        self.lock.hide()
        outer.addWidget(self.lock)
        self.set_layer(index, layer)

    def _make_editor(self, name: str, kind, low, high) -> QAbstractSpinBox:
        if kind is int:
            editor = UnitsSpinBox()
            # 'auto' sits just below the smallest width: type "auto" (or step down) to follow the task
            editor.setProperty("low", int(low))
            editor.setRange(0 if self.auto_allowed else int(low), int(high))
            if self.auto_allowed:
                editor.setSpecialValueText(AUTO)
            editor.setStepType(QAbstractSpinBox.AdaptiveDecimalStepType)
            editor.setMinimumWidth(78)
            editor.valueChanged.connect(lambda v, n=name: self.edited.emit(n, AUTO if v == 0 else v))
        else:
            decimals, step = _FLOAT_STEPS.get(name, (3, 0.01))
            editor = QDoubleSpinBox()
            editor.setDecimals(decimals)
            editor.setRange(float(low), float(high))
            editor.setSingleStep(step)
            editor.setMinimumWidth(70)
            editor.valueChanged.connect(lambda v, n=name: self.edited.emit(n, v))
        editor.setAccelerated(True)
        editor.setKeyboardTracking(True)  # the ledger follows every keystroke
        editor.setProperty("rangeTip", self.tr("%s: from %s to %s") % (param_label(name), f"{low:g}", f"{high:g}"))
        editor.setToolTip(editor.property("rangeTip"))
        editor.installEventFilter(self)
        guard_wheel(editor)  # scrolling the stack must not change a layer
        self.editors[name] = editor
        return editor

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.FocusIn:
            self.focused.emit()
        return False

    def set_layer(self, index: int, layer: LayerSpec) -> None:
        """Show ``layer`` without emitting ``edited`` (the value came from the state)."""
        self.number.setText(str(index + 1))
        for name, editor in self.editors.items():
            value = layer.params[name]
            value = 0 if value == AUTO else value
            if editor.value() != value:
                editor.blockSignals(True)
                editor.setValue(value)
                editor.blockSignals(False)

    def set_auto_allowed(self, allowed: bool) -> None:
        """Whether the units may be 'auto' (the output layer's, or a row still at 'auto'): changed in place,
        so a row being typed in keeps its editor (rebuilt, it lost the next keystrokes)."""
        units = self.editors.get("out_features")
        if units is None or allowed == self.auto_allowed:
            return
        self.auto_allowed = allowed
        units.blockSignals(True)
        units.setMinimum(0 if allowed else units.property("low"))
        units.setSpecialValueText(AUTO if allowed else "")
        units.blockSignals(False)

    def set_locked(self, reason: str) -> None:
        """The output layer's width follows the task; say why (empty: not locked)."""
        self.lock.setText(self.tr("Sized by the task: %s") % reason if reason else "")
        self.lock.setVisible(bool(reason))
        units = self.editors.get("out_features")
        if units is not None:
            units.setToolTip(self.tr("Sized by the task: %s. Type a number to override.") % reason
                             if reason else units.property("rangeTip"))  # (a row that is no longer the output)

    def set_problem(self, text: str) -> None:
        self.warning.setVisible(bool(text))
        self.warning.setToolTip(text)
