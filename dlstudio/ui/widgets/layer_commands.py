"""Undoable edits of the layer stack, one QUndoCommand per kind of edit.

Every command keeps the whole stack before and after: a stack is a handful of small frozen
LayerSpecs, so the snapshots cost nothing and undo restores exactly what was there.
``apply(layers, select_row)`` writes a stack into the state and selects a row.
"""
from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from ...core.spec import LayerSpec
from .layer_row import param_label

Apply = Callable[[tuple[LayerSpec, ...], int], None]
EDIT_PARAM_ID = 4101  # QUndoCommand.id(): consecutive edits of one field merge into one undo step


class LayerHistory(QUndoStack):
    """The stack's edits, kept by the window's state: a language switch builds a new editor, and the
    person's undo steps stay. Its commands apply through whichever editor draws the stack now."""

    def __init__(self, parent):
        super().__init__(parent)
        self.editor = None  # the LayerStackEditor showing the stack (set by it)

    def apply(self, layers: tuple[LayerSpec, ...], select: int) -> None:
        self.editor.apply_layers(layers, select)


def layer_history(state) -> LayerHistory:
    """The state's history of layer edits, made on first use."""
    history = getattr(state, "_layer_history", None)
    if history is None:
        history = state._layer_history = LayerHistory(state)
    return history


class StackCommand(QUndoCommand):
    def __init__(self, apply: Apply, before: Sequence[LayerSpec], after: Sequence[LayerSpec], text: str,
                 select_after: int = -1, select_before: int = -1):
        super().__init__(text)
        self._apply = apply
        self.before, self.after = tuple(before), tuple(after)
        self.select_before, self.select_after = select_before, select_after

    def redo(self) -> None:
        self._apply(self.after, self.select_after)

    def undo(self) -> None:
        self._apply(self.before, self.select_before)


class InsertLayer(StackCommand):
    def __init__(self, apply: Apply, layers: Sequence[LayerSpec], row: int, layer: LayerSpec):
        after = list(layers)
        after.insert(row, layer)
        text = QCoreApplication.translate("LayerCommands", "Add %s") % layer.type
        super().__init__(apply, layers, after, text, row, row - 1)


class RemoveLayer(StackCommand):
    def __init__(self, apply: Apply, layers: Sequence[LayerSpec], row: int):
        after = list(layers)
        removed = after.pop(row)
        text = QCoreApplication.translate("LayerCommands", "Remove %s") % removed.type
        super().__init__(apply, layers, after, text, min(row, len(after) - 1), row)


class DuplicateLayer(StackCommand):
    def __init__(self, apply: Apply, layers: Sequence[LayerSpec], row: int):
        after = list(layers)
        after.insert(row + 1, layers[row])
        text = QCoreApplication.translate("LayerCommands", "Duplicate %s") % layers[row].type
        super().__init__(apply, layers, after, text, row + 1, row)


class MoveLayer(StackCommand):
    def __init__(self, apply: Apply, layers: Sequence[LayerSpec], row: int, to: int):
        after = list(layers)
        after.insert(to, after.pop(row))
        text = QCoreApplication.translate("LayerCommands", "Move %s") % layers[row].type
        super().__init__(apply, layers, after, text, to, row)


class ApplyPreset(StackCommand):
    def __init__(self, apply: Apply, layers: Sequence[LayerSpec], preset: Sequence[LayerSpec], name: str):
        text = QCoreApplication.translate("LayerCommands", "Preset %s") % name
        super().__init__(apply, layers, preset, text, -1, -1)


class EditParam(StackCommand):
    def __init__(self, apply: Apply, layers: Sequence[LayerSpec], row: int, name: str, value):
        after = list(layers)
        old = layers[row]
        after[row] = LayerSpec(old.type, {**old.params, name: value})
        text = QCoreApplication.translate("LayerCommands", "Set %s of %s") % (param_label(name), old.type)
        super().__init__(apply, layers, after, text, row, row)
        self.key = (row, name)

    def id(self) -> int:
        return EDIT_PARAM_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        # typing "128" edits 1, 12, 128: one undo step, not three
        if not isinstance(other, EditParam) or other.key != self.key or other.before != self.after:
            return False
        self.after = other.after
        self.setObsolete(self.after == self.before)
        return True
