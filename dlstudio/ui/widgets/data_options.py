"""How the inputs are prepared: standardisation, missing values, validation split and its seed.

Every change goes to ``state.update_data_config``; the widgets are then set back from the state
(with their signals blocked), so a Data step rebuilt from the state shows the same choices.
"""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout

from .. import look
from .wheel_guard import guard_wheel


SEED_MAX = 2**31 - 1  # a QSpinBox holds a 32-bit int


def make_combo(items: list[tuple[str, str]], name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for text, key in items:
        combo.addItem(text, key)
    guard_wheel(combo)
    return combo


def set_combo(combo: QComboBox, key) -> None:
    combo.blockSignals(True)
    combo.setCurrentIndex(max(combo.findData(key), 0))
    combo.blockSignals(False)


def set_spin(spin: QSpinBox, value: int) -> None:
    if spin.value() != value:
        spin.blockSignals(True)
        spin.setValue(value)
        spin.blockSignals(False)


class PreparationBox(look.Section):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Preparation"))
        self.state = state
        # The wrapped hint sits between two forms, in a box layout: a form gave it the height of fewer
        # lines than it wraps to (QFormLayout and height-for-width), and its text was cut at both ends.
        outer = QVBoxLayout(self)
        form, rest = QFormLayout(), QFormLayout()
        for part in (form, rest):
            part.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.standardize = make_combo([(self.tr("None (raw values)"), "none"),
                                       (self.tr("Z-score (mean 0, std 1)"), "zscore"),
                                       (self.tr("Min-max (0 to 1)"), "minmax")], "standardize")
        self.standardize.setToolTip(self.tr("How each input column is scaled, fitted on the training rows only"))
        self.scale_hint = QLabel()
        look.hint(self.scale_hint)
        self.scale_hint.setWordWrap(True)
        self.missing = make_combo([(self.tr("Fill in (mean or a '(missing)' category)"), "impute"),
                                   (self.tr("Drop rows with a missing value"), "drop")], "missing")
        self.missing.setToolTip(self.tr("Rows without a label are always left out"))
        self.val_split = QSpinBox()
        self.val_split.setObjectName("valSplit")
        self.val_split.setRange(0, 90)
        self.val_split.setSuffix(" %")
        self.val_split.setToolTip(self.tr("Rows held back to check the model on data it did not learn from"))
        self.seed = QSpinBox()
        self.seed.setObjectName("splitSeed")
        self.seed.setRange(0, SEED_MAX)
        self.seed.setToolTip(self.tr("The same seed gives the same split, so runs can be compared"))
        guard_wheel(self.val_split, self.seed)
        names = [QLabel(self.tr("Standardize:")), QLabel(self.tr("Missing values:")),
                 QLabel(self.tr("Validation split:"))]
        width = max(name.sizeHint().width() for name in names)
        for name in names:  # (the two forms' fields line up)
            name.setMinimumWidth(width)
        form.addRow(names[0], self.standardize)
        rest.addRow(names[1], self.missing)
        split = QHBoxLayout()
        split.addWidget(self.val_split, 1)
        split.addWidget(QLabel(self.tr("seed")))
        split.addWidget(self.seed, 1)
        rest.addRow(names[2], split)
        outer.addLayout(form)
        outer.addWidget(self.scale_hint)
        outer.addLayout(rest)
        outer.addStretch(1)
        self.standardize.currentIndexChanged.connect(
            lambda: state.update_data_config(standardize=self.standardize.currentData()))
        self.missing.currentIndexChanged.connect(lambda: state.update_data_config(missing=self.missing.currentData()))
        self.val_split.valueChanged.connect(lambda v: state.update_data_config(val_split=v / 100))
        self.seed.valueChanged.connect(lambda v: state.update_data_config(split_seed=v))
        state.dataConfigChanged.connect(self.sync)
        self.sync()

    def sync(self) -> None:
        cfg = self.state.data_config
        set_combo(self.standardize, cfg.standardize)
        set_combo(self.missing, cfg.missing)
        set_spin(self.val_split, int(round(cfg.val_split * 100)))
        set_spin(self.seed, int(cfg.split_seed))
        hints = {"zscore": self.tr("Inputs become (x − mean) / std so no column dominates by its units;"),
                 "minmax": self.tr("Inputs are mapped to 0…1 so no column dominates by its units;"),
                 "none": self.tr("Inputs go in raw: large units can slow or destabilise training;")}
        self.scale_hint.setText(hints.get(cfg.standardize, "") + " " +
                                self.tr("labels keep their units, so predictions read directly."))
