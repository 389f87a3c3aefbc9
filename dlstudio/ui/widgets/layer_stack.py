"""The layer stack editor: a list of layers (top = input) built from a palette, reordered by
buttons, keys or drag, each layer's settings edited in its row, every edit undoable.

The editor writes only through ``state.set_spec`` (via the undo commands) and redraws from
``state.spec``, so an undo, a preset or an opened model all show the same way.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QStyle, QToolButton, QVBoxLayout, QWidget)

from ...core.errors import DLStudioError
from ...core.spec import AUTO, LAYER_TYPES, PRESETS, LayerSpec, ModelSpec
from ..core_words import translated
from .layer_commands import ApplyPreset, DuplicateLayer, EditParam, InsertLayer, MoveLayer, RemoveLayer, layer_history
from .layer_row import KIND_COLORS, LayerRow, layer_kind

ITEM_MIME = "application/x-qabstractitemmodeldatalist"


# Marked for pyside6-lupdate here, translated where shown (the keys stay PyTorch's class names).
_LAYER_HELP = {
    "Linear": QT_TRANSLATE_NOOP("LayerStack",
                                "Fully connected: every output is a weighted sum of all inputs plus a bias."),
    "ReLU": QT_TRANSLATE_NOOP("LayerStack", "max(0, x): the usual activation between Linear layers."),
    "LeakyReLU": QT_TRANSLATE_NOOP("LayerStack", "Like ReLU, but lets a small slope through for negative inputs."),
    "GELU": QT_TRANSLATE_NOOP("LayerStack", "A smooth ReLU, common in transformers."),
    "SiLU": QT_TRANSLATE_NOOP("LayerStack", "x · sigmoid(x), a smooth ReLU (also called Swish)."),
    "Tanh": QT_TRANSLATE_NOOP("LayerStack", "Squashes values into −1…1."),
    "Sigmoid": QT_TRANSLATE_NOOP("LayerStack",
                                 "Squashes values into 0…1. Not needed before a loss that takes logits."),
    "ELU": QT_TRANSLATE_NOOP("LayerStack", "Like ReLU, with a smooth exponential curve for negative inputs."),
    "BatchNorm1d": QT_TRANSLATE_NOOP("LayerStack", "Normalises each feature over the batch; often speeds up training."),
    "LayerNorm": QT_TRANSLATE_NOOP("LayerStack", "Normalises each sample over its features."),
    "Dropout": QT_TRANSLATE_NOOP("LayerStack",
                                 "Zeroes a random fraction p of values while training, against over-fitting."),
}
_PRESET_TITLES = {
    "Linear model": QT_TRANSLATE_NOOP("LayerStack", "Linear model"),
    "MLP 64-64": QT_TRANSLATE_NOOP("LayerStack", "MLP 64-64"),
    "MLP 128-64 + BatchNorm + Dropout": QT_TRANSLATE_NOOP("LayerStack", "MLP 128-64 + BatchNorm + Dropout"),
}


def layer_help(layer_type: str) -> str:
    text = _LAYER_HELP.get(layer_type)
    return QCoreApplication.translate("LayerStack", text) if text else layer_type


def preset_title(name: str) -> str:
    """A preset's name as a person reads it (the keys of spec.PRESETS stay English)."""
    text = _PRESET_TITLES.get(name)
    return QCoreApplication.translate("LayerStack", text) if text else name


class StackList(QListWidget):
    """A list whose drag-and-drop asks for a move instead of moving items itself (rows hold widgets)."""

    moveRequested = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setDragDropMode(QAbstractItemView.InternalMove)
        self.setDefaultDropAction(Qt.MoveAction)
        self.setDropIndicatorShown(True)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        # a light selection: the rows' coloured names and spin boxes stay readable on it
        self.setStyleSheet("QListWidget::item:selected { background: #e2efff; border-left: 3px solid #3182ce; }"
                           "QListWidget::item:selected:!active { background: #edf2f7; }")

    def drop_row(self, pos) -> int:
        """The row a drop at ``pos`` inserts before (count() for the end)."""
        index = self.indexAt(pos)
        if not index.isValid():
            return self.count()
        rect = self.visualRect(index)
        return index.row() + (1 if pos.y() > rect.center().y() else 0)

    def dropEvent(self, event) -> None:
        if not event.mimeData().hasFormat(ITEM_MIME):
            super().dropEvent(event)
            return
        source = self.currentRow()
        before = self.drop_row(event.position().toPoint())
        to = before - 1 if before > source else before
        event.setDropAction(Qt.IgnoreAction)  # Qt must not move the item: the stack is redrawn from the state
        event.accept()
        if source >= 0 and to != source:
            # after the drag's own event loop has finished with the items
            QTimer.singleShot(0, lambda: self.moveRequested.emit(source, to))


class _Tip(QObject):
    """Keeps an undo/redo button's tooltip naming the step. A child of the button, so that Qt drops its
    connection to the history (which outlives the editor) with the button."""

    def __init__(self, button: QToolButton, verb: str, keys: str):
        super().__init__(button)
        self.button, self.verb, self.keys = button, verb, keys

    def show(self, text: str) -> None:
        self.button.setToolTip(f"{self.verb} {text} ({self.keys})".replace("  ", " "))


class LayerStackEditor(QWidget):
    def __init__(self, state, parent=None):
        super().__init__(parent)
        self.state = state
        self.undo_stack = layer_history(state)  # (outlives this editor: a language switch builds another)
        self.undo_stack.editor = self
        self.rows: list[LayerRow] = []
        self.palette_buttons: dict[str, QPushButton] = {}
        self._key = None
        self._select: int | None = None  # the row to select after the next redraw (None: keep; -1: none)
        self._applying = False
        self._problems: dict[int, str] = {}
        self._build()
        state.specChanged.connect(self._on_spec_changed)
        state.taskChanged.connect(self.refresh)
        state.bundleChanged.connect(self.refresh)
        self.refresh()

    # --- construction ------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        style = self.style()
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.Undo)])
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        redo_keys = [QKeySequence(QKeySequence.Redo), QKeySequence("Ctrl+Shift+Z")]
        self.redo_action.setShortcuts(list(dict.fromkeys(k for k in redo_keys if not k.isEmpty())))
        self.act_duplicate = self._action(self.tr("Duplicate"), self.duplicate_selected, "Ctrl+D", None)
        self.act_remove = self._action(self.tr("Remove"), self.remove_selected, QKeySequence.Delete,
                                       style.standardIcon(QStyle.SP_TrashIcon))
        self.act_up = self._action(self.tr("Up"), lambda: self.move_selected(-1), "Alt+Up",
                                   style.standardIcon(QStyle.SP_ArrowUp))
        self.act_down = self._action(self.tr("Down"), lambda: self.move_selected(1), "Alt+Down",
                                     style.standardIcon(QStyle.SP_ArrowDown))
        for act in (self.undo_action, self.redo_action):
            act.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            self.addAction(act)
        bar = QHBoxLayout()
        bar.setSpacing(2)
        self.tool_buttons: dict[str, QToolButton] = {}
        for key, act in (("up", self.act_up), ("down", self.act_down), ("duplicate", self.act_duplicate),
                         ("remove", self.act_remove)):
            button = QToolButton()
            button.setDefaultAction(act)
            button.setToolButtonStyle(Qt.ToolButtonIconOnly if act.text() in (self.tr("Up"), self.tr("Down"))
                                      else Qt.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            self.tool_buttons[key] = button
            bar.addWidget(button)
        bar.addStretch(1)
        # plain buttons, not the actions: the standard icons are navigation arrows, these glyphs read as undo/redo
        history = self.undo_stack
        self._verbs = {"undo": self.tr("Undo"), "redo": self.tr("Redo")}
        for key, glyph, act, can, able in (
                ("undo", "↶", self.undo_action, history.canUndoChanged, history.canUndo()),
                ("redo", "↷", self.redo_action, history.canRedoChanged, history.canRedo())):
            button = QToolButton()
            button.setText(glyph)
            button.setAutoRaise(True)
            button.setStyleSheet("font-size:16px;")
            button.setEnabled(able)  # (the history outlives a language switch)
            button.clicked.connect(act.trigger)
            can.connect(button.setEnabled)
            tip = _Tip(button, self._verbs[key], act.shortcut().toString(QKeySequence.NativeText))
            (history.undoTextChanged if key == "undo" else history.redoTextChanged).connect(tip.show)
            tip.show(history.undoText() if key == "undo" else history.redoText())
            self.tool_buttons[key] = button
            bar.addWidget(button)
        layout.addLayout(bar)
        self.list = StackList()
        self.list.setObjectName("layerList")
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.moveRequested.connect(self.move)
        self.act_remove.setShortcutContext(Qt.WidgetShortcut)  # Delete in a spin box edits the number
        self.list.addAction(self.act_remove)
        layout.addWidget(self.list, 1)
        self.empty_hint = QLabel(self.tr("The stack is empty: add a Linear layer from the palette below, "
                                         "or pick a preset."))
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color:#718096; padding:4px;")
        layout.addWidget(self.empty_hint)
        caption = QLabel(self.tr("Add a layer (below the selected one):"))
        caption.setStyleSheet("color:#4a5568; margin-top:4px;")
        layout.addWidget(caption)
        grid = QGridLayout()
        grid.setSpacing(4)
        for i, layer_type in enumerate(LAYER_TYPES):
            button = QPushButton("+ " + layer_type)
            color = KIND_COLORS.get(layer_kind(layer_type), "#4a5568")
            button.setStyleSheet(f"QPushButton {{ text-align:left; padding:3px 6px; border-left:3px solid {color}; }}")
            button.setToolTip(layer_help(layer_type))
            button.clicked.connect(lambda _=False, t=layer_type: self.add_layer(t))
            self.palette_buttons[layer_type] = button
            grid.addWidget(button, i // 3, i % 3)
        layout.addLayout(grid)

    def _action(self, text, slot, shortcut, icon) -> QAction:
        act = QAction(text, self)
        if icon is not None:
            act.setIcon(icon)
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        act.setToolTip(f"{text} ({act.shortcut().toString(QKeySequence.NativeText)})")
        act.triggered.connect(lambda _=False: slot())
        self.addAction(act)
        return act

    # --- edits (each one an undo command) -----------------------------------------------------------
    def layers(self) -> tuple[LayerSpec, ...]:
        return tuple(self.state.spec.layers)

    def apply_layers(self, layers, select: int) -> None:
        self._select = select
        self._applying = True
        try:
            self.state.set_spec(ModelSpec(list(layers)))
        finally:
            self._applying = False
        self.refresh()

    def add_layer(self, layer_type: str) -> None:
        layers = self.layers()
        row = self.list.currentRow()
        if row >= 0:
            at = row + 1
        else:  # nothing selected: just above the output layer, so the network still ends with it
            at = len(layers) - 1 if layers and layers[-1].type == "Linear" else len(layers)
        self.undo_stack.push(InsertLayer(self.undo_stack.apply, layers, at, LayerSpec(layer_type)))

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.undo_stack.push(RemoveLayer(self.undo_stack.apply, self.layers(), row))

    def duplicate_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.undo_stack.push(DuplicateLayer(self.undo_stack.apply, self.layers(), row))

    def move_selected(self, delta: int) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.move(row, row + delta)

    def move(self, row: int, to: int) -> None:
        layers = self.layers()
        if row != to and 0 <= row < len(layers) and 0 <= to < len(layers):
            self.undo_stack.push(MoveLayer(self.undo_stack.apply, layers, row, to))

    def apply_preset(self, name: str) -> None:
        self.undo_stack.push(ApplyPreset(self.undo_stack.apply, self.layers(), PRESETS[name].layers, preset_title(name)))

    def set_param(self, row: int, name: str, value) -> None:
        layers = self.layers()
        if not (0 <= row < len(layers)) or layers[row].params.get(name) == value:
            return
        try:
            command = EditParam(self.undo_stack.apply, layers, row, name, value)
        except DLStudioError as exc:  # the spin boxes' ranges make this rare; say so rather than crash
            self.state.report(exc)
            return
        self.undo_stack.push(command)

    # --- drawing from the state ---------------------------------------------------------------------
    def _on_spec_changed(self) -> None:
        if self.undo_stack.editor is not self:
            return  # (an editor a language switch replaced, not yet deleted)
        if not self._applying:  # a model was opened or restored: the old edits no longer apply
            self.undo_stack.clear()
        self.refresh()

    def _last_linear(self, layers) -> int:
        return max((i for i, layer in enumerate(layers) if layer.type == "Linear"), default=-1)

    def refresh(self) -> None:
        layers = self.layers()
        last = self._last_linear(layers)
        key = tuple(layer.type for layer in layers)  # (whether a row may be 'auto' changes in place)
        keep = self.list.currentRow() if self._select is None else self._select
        self._select = None
        if key != self._key:
            self._rebuild(layers, key)
        for i, (row, layer) in enumerate(zip(self.rows, layers)):  # in place: a field typed in keeps its focus
            row.set_auto_allowed(i == last or layer.params.get("out_features") == AUTO)
            row.set_layer(i, layer)
        task = self.state.current_task
        for i, (row, layer) in enumerate(zip(self.rows, layers)):
            locked = ""
            if i == last and layer.params["out_features"] == AUTO:
                locked = translated(task.output_reason) if task else self.tr("sized by the label once data is loaded")
            row.set_locked(locked)
            row.set_problem(self._problems.get(i, ""))
            self.list.item(i).setSizeHint(row.sizeHint())
        self.list.setCurrentRow(keep if 0 <= keep < len(layers) else -1)
        self.empty_hint.setVisible(not layers)
        self._update_buttons()

    def _rebuild(self, layers, key) -> None:
        """New rows for the layers between the rows that stay (those before and after an edit, matched
        from both ends): an edit of a stack of 120 layers built all 120 anew, 0.3 s each time."""
        old = self._key or ()
        start = 0
        while start < min(len(old), len(key)) and old[start] == key[start]:
            start += 1
        end_old, end_new = len(old), len(key)
        while end_old > start and end_new > start and old[end_old - 1] == key[end_new - 1]:
            end_old, end_new = end_old - 1, end_new - 1
        for i in range(end_old - 1, start - 1, -1):
            self.list.removeItemWidget(self.list.item(i))  # (deletes the row's widget)
            self.list.takeItem(i)
            del self.rows[i]
        for i in range(start, end_new):
            last = self._last_linear(layers)
            row = LayerRow(i, layers[i], auto_allowed=i == last or layers[i].params.get("out_features") == AUTO)
            # (rows move when others come or go: each looks its place up when it is used)
            row.edited.connect(lambda name, value, row=row: self.set_param(self.rows.index(row), name, value))
            row.focused.connect(lambda row=row: self.list.setCurrentRow(self.rows.index(row)))
            item = QListWidgetItem()
            item.setToolTip(layer_help(layers[i].type))
            self.list.insertItem(i, item)
            self.list.setItemWidget(item, row)
            self.rows.insert(i, row)
        self._key = key

    def set_problems(self, problems: dict[int, str]) -> None:
        """Mark rows the ledger found wrong (row → plain-words problem)."""
        self._problems = dict(problems)
        for i, row in enumerate(self.rows):
            row.set_problem(self._problems.get(i, ""))

    def _update_buttons(self, *_args) -> None:
        row, n = self.list.currentRow(), self.list.count()
        selected = 0 <= row < n
        self.act_remove.setEnabled(selected)
        self.act_duplicate.setEnabled(selected)
        self.act_up.setEnabled(selected and row > 0)
        self.act_down.setEnabled(selected and row < n - 1)
